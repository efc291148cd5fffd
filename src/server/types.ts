/**
 * What the server depends on, typed as interfaces so `buildApp` can be assembled from
 * the real services (`src/main.ts`) or from test doubles, and Fastify's request/route
 * typings extended with the verified principal and the auth settings of a route.
 */
import type { FastifyBaseLogger } from 'fastify';
import type { TurnEvent, TurnRequest, TurnResult } from '../agents/types.js';
import type { Principal, Role } from '../auth/principal.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';

/**
 * The turn service (`createAgentService` in `src/agents/agent-service.ts`). `runTurn`
 * streams events through `onEvent` while it runs and resolves with the whole result;
 * aborting `signal` stops the turn (the client went away).
 */
export interface AgentService {
  runTurn(req: TurnRequest, onEvent?: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnResult>;
  readonly modelName: string;
  /** Shutdown: refuse new turns, let those in flight finish within `graceMs`, then stop them (recorded interrupted). */
  drain?(graceMs: number): Promise<{ finished: number; interrupted: number }>;
  /** Close the turns a crashed process left open; how many. */
  recover?(reason?: string): Promise<number>;
}

export interface BuildAppOptions {
  db: Db;
  config: Config;
  agent: AgentService;
  /** A pino logger; by default one is made at `config.LOG_LEVEL`. */
  logger?: FastifyBaseLogger;
  /** Chat turns allowed per principal per window (HTTP and socket.io each); default 30 per minute. */
  rateLimit?: { max: number; windowMs: number };
  /** SSE heartbeat period in milliseconds; default 15 000. */
  heartbeatMs?: number;
  /**
   * CSP `frame-ancestors` sources of the widget/demo pages (who may embed them), e.g.
   * `["'self'", 'https://bank.example.com']`; default `'none'`. See `parseFrameAncestors`.
   */
  frameAncestors?: readonly string[];
}

declare module 'fastify' {
  interface FastifyRequest {
    /** Set by the auth hook on every protected route; undefined only on public routes. */
    principal?: Principal;
  }
  interface FastifyContextConfig {
    /** The route needs no token (health, demo page). Routes are protected unless they say this. */
    public?: boolean;
    /** Roles allowed on the route; every authenticated role when absent. */
    roles?: readonly Role[];
  }
}
