import { ErrorCode } from './error-code.js';

/**
 * The HTTP status of each error code, for what answers outside GraphQL (the file routes): the same
 * codes and messages as GraphQL errors, with the status an HTTP client expects. Exhaustive, so a new
 * code does not compile until it has one.
 */
export const HTTP_STATUS: Record<ErrorCode, number> = {
  [ErrorCode.UNAUTHENTICATED]: 401,
  [ErrorCode.FORBIDDEN]: 403,
  [ErrorCode.PASSWORD_CHANGE_REQUIRED]: 403,
  [ErrorCode.NOT_FOUND]: 404,
  [ErrorCode.BAD_USER_INPUT]: 400,
  [ErrorCode.WEAK_PASSWORD]: 400,
  [ErrorCode.CAPTCHA_INVALID]: 400,
  [ErrorCode.WRONG_CREDENTIALS]: 401,
  [ErrorCode.CONFLICT]: 409,
  [ErrorCode.OUTSIDE_WINDOW]: 409,
  [ErrorCode.PAYLOAD_TOO_LARGE]: 413,
  [ErrorCode.ACCOUNT_LOCKED]: 429,
  [ErrorCode.ACCOUNT_DISABLED]: 403,
  [ErrorCode.RATE_LIMITED]: 429,
  [ErrorCode.INTERNAL_SERVER_ERROR]: 500,
};
