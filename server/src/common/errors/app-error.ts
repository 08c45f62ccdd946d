import { GraphQLError } from 'graphql';
import type { ErrorCode } from './error-code.js';

/**
 * An expected failure that ends the operation: sent to the client with `extensions.code` and the
 * (already localised) message. Anything else thrown is masked as INTERNAL_SERVER_ERROR.
 */
export class AppError extends GraphQLError {
  constructor(
    readonly code: keyof typeof ErrorCode,
    message: string,
    extra: Record<string, unknown> = {},
  ) {
    super(message, { extensions: { code, ...extra } });
  }
}
