import { Field, Int, InterfaceType, ObjectType } from 'type-graphql';
import { ErrorCode } from './error-code.js';

/** Expected business outcomes that are not a success: members of a mutation's result union. */
@InterfaceType()
export abstract class ErrorResult {
  @Field(() => ErrorCode)
  code!: ErrorCode;

  @Field(() => String, { description: "Localised for the caller's language" })
  message!: string;
}

@ObjectType({ implements: ErrorResult })
export class UserError extends ErrorResult {
  @Field(() => String, { nullable: true, description: 'The input field at fault, when there is one' })
  field?: string | null;
}

export function userError(code: ErrorCode, message: string, field?: string): UserError {
  return Object.assign(new UserError(), { code, message, field: field ?? null });
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
