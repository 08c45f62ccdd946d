import type { CombinedError } from '@urql/vue';
import { computed, ref, type Ref } from 'vue';
import { useErrorMessage } from './use-error-message';
import { useVersionedEdit } from './use-versioned-edit';

/**
 * A refusal in a mutation's result union, as documents ask for it:
 * `... on ErrorResult { code message } ... on UserError { field fields { field message } } ... on VersionConflict { currentVersion }`.
 */
export interface Refusal {
  __typename?: string;
  message: string;
  field?: string | null;
  fields?: readonly { field: string; message: string }[];
  currentVersion?: number;
}

/** What a dialog's `send` hands back: the mutation's outcome (its result union) and the request's error. */
export interface MutationAnswer<Outcome> {
  outcome: Outcome | null | undefined;
  error?: CombinedError;
}

/** The props that put a server message under an input and take it away when the input changes (`v-bind="bind('name')"`). */
export interface FieldBinding {
  error: true | undefined;
  errorMessage: string | undefined;
  'onUpdate:modelValue': () => void;
}

/**
 * THE way a form sends its mutation (every dialog, the login and the password form). It shows every
 * field error of the server's answer beside its input at once (`fields` of UserError), a refusal about
 * no input of this form in a banner (`failure`), and a failed request as "cannot reach the server".
 * A server message stays under its input until that input changes.
 *
 * With `versioned`, the form edits a versioned row: `version` is sent with the change, `reset(row)`
 * starts from a row, and a VersionConflict fetches the stored row and starts the form over from it
 * (use-versioned-edit.ts), saying so in the banner.
 */
export function useFormMutation<Field extends string, Row extends { version: number } = { version: number }>(options: {
  /** The inputs of this form, named as the mutation's input names them. */
  fields: readonly Field[];
  versioned?: {
    /** The row as stored now (a network-only read); null when the caller can no longer see it. */
    refetch: () => Promise<Row | null | undefined>;
    /** Fills the form from a row. */
    fill?: (row: Row) => void;
    /** Someone else saved first: the page behind should reload. */
    stale?: () => void;
  };
}) {
  const errorMessage = useErrorMessage();
  const versioned = useVersionedEdit<Row>({ refetch: options.versioned?.refetch ?? (async () => null), fill: options.versioned?.fill });
  /** What the server said about each input, shown under it. */
  const errors = ref({}) as Ref<Partial<Record<Field, string>>>;
  /** A refusal about none of this form's inputs, or a failed request: shown in a banner. */
  const failure = ref('');
  const sending = ref(false);
  /** True while the mutation runs or, after a conflict, the stored row is fetched. */
  const busy = computed(() => sending.value || versioned.reloading.value);

  function isField(field: string): field is Field {
    return (options.fields as readonly string[]).includes(field);
  }

  /** Clears every message; with a row (versioned forms), starts the edit from it. */
  function reset(row?: Row | null): void {
    errors.value = {};
    failure.value = '';
    if (options.versioned) versioned.start(row);
  }

  /** The input changed: the server's word about it no longer applies. */
  function edited(field: Field): void {
    if (errors.value[field] === undefined) return;
    const { [field]: _dropped, ...rest } = errors.value;
    errors.value = rest as Partial<Record<Field, string>>;
  }

  function bind(field: Field): FieldBinding {
    const message = errors.value[field];
    return { error: message ? true : undefined, errorMessage: message, 'onUpdate:modelValue': () => edited(field) };
  }

  /** Every field error beside its input; those about other inputs (or none) in the banner. */
  function show(refusal: Refusal, explain?: string): void {
    const problems = refusal.fields?.length ? refusal.fields : refusal.field ? [{ field: refusal.field, message: refusal.message }] : [];
    const next: Partial<Record<Field, string>> = {};
    const elsewhere: string[] = [];
    for (const { field, message } of problems) {
      if (isField(field)) next[field] = next[field] ? `${next[field]} ${message}` : message;
      else elsewhere.push(message);
    }
    errors.value = next;
    failure.value = explain ?? (problems.length === 0 ? refusal.message : elsewhere.join(' '));
  }

  /**
   * Sends the mutation (`send` runs it and picks its outcome; the `<q-form greedy>` has checked every input first) and shows whatever refused it. Returns the
   * success (the outcome that is no refusal), or null when something was shown instead.
   * `explain` may word a refusal itself (e.g. a lock's end in the user's time).
   */
  async function submit<Outcome extends object>(
    send: () => Promise<MutationAnswer<Outcome>>,
    explain?: (refusal: Extract<Outcome, Refusal>) => string | undefined,
  ): Promise<Exclude<Outcome, Refusal> | null> {
    errors.value = {};
    failure.value = '';
    sending.value = true;
    let answer: MutationAnswer<Outcome>;
    try {
      answer = await send();
    } finally {
      sending.value = false;
    }
    const { outcome, error } = answer;
    if (outcome && 'message' in outcome) {
      const refusal = outcome as Extract<Outcome, Refusal>;
      if (refusal.__typename === 'VersionConflict' && options.versioned && refusal.currentVersion !== undefined) {
        options.versioned.stale?.();
        failure.value = await versioned.conflicted({ message: refusal.message, currentVersion: refusal.currentVersion });
      } else {
        show(refusal, explain?.(refusal));
      }
      return null;
    }
    if (outcome) return outcome as Exclude<Outcome, Refusal>;
    if (error) failure.value = errorMessage(error);
    return null;
  }

  return { errors, failure, busy, version: versioned.version, reset, edited, bind, submit };
}
