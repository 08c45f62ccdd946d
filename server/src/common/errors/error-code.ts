import { registerEnumType } from 'type-graphql';

/** The one vocabulary of failure codes: `extensions.code` of GraphQL errors and `code` of ErrorResult unions. */
export enum ErrorCode {
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  CONFLICT = 'CONFLICT',
  OUTSIDE_WINDOW = 'OUTSIDE_WINDOW',
  RATE_LIMITED = 'RATE_LIMITED',
  /** A request body (an upload) over its size limit. */
  PAYLOAD_TOO_LARGE = 'PAYLOAD_TOO_LARGE',
  PASSWORD_CHANGE_REQUIRED = 'PASSWORD_CHANGE_REQUIRED',
  INTERNAL_SERVER_ERROR = 'INTERNAL_SERVER_ERROR',
  WRONG_CREDENTIALS = 'WRONG_CREDENTIALS',
  CAPTCHA_INVALID = 'CAPTCHA_INVALID',
  ACCOUNT_LOCKED = 'ACCOUNT_LOCKED',
  /** The right password of a disabled account: told only after the captcha and the password are right. */
  ACCOUNT_DISABLED = 'ACCOUNT_DISABLED',
  WEAK_PASSWORD = 'WEAK_PASSWORD',
}

registerEnumType(ErrorCode, { name: 'ErrorCode', description: 'Failure codes shared by GraphQL errors and ErrorResult unions' });
