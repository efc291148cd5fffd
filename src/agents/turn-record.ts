/**
 * A turn's record, written as the turn goes so that a crash at any instant leaves a turn
 * whose events say how far it got. Each write stages its events in its own transaction
 * (`audit/staging.ts`: no chain lock) and then waits for the process's chain linker, which
 * links everything staged meanwhile under one head lock — so each step below is in the
 * chain when it returns, and the cluster takes the head lock once per linker pass, not
 * once per write:
 * - `open` — before the first token leaves: the `turns` row (status `open`, masked text),
 *   `turn.input` and `guard.input` in the audit chain, PII originals in the vault, in one
 *   transaction (retried; an attempt finding the row stored stops);
 * - `events` — as they happen (each tool call with its result, a model fallback),
 *   appended in order per turn without holding the turn up; one that fails to append is
 *   written again with the outcome;
 * - `close` — the outcome: the row's status and answer, the model-visible messages, the
 *   conversation state, `guard.output` + `turn.output` (or `turn.cancelled` /
 *   `turn.interrupted` with what was shown) and the review queue, in one transaction.
 * `recoverOpenTurns` closes the turns a crashed process left open with `turn.interrupted`.
 */
import { randomUUID } from 'node:crypto';
import type { FieldKeyring } from '../auth/field-crypto.js';
import type { Principal } from '../auth/principal.js';
import { appendInTx, type AuditEventInput, type AuditKeyring } from '../compliance/audit/chain.js';
import { turnCloseEvents, turnEndEvent, turnOpenEvents, type TurnEnd } from '../compliance/audit/record-turn.js';
import { createChainLinker, linkOrphanedEvents, stageAuditEvents, stagedEventsOfTurn, type ChainLinker, type StagedEvent } from '../compliance/audit/staging.js';
import { piiOriginalsOf } from '../compliance/guards/input-guard.js';
import { storePiiOriginals } from '../compliance/pii/vault.js';
import { reviewTurn } from '../compliance/review/queue.js';
import type { InputGuardResult } from '../compliance/types.js';
import type { Config } from '../config.js';
import { withinTransaction, type Db, type Queryable } from '../db/db.js';
import { isConnectionError } from '../db/errors.js';
import { appendMessages, saveConversationState, type NewMessage } from '../db/repos/conversations.js';
import { closeTurnRow, insertOpenTurn, markInterrupted, orphanedOpenTurns, turnStatus } from '../db/repos/turns.js';
import { WealthDeskError } from '../errors.js';
import type { GuardDecision, TurnResult } from './types.js';

/** Audit chain and PII vault keys; absent, nothing is recorded (planner benches without guards). */
export interface RecordRings {
  audit: AuditKeyring;
  field: FieldKeyring;
}

/** Which process runs the turns: a stable node name and this process's boot id. */
export interface NodeIdentity {
  node: string;
  boot: string;
}

/** A fresh boot id for this process on `node`. */
export function nodeIdentity(node: string): NodeIdentity {
  return { node, boot: randomUUID() };
}

/** An open turn of any node older than this is taken for abandoned (its node never came back). */
export const STALE_TURN_MS = 15 * 60_000;

export interface OpenInput {
  turnId: string;
  conversationId: string;
  principal: Principal;
  /** The masked text (what is stored and audited). */
  masked: string;
  input: InputGuardResult | undefined;
  inputDecision: GuardDecision;
  model: string;
  lang: string;
  title: string;
}

export interface CloseInput {
  principal: Principal;
  result: TurnResult;
  status: 'ok' | 'refused' | 'error' | TurnEnd;
  error?: { code: string; message: string };
  /** For cancelled / interrupted turns: why, and the answer text already shown. */
  end?: { reason: string; shown: string };
  messages: NewMessage[];
  state: Record<string, unknown>;
  /** The masked user text (for the review queue). */
  masked: string;
}

/** One turn's record: events appended in order as they happen, then the outcome. */
export interface TurnLog {
  /** Appends events (tool call and result, model fallback) after the ones before; never throws. */
  events(inputs: AuditEventInput[]): void;
  /** Commits the outcome with any event that could not be appended; throws WD_ERR_DB / WD_ERR_AUDIT. */
  close(c: CloseInput): Promise<void>;
}

