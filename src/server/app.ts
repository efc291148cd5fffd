/**
 * `buildApp` assembles the HTTP server from its features, each a Fastify plugin, without
 * listening (STYLE.md 11): tests call `app.inject()` or `app.listen({port: 0})`, and
 * `src/main.ts` listens on `config.PORT`. The socket.io gateway is attached to the same
 * HTTP server and closed with the app.
 */
import fastifyRateLimit from '@fastify/rate-limit';
import Fastify, { type FastifyInstance, type FastifyReply } from 'fastify';
import { pino } from 'pino';
import { WealthDeskError } from '../errors.js';
import { installAuth } from './auth-hook.js';
import { createGateway, type Gateway } from './gateway.js';
import { installErrorHandlers, toHttpError } from './http-errors.js';
import { SafeLogController } from './log-controller.js';
import { createLimiter, memoryCounter, rateLimitStore, redisCounter } from './limiter.js';
import { createMetrics, type ServerMetrics } from './metrics.js';
import { buildOpenApi, type RouteInfo } from './openapi.js';
import { chatRoutes } from './routes/chat.js';
import { conversationRoutes } from './routes/conversations.js';
import { demoPageRoutes } from './routes/demo-page.js';
import { docsPageRoutes } from './routes/docs-page.js';
import { demoRoutes } from './routes/demo.js';
import { opsRoutes, type Readiness } from './routes/ops.js';
import { complianceRoutes } from './routes/compliance.js';
import { assertSafeParams, parseUntrustedJson } from './safe-json.js';
import { installSecurityHeaders } from './security-headers.js';
import type { BuildAppOptions } from './types.js';

declare module 'fastify' {
  interface FastifyInstance {
    /** The socket.io gateway attached to this app's HTTP server. */
    gateway: Gateway;
    metrics: ServerMetrics;
    /** Start-up work still running; `/readyz` answers 503 until it is done (see `routes/ops.ts`). */
    readiness: Readiness;
  }
}

/** Version of the HTTP API (the `/api/v1` surface). */
export const API_VERSION = '1.0.0';

/** Largest request body accepted (bytes): room for a MAX_MESSAGE_CHARS message of 4-byte characters, and no more. */
export function bodyLimitFor(maxMessageChars: number): number {
  return Math.max(16 * 1024, maxMessageChars * 4 + 4096);
}

/** Paths whose values never reach the logs. */
export const LOG_REDACT = ['req.headers.authorization', 'req.headers.cookie', '*.token', 'token', 'body', '*.body'];

/** Builds the app (routes, hooks, socket.io gateway); call `listen` on the result to serve. */
export async function buildApp(deps: BuildAppOptions): Promise<FastifyInstance> {
  const { db, config, agent } = deps;
  const logger = deps.logger ?? pino({ level: config.LOG_LEVEL, redact: { paths: LOG_REDACT, censor: '[redacted]' } });
  const app = Fastify({
    loggerInstance: logger,
    bodyLimit: bodyLimitFor(config.MAX_MESSAGE_CHARS),
    forceCloseConnections: true,
    return503OnClosing: true,
    trustProxy: config.TRUST_PROXY,
    // The JSON parser below replaces Fastify's; these keep the defaults explicit should it ever be dropped.
    onProtoPoisoning: 'error',
    onConstructorPoisoning: 'error',
    // Fastify's request log lines carry the raw URL (a token or PII in a query string):
    // these log a safe one instead.
    logController: new SafeLogController(),
    // Errors raised before routing (a malformed URL) get the same error shape.
    frameworkErrors: (error, _request, reply) => {
      const body = toHttpError(error);
      void (reply as unknown as FastifyReply).status(body.statusCode).send(body);
    },
  });
  const metrics = createMetrics();
  app.decorate('metrics', metrics);
  const readiness: Readiness = { pending: new Set(), steps: new Map(), optional: new Set() };
  app.decorate('readiness', readiness);
  installErrorHandlers(app);
  installAuth(app, config.AUTH_SECRET, db);
  installSecurityHeaders(app, { frameAncestors: deps.frameAncestors });
  // Untrusted JSON through the one safe parser (UTF-8, depth, prototype poisoning); a
  // body of any other type is 415: no route takes text.
  app.removeContentTypeParser(['application/json', 'text/plain']);
  app.addContentTypeParser('application/json', { parseAs: 'buffer' }, (_request, body, done) => {
    try {
      done(null, parseUntrustedJson(body as Buffer));
    } catch (e) {
      done(e as Error, undefined);
    }
  });
  // Query strings: a %00 or an unpaired surrogate is a 400 here, not a failed statement later. Path
  // parameters are left to their routes, which accept only ids and listed names (anything else is the
  // route's own 404, so a conversation id stays unknown "in every spelling").
  app.addHook('preValidation', async (request) => {
    assertSafeParams('query', request.query);
  });
  app.addHook('onResponse', async (request, reply) => {
    metrics.countRequest(request.method, request.routeOptions.url ?? 'unknown', reply.statusCode);
  });

  // Every route as registered (method, path, auth), for the OpenAPI document.
  const routes: RouteInfo[] = [];
  app.addHook('onRoute', (r) => {
    const methods = Array.isArray(r.method) ? r.method : [r.method];
    for (const method of methods) {
      if (method === 'HEAD') continue;
      routes.push({ method, url: r.url, public: r.config?.public === true, ...(r.config?.roles ? { roles: r.config.roles } : {}) });
    }
  });
  app.get('/api/v1/openapi.json', { config: { public: true } }, async () => buildOpenApi(routes, API_VERSION));

  // With REDIS_URL: the socket.io adapter's link, which also counts the rate limits cluster-wide.
  // ioredis is loaded only when there is a Redis to talk to.
  const redis = config.REDIS_URL ? await (await import('./redis.js')).connectRedis(config.REDIS_URL, app.log) : undefined;
  const counter = redis ? redisCounter(redis) : memoryCounter();
  await app.register(fastifyRateLimit, {
    global: false,
    store: rateLimitStore(counter),
    hook: 'preHandler',
    errorResponseBuilder: (_req, ctx) =>
      new WealthDeskError('WD_ERR_RATE_LIMIT', `Rate limit exceeded, retry in ${Math.ceil(ctx.ttl / 1000)} s`, {
        details: { retryAfterSeconds: Math.ceil(ctx.ttl / 1000) },
      }),
  });

  const rateLimit = deps.rateLimit ?? { max: 30, windowMs: 60_000 };
  await app.register(opsRoutes, { db, metrics, modelName: agent.modelName, readiness, redis });
  await app.register(demoRoutes, { db, config });
  await app.register(chatRoutes, { deps: { ...deps, rateLimit }, agent, metrics });
  await app.register(conversationRoutes, { db });
  await app.register(demoPageRoutes);
  await app.register(docsPageRoutes);
  await app.register(complianceRoutes, { db, config });

  const limiter = createLimiter(rateLimit.max, rateLimit.windowMs, counter);
  const gateway = createGateway({ server: app.server, db, config, agent, metrics, logger: app.log, limiter, redis });
  app.decorate('gateway', gateway);
  app.addHook('preClose', async () => {
    await gateway.close();
    await redis?.close();
  });
  return app;
}
