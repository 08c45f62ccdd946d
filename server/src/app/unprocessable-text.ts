import { GraphQLError, type ValidationRule } from 'graphql';
import type { FastifyInstance } from 'fastify';
import { langFromHeader, t } from '../common/i18n/messages.js';

/**
 * NUL and unpaired surrogates: PostgreSQL stores neither in text (the insert fails with a 500 and the
 * statement in the log), and no person types them. They are refused at the edge, before any resolver
 * or route handler: here for everything a request carries, and by `literalTextRule` for string
 * literals inside a GraphQL document (whose escapes, like "\u0000", only decode when parsed).
 */
const UNPROCESSABLE = /[\0\p{Cs}]/u;

export function isUnprocessable(s: string): boolean {
  return UNPROCESSABLE.test(s);
}

/** The path of the first string (value or key) in `value` that holds NUL or a lone surrogate. Iterative: a deeply nested body cannot overflow the stack. */
export function findUnprocessable(value: unknown, root: string): string | null {
  const stack: [unknown, string][] = [[value, root]];
  while (stack.length) {
    const [v, path] = stack.pop()!;
    if (typeof v === 'string') {
      if (isUnprocessable(v)) return path;
    } else if (v && typeof v === 'object') {
      for (const [k, child] of Object.entries(v)) {
        if (isUnprocessable(k)) return path;
        stack.push([child, `${path}.${k}`]);
      }
    }
  }
  return null;
}

/** GraphQL over GET carries variables and extensions as JSON text: check what they decode to. */
function decodedGetParams(query: unknown): unknown {
  if (!query || typeof query !== 'object') return undefined;
  const decoded: Record<string, unknown> = {};
  for (const key of ['variables', 'extensions']) {
    const text = (query as Record<string, unknown>)[key];
    if (typeof text !== 'string') continue;
    try {
      decoded[key] = JSON.parse(text);
    } catch {
      // not JSON: Apollo answers 400 for it
    }
  }
  return decoded;
}

/** One hook for every route: query string, route params and parsed body (JSON or form). Multipart bodies are read by their handler. */
export function refuseUnprocessableText(app: FastifyInstance, graphqlPath: string): void {
  app.addHook('preValidation', async (request, reply) => {
    const field =
      findUnprocessable(request.params, 'params') ??
      findUnprocessable(request.query, 'query') ??
      findUnprocessable(decodedGetParams(request.query), 'query') ??
      findUnprocessable(request.body, 'body');
    if (!field) return;
    const message = t(langFromHeader(request.headers['accept-language']), 'unsafeCharacters');
    const code = 'BAD_USER_INPUT';
    // Answered in the shape the client of that route reads: a GraphQL response, or a file route's error.
    const body = request.routeOptions.url === graphqlPath ? { errors: [{ message, extensions: { code, field } }] } : { error: { code, message, field } };
    return reply.code(400).send(body);
  });
}

/** Marks the validation error that `maskingPlugin` turns into a localised BAD_USER_INPUT. */
export const UNPROCESSABLE_LITERAL = 'unprocessableLiteral';

/** String literals in the document (arguments, defaults, directives): decoded by the parser, so checked after it. */
export const literalTextRule: ValidationRule = (context) => ({
  StringValue(node) {
    if (isUnprocessable(node.value))
      context.reportError(new GraphQLError('Unprocessable characters in a string literal.', { nodes: [node], extensions: { [UNPROCESSABLE_LITERAL]: true } }));
  },
});
