import { Field, Int, InterfaceType, ObjectType } from 'type-graphql';
import { ErrorCode } from './error-code.js';
import type { Lang } from '../i18n/messages.js';

/** Expected business outcomes that are not a success: members of a mutation's result union. */
@InterfaceType()
export abstract class ErrorResult {
  @Field(() => ErrorCode)
  code!: ErrorCode;

  @Field(() => String, { description: "Localised for the caller's language" })
  message!: string;
}

/** One input field at fault and what is wrong with it, in the caller's language. */
@ObjectType()
export class FieldError {
  @Field(() => String, { description: 'The input field, as named in the mutation input' })
  field!: string;

  @Field(() => String)
  message!: string;
}

@ObjectType({ implements: ErrorResult })
export class UserError extends ErrorResult {
  @Field(() => String, { nullable: true, description: 'The input field at fault, when there is one: the first of `fields`' })
  field?: string | null;

  @Field(() => [FieldError], {
    description:
      'Every field at fault, all found in one answer, so a form marks them all at once; empty when the refusal is about no field. `message` joins them.',
  })
  fields: FieldError[] = [];
}

/** A refusal about one field, or about none (a banner). */
export function userError(code: ErrorCode, message: string, field?: string): UserError {
  return Object.assign(new UserError(), { code, message, field: field ?? null, fields: field ? [{ field, message }] : [] });
}

/**
 * A refusal naming every field at fault (at least one). `message` joins their messages, for clients
 * that show only one line; `field` is the first, as before there were several.
 */
export function fieldErrors(ctx: { lang: Lang }, code: ErrorCode, problems: readonly FieldError[]): UserError {
  if (!problems.length) throw new Error('fieldErrors needs at least one problem');
  return Object.assign(new UserError(), {
    code,
    message: problems.map((p) => p.message).join(ctx.lang === 'en' ? ' ' : '；'),
    field: problems[0].field,
    fields: problems.map(({ field, message }) => ({ field, message })),
  });
}

/**
 * Someone else changed the row since the caller read it. Carries the version that won, so the client
 * refetches and shows the fresh row before the user tries again.
 */
@ObjectType({ implements: ErrorResult })
export class VersionConflict extends UserError {
  @Field(() => Int, { description: 'The current version: reload the row, then retry with it' })
  currentVersion!: number;
}
