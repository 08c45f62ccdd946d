import { LogController, type FastifyReply, type FastifyRequest } from 'fastify';
import pino from 'pino';
import { maskPersonalNumbers } from '../domain/mask.js';

/**
 * The request log must never carry personal data. Query strings are where it would come in (a search
 * for an ID number or a mobile in a GET URL), so no URL is logged with its query string, for any route.
 * Behind that, every line is masked on its way out: an ID number or a mobile in an error message or a
 * field someone adds later is hidden too.
 */
export function pathOnly(url: string): string {
  const q = url.indexOf('?');
  return q === -1 ? url : url.slice(0, q);
}

/** Fastify's request serializer, with the path instead of the full URL. */
export const logSerializers = {
  req: (req: FastifyRequest) => ({
    method: req.method,
    url: pathOnly(req.url),
    host: req.host,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  }),
};

/**
 * Where log lines go, each masked first. By default stdout, written asynchronously: a write to a pipe is
 * a blocking system call on Linux, one per line, which cost a loaded server a tenth of its time
 * (bench/reads.js); lines written while one write is under way go out together, and what is still
 * buffered is written before the process exits (pino.destination does that).
 */
export function maskingLogStream(target?: { write(line: string): unknown }): { write(line: string): void } {
  const out = target ?? pino.destination({ dest: 1, sync: false });
  return { write: (line: string) => void out.write(maskPersonalNumbers(line)) };
}

/**
 * Fastify's request log lines: one per request (Fastify writes two), when it is answered, with the
 * method and path (never the query string), status and time; and "Route GET:/x not found" without the
 * query string.
 */
export class PrivateLogController extends LogController {
  override incomingRequest(): void {}

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    if (error || this.isLogDisabled(request)) return super.requestCompleted(error, request, reply);
    reply.log.info({ req: request, res: reply, responseTime: reply.elapsedTime }, 'request completed');
  }

  override routeNotFound(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info(`Route ${request.method}:${pathOnly(request.url)} not found`);
  }
}