export interface TurnRecorder {
  readonly identity: NodeIdentity;
  /** Turn ids this process is running now (recovery leaves them alone). */
  readonly inFlight: ReadonlySet<string>;
  /** Records the turn as open with its input events; throws WD_ERR_DB / WD_ERR_AUDIT, and then nothing was shown. */
  open(o: OpenInput): Promise<TurnLog>;
  /** Links this process's staged audit events into the chain (absent when nothing is recorded). */
  readonly linker: ChainLinker | undefined;
}

/** Staged events older than this (ms) are taken for orphaned: their process died or cannot reach the store. */
export const STALE_STAGED_MS = 30_000;

/** Runs `work` in a transaction, up to three attempts; maps a persistent failure to WD_ERR_DB or WD_ERR_AUDIT. */
async function inTransaction(db: Db, what: string, work: (tx: Db, attempt: number) => Promise<void>): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    try {
      await db.transaction((q) => work(withinTransaction(db, q), attempt));
      return;
    } catch (e) {
      if (attempt >= 3) {
        if (isConnectionError(e)) throw new WealthDeskError('WD_ERR_DB', `${what}: the database is unreachable`, { cause: e });
        if (e instanceof WealthDeskError && e.code === 'WD_ERR_BAD_TEXT') throw e;
        throw new WealthDeskError('WD_ERR_AUDIT', `${what}: it could not be recorded in the audit log`, { cause: e });
      }
      await new Promise((r) => setTimeout(r, 50 * attempt));
    }
  }
}

export function createTurnRecorder({ db, rings, config, identity }: { db: Db; rings: RecordRings | undefined; config: Pick<Config, 'REVIEW_SAMPLE_RATE'>; identity: NodeIdentity }): TurnRecorder {
  const inFlight = new Set<string>();
  const linker = rings ? createChainLinker(db, rings.audit) : undefined;

  async function open(o: OpenInput): Promise<TurnLog> {
    inFlight.add(o.turnId);
    try {
      let staged: StagedEvent[] = [];
      await inTransaction(db, 'The turn could not be opened', async (tx, attempt) => {
        staged = [];
        if (attempt > 1 && (await turnStatus(tx, o.turnId)) !== undefined) {
          // An earlier attempt committed (its reply was lost): link what it staged.
          if (rings) staged = await stagedEventsOfTurn(tx, rings.audit, o.turnId);
          return;
        }
        await insertOpenTurn(tx, { id: o.turnId, conversationId: o.conversationId, principal: o.principal, userText: o.masked, model: o.model, language: o.lang, ...identity, title: o.title });
        if (!rings) return;
        const input = o.input ?? { decision: 'allow', categories: [], masked: o.masked, entities: [] };
        const pii = piiOriginalsOf(input);
        if (pii && pii.originals.size > 0) await storePiiOriginals(tx, rings.field, { conversationId: o.conversationId, turnId: o.turnId, ...pii });
        staged = await stageAuditEvents(tx, rings.audit, turnOpenEvents({ principal: o.principal, conversationId: o.conversationId, turnId: o.turnId, userTextMasked: input.masked, inputEntities: input.entities, guard: o.inputDecision }), identity);
      });
      await linker?.link(staged);
    } catch (e) {
      inFlight.delete(o.turnId);
      throw e;
    }
    // Events are staged one after another (chain order = the turn's order) and linked in
    // staging order; the turn never waits for them.
    let queue: Promise<void> = Promise.resolve();
    const failed: AuditEventInput[] = [];
    return {
      events(inputs) {
        if (!rings || !linker || inputs.length === 0) return;
        queue = queue.then(() =>
          // One statement: atomic on its own, no transaction needed.
          stageAuditEvents(db, rings.audit, inputs, identity).then(
            (staged) => void linker.link(staged).catch(() => undefined), // left staged, first in line for the next pass
            () => void failed.push(...inputs),
          ),
        );
      },
      async close(c) {
        await queue;
        const r = c.result;
        try {
          let staged: StagedEvent[] = [];
          await inTransaction(db, 'The turn could not be stored', async (tx) => {
            staged = [];
            const closed = await closeTurnRow(tx, {
              id: r.turnId,
              answer: r.answer,
              toolCalls: r.toolCalls.map(({ id, name, args, result, ok, ms }) => ({ id, name, args, result, ok, ms })),
              citations: r.citations,
              guard: r.guard,
              flags: r.flags,
              model: r.model,
              latencyMs: r.latencyMs,
              status: c.status,
              error: c.error ?? null,
            });
            if (!closed) {
              // Closed by an attempt whose COMMIT reply was lost (or by recovery): link what is still staged.
              if (rings) staged = await stagedEventsOfTurn(tx, rings.audit, r.turnId);
              return;
            }
            if (c.messages.length > 0) await appendMessages(tx, r.conversationId, r.turnId, c.messages);
            await saveConversationState(tx, r.conversationId, c.state);
            if (!rings) return;
            const base = { principal: c.principal, conversationId: r.conversationId, turnId: r.turnId };
            const ending =
              c.status === 'cancelled' || c.status === 'interrupted'
                ? [turnEndEvent(base, c.status, { reason: c.end?.reason ?? c.status, shown: c.end?.shown ?? '', toolCalls: r.toolCalls.length })]
                : turnCloseEvents({ ...base, guard: r.guard, answer: r.answer, model: r.model, latencyMs: r.latencyMs, flags: r.flags, status: c.status });
            const review: AuditEventInput[] = [];
            await reviewTurn(tx, rings.audit, config, { conversationId: r.conversationId, turnId: r.turnId, userTextMasked: c.masked, answer: r.answer, guard: r.guard, flags: r.flags }, {
              append: async (_tx, events) => void review.push(...events),
            });
            staged = await stageAuditEvents(tx, rings.audit, [...failed, ...ending, ...review], identity);
          });
          await linker?.link(staged);
        } finally {
          inFlight.delete(r.turnId);
        }
      },
    };
  }

  return { identity, inFlight, open, linker };
}

