/**
 * Fastify's per-request log lines, rewritten so they never carry a bearer token, a query
 * value or unmasked PII (see log-safety.ts): the request is logged as method, safe URL
 * and remote address, errors through `logSafeError`. Installed with Fastify's
 * `logController` option.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LogController } from 'fastify';
import { logSafeError, logSafeUrl } from './log-safety.js';

// Logged under \`request\`, not \`req\`: Fastify's \`req\` serializer would rebuild the object from
// a Fastify request (raw URL included). The remote address is read when the request arrives: by the time it completes the raw
// socket may be detached and `request.ip` undefined.
const addresses = new WeakMap<FastifyRequest, string | undefined>();

function reqOf(request: FastifyRequest): Record<string, unknown> {
  return { method: request.method, url: logSafeUrl(request.url), remoteAddress: addresses.get(request) ?? request.ip };
}

/** The app's log controller: one `request completed` line per request, safe fields only. */
export class SafeLogController extends LogController {
  override incomingRequest(request: FastifyRequest): void {
    // No line here (`request completed` carries the request); only remember the address.
    addresses.set(request, request.ip);
  }

  override requestCompleted(error: Error | null | undefined, request: FastifyRequest, reply: FastifyReply): void {
    const line = { request: reqOf(request), res: { statusCode: reply.statusCode }, responseTime: reply.elapsedTime };
    if (error) reply.log.error({ ...line, err: logSafeError(error) }, 'request errored');
    else reply.log.info(line, 'request completed');
  }

  override defaultErrorLog(error: Error, request: FastifyRequest, reply: FastifyReply): void {
    if (reply.statusCode >= 500) reply.log.error({ request: reqOf(request), err: logSafeError(error) }, 'request failed');
    else reply.log.info({ request: reqOf(request), statusCode: reply.statusCode }, 'request rejected');
  }

  override streamError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn({ err: logSafeError(error) }, 'response stream error');
  }

  override routeNotFound(request: FastifyRequest, reply: FastifyReply): void {
    reply.log.info({ request: reqOf(request) }, 'route not found');
  }

  override writeHeadError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log.warn({ err: logSafeError(error) }, 'writing the response headers failed');
  }

  override serializerError(error: Error, _request: FastifyRequest, reply: FastifyReply): void {
    reply.log.error({ err: logSafeError(error) }, 'response serialization failed');
  }
}
