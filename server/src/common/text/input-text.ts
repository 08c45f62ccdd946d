import { Extensions, type MiddlewareFn } from 'type-graphql';
import { GraphQLString, getNamedType, getNullableType, isInputObjectType, isListType, isNonNullType, isUnionType, type GraphQLInputType } from 'graphql';
import type { RequestContext } from '../request-context.js';
import { checkHumanText, type HumanTextReason } from '../../domain/human-text.js';
import { AppError } from '../errors/app-error.js';
import { ErrorCode } from '../errors/error-code.js';
import { fieldErrors, UserError } from '../errors/error-result.js';
import type { MessageKey } from '../i18n/messages.js';

/**
 * Every String input of the schema is declared as one of two kinds (a test walks the schema and
 * fails on an undeclared one), so a new name or address field cannot skip the text rules:
 *
 * - `@HumanText(label)`: text people read. Before the resolver runs, `humanTextGuard` normalises it
 *   and refuses control and invisible characters (domain/human-text.ts); a non-null field must not
 *   be blank, a nullable blank one becomes null.
 * - `@PlainText(reason)`: deliberately not human text (passwords, codes with their own format check,
 *   search terms, cursors). NUL and broken surrogates are refused for these too, at the edge.
 */
export interface HumanTextMark {
  /** The field's name for the user, in messages. */
  label: MessageKey;
  multiline: boolean;
}

export function HumanText(label: MessageKey, options: { multiline?: boolean } = {}) {
  return Extensions({ humanText: { label, multiline: options.multiline ?? false } satisfies HumanTextMark });
}

export function PlainText(reason: string) {
  return Extensions({ plainText: reason });
}

export function humanTextMark(extensions: Readonly<Record<string, unknown>> | null | undefined): HumanTextMark | undefined {
  return extensions?.humanText as HumanTextMark | undefined;
}

const REASON_KEYS: Record<HumanTextReason, MessageKey> = { BLANK: 'textBlank', CONTROL: 'textControl', INVISIBLE: 'textInvisible' };

interface Problem {
  field: string;
  label: MessageKey;
  reason: HumanTextReason;
}

/**
 * Checks and normalises, in place, every `@HumanText` value among the arguments (nested inputs and
 * lists included). Refused values answer the result union's UserError when it has one, naming every
 * field at fault (a form shows each under its input), otherwise a BAD_USER_INPUT error naming the first.
 */
export const humanTextGuard: MiddlewareFn<RequestContext> = async ({ args, info, context: ctx }, next) => {
  const problems: Problem[] = [];
  for (const arg of info.parentType.getFields()[info.fieldName].args) visit(args, arg.name, arg.name, arg.type, humanTextMark(arg.extensions), problems);
  if (!problems.length) return next();
  const errors = problems.map((p) => ({ field: p.field, message: ctx.t('fieldProblem', { field: ctx.t(p.label), problem: ctx.t(REASON_KEYS[p.reason]) }) }));
  const result = getNullableType(info.returnType);
  if (isUnionType(result) && result.getTypes().some((t) => t.name === UserError.name)) return fieldErrors(ctx, ErrorCode.BAD_USER_INPUT, errors);
  throw new AppError('BAD_USER_INPUT', errors[0].message, { field: errors[0].field });
};

/** `holder[key]` (the input field `name`, or an item of it): checked if marked human text, else searched for nested marked fields. */
function visit(holder: Record<string, unknown>, key: string, name: string, type: GraphQLInputType, mark: HumanTextMark | undefined, problems: Problem[]): void {
  const value = holder[key];
  if (value == null) return;
  const inner = getNullableType(type);
  if (isListType(inner)) {
    const list = value as Record<string, unknown>;
    for (const i of Object.keys(list)) visit(list, i, name, inner.ofType, mark, problems);
    return;
  }
  if (isInputObjectType(inner)) {
    for (const field of Object.values(inner.getFields()))
      visit(value as Record<string, unknown>, field.name, field.name, field.type, humanTextMark(field.extensions), problems);
    return;
  }
  if (!mark || getNamedType(type) !== GraphQLString) return;
  const checked = checkHumanText(String(value), { required: isNonNullType(type), multiline: mark.multiline });
  if (!checked.ok) {
    // A list of names reports its field once.
    if (!problems.some((p) => p.field === name)) problems.push({ field: name, label: mark.label, reason: checked.reason });
    return;
  }
  holder[key] = checked.value;
}