/**
 * Closes the open turns no running turn of this process owns (see `orphanedOpenTurns`):
 * each gets status `interrupted` and a `turn.interrupted` event (`reason`) in its own
 * transaction, so the chain still verifies and `audit verify` counts it as recorded.
 * Returns how many were closed. Run at start-up and then now and again.
 */
export async function recoverOpenTurns(
  db: Db,
  rings: RecordRings | undefined,
  o: { identity: NodeIdentity; inFlight?: ReadonlySet<string>; reason: string; now?: Date; linker?: ChainLinker },
): Promise<number> {
  const now = (o.now ?? new Date()).getTime();
  // First the events a crashed process staged and never linked, so each turn's own events come before its `turn.interrupted`.
  if (rings) await linkOrphanedEvents(db, rings.audit, { ...o.identity, staleBefore: new Date(now - STALE_STAGED_MS) });
  const staleBefore = new Date(now - STALE_TURN_MS);
  const open = await orphanedOpenTurns(db, { ...o.identity, inFlight: [...(o.inFlight ?? [])], staleBefore });
  let closed = 0;
  for (const t of open) {
    let staged: StagedEvent[] = [];
    await db.transaction(async (q: Queryable) => {
      const tx = withinTransaction(db, q);
      const done = await markInterrupted(tx, t.id);
      if (!done || !rings) return;
      // How far it got is in its own events: the tool calls recorded before the crash.
      const tools = await tx.query<{ n: number }>(
        `SELECT (SELECT count(*) FROM audit_events WHERE turn_id = $1 AND kind = 'tool.result') + (SELECT count(*) FROM audit_pending WHERE turn_id = $1 AND kind = 'tool.result') AS n`,
        [t.id],
      );
      const ending = [turnEndEvent({ principal: t.principal, conversationId: t.conversationId, turnId: t.id }, 'interrupted', { reason: o.reason, shown: '', toolCalls: Number(tools.rows[0]?.n ?? 0), node: t.node })];
      if (o.linker) staged = await stageAuditEvents(tx, rings.audit, ending, o.identity);
      else await appendInTx(tx, rings.audit, ending);
      closed += 1;
    });
    // Through this process's linker: after any of the turn's own events still in its line.
    await o.linker?.link(staged);
  }
  return closed;
}
