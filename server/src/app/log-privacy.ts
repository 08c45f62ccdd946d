import { LogController, type FastifyRequest } from 'fastify';
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

/** Where log lines go (stdout by default), each masked first. */
export function maskingLogStream(target: NodeJS.WritableStream = process.stdout): { write(line: string): void } {
  return { write: (line: string) => target.write(maskPersonalNumbers(line)) };
}

/** Fastify's "Route GET:/x not found" line, without the query string. */
export class PrivateLogController extends LogController {
  override routeNotFound(request: FastifyRequest): void {
    if (this.isLogDisabled(request)) return;
    request.log.info(`Route ${request.method}:${pathOnly(request.url)} not found`);
  }
}
