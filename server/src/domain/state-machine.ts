/**
 * Every stateful thing (an import, a card batch, a submission, a district batch) is a table of
 * transitions: from which states an event leads to which state, and which permission it takes
 * (null: only the system, e.g. a job, takes it). The table is data; `next` is the whole rule.
 * changes/transition.ts applies it; the API exposes the events open to the caller from the same table.
 */
export interface Transition<S extends string, E extends string> {
  from: readonly S[];
  event: E;
  to: S;
  /** The permission a user needs; null when only the system makes this move. */
  permission: string | null;
}

export interface StateMachine<S extends string, E extends string> {
  /** Names the subject in state-change rows, e.g. `MemberImport`. */
  subject: string;
  initial: S;
  transitions: readonly Transition<S, E>[];
}

export function defineMachine<S extends string, E extends string>(machine: StateMachine<S, E>): StateMachine<S, E> {
  for (const t of machine.transitions) {
    const clash = machine.transitions.find((o) => o !== t && o.event === t.event && o.from.some((s) => t.from.includes(s)));
    if (clash) throw new Error(`${machine.subject}: event ${t.event} is ambiguous from ${t.from.filter((s) => clash.from.includes(s)).join(', ')}`);
  }
  return machine;
}

/** The transition `event` takes from `state`, or null when the table has none. */
export function transitionFor<S extends string, E extends string>(machine: StateMachine<S, E>, state: S, event: E): Transition<S, E> | null {
  return machine.transitions.find((t) => t.event === event && t.from.includes(state)) ?? null;
}

/** The state `event` leads to from `state`, or null when it cannot happen there. */
export function next<S extends string, E extends string>(machine: StateMachine<S, E>, state: S, event: E): S | null {
  return transitionFor(machine, state, event)?.to ?? null;
}

/** The events a holder of `permissions` may send from `state` (what the UI enables). */
export function eventsOpen<S extends string, E extends string>(machine: StateMachine<S, E>, state: S, permissions: readonly string[]): E[] {
  return machine.transitions.filter((t) => t.from.includes(state) && t.permission !== null && permissions.includes(t.permission)).map((t) => t.event);
}

/** States no event leaves. */
export function isFinal<S extends string, E extends string>(machine: StateMachine<S, E>, state: S): boolean {
  return !machine.transitions.some((t) => t.from.includes(state));
}
