/**
 * An agent tool is a plain object: name, a description written for the model, a zod
 * input schema (fields `.describe()`d), the roles it serves and `execute`. Whose data a
 * tool serves comes only from `ctx.principal` (and, for an advisor, a client of their
 * own book named in the arguments and checked in `execute`), never from the model alone.
 */
import type { z } from 'zod';
import type { Principal, Role } from '../auth/principal.js';
import type { Db } from '../db/db.js';
import type { Lang } from '../vocab.js';
import type { Bilingual, ToolPlanner } from './planning.js';

export type { Lang } from '../vocab.js';

/** Immutable per-turn context handed to every tool. */
export interface ToolContext {
  readonly principal: Principal;
  readonly db: Db;
  readonly lang: Lang;
  /** "Today" for the turn (ISO date); tests pin it so figures are reproducible. */
  readonly asOf?: string;
  readonly conversationId?: string;
  /** Mutable per-conversation flow state (e.g. questionnaire progress), persisted by the agent. */
  readonly state: Record<string, unknown>;
}

/**
 * Whose data a tool serves: `client` — one client (the client principal, or for an
 * advisor a `clientId` of the book); `book` — the advisor's whole book; `public` — the
 * bank's product shelf and documents, nobody's personal data.
 */
export type ToolScope = 'client' | 'book' | 'public';

export interface ToolDefinition<S extends z.ZodType = z.ZodType, R = unknown> {
  readonly name: string;
  /** Written for the model: what the tool answers and when to call it. */
  readonly description: string;
  readonly schema: S;
  /** The result's shape (tests check results against it; documentation reads it). */
  readonly output?: z.ZodType<R>;
  readonly roles: readonly Role[];
  readonly scope: ToolScope;
  /** Compliance policy: `advice` — an answer from this tool recommends or projects, so it carries the risk disclosure. */
  readonly policy?: { advice?: boolean };
  /** Shown while the tool runs ("正在查询持仓…" / "Looking up your holdings…"). */
  readonly activity: Bilingual;
  /** What the offline planner knows of this tool (intents, arguments, answers). */
  readonly planner?: ToolPlanner<R>;
  execute(args: z.infer<S>, ctx: ToolContext): Promise<R>;
}

/** What a failing tool returns to the model instead of throwing: the turn goes on. */
export interface ToolErrorResult {
  error: { code: string; message: string; path?: string };
}

export function defineTool<S extends z.ZodType, R>(t: ToolDefinition<S, R>): ToolDefinition<S, R> {
  return Object.freeze(t);
}
