/**
 * The turn service: one user message in, one recorded, guarded, streamed turn out. A turn
 * is a pipeline of named stages:
 *
 *   admit → guard input → open the record → answer (agent) → guard output → close the record
 *
 * - admit: the text (not blank, storable, not too long), the principal, the conversation
 *   and the answer language;
 * - guard input: PII masked (an advisor's client names become ids), injection and
 *   prohibited intents; a refusal is answered with the policy text;
 * - open the record: the turn row and its `turn.input` / `guard.input` events commit
 *   before anything is shown (`turn-record.ts`) — no token leaves for a turn not on record;
 * - answer: the agent (`agent-stage.ts`) on the configured model (`providers.ts`); each
 *   tool call and result is appended to the chain as it ends; a hosted model that fails
 *   before any answer text was shown falls back to the offline planner (a notice in the
 *   answer, a `model.fallback` event);
 * - guard output: the authoritative answer (suitability, grounding, disclosures);
 * - close the record: status, answer, messages, dialogue state and the last events.
 *
 * A turn ends `ok`, `refused` or `error` (a tool or provider failure: stored with the
 * apology, the conversation kept), `cancelled` (its sender went away: the caller's
 * `signal`) or `interrupted` (a model stream cut mid-answer, or still running when a
 * shutdown's grace ran out); the last two end with what had been shown.
 */
import { randomUUID } from 'node:crypto';
import { fieldKeyring } from '../auth/field-crypto.js';
import { principalId } from '../auth/principal.js';
import { auditKeyring } from '../compliance/audit/keyring.js';
import { fallbackEvent, toolEvents } from '../compliance/audit/record-turn.js';
import { createGuards } from '../compliance/guards/index.js';
import type { Guards, InputGuardResult, OutputGuardContext } from '../compliance/types.js';
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { isConnectionError } from '../db/errors.js';
import { assertStorableText, isBlankText } from '../db/text.js';
import { createConversation, getConversation, listMessages, titleOf, type ConversationRow, type NewMessage } from '../db/repos/conversations.js';
import { getCurrentRiskProfile } from '../db/repos/risk-profiles.js';
import { WealthDeskError, toWealthDeskError } from '../errors.js';
import { findTool } from '../tools/registry.js';
import type { Lang, ToolContext } from '../tools/types.js';
import type { AgentStageOutput } from './agent-stage.js';
import { LANG_ACK, answerLang, langRequest } from './answer-lang.js';
import { AnswerStream, yieldToIo, type SegmentInfo } from './answer-stream.js';
import { advanceDialogue, dialogueOf, type DialogueState, type PlannerNote } from './dialogue.js';
import { collectCitations, groundingSources } from './grounding.js';
import { createPrincipalDirectory } from './principals.js';
import { createModelSource, type ModelSource, type TurnModel } from './providers.js';
import { createTurnRecorder, nodeIdentity, recoverOpenTurns, type NodeIdentity, type TurnLog } from './turn-record.js';
import type { GuardDecision, ToolCallRecord, TurnEvent, TurnRequest, TurnResult } from './types.js';

export { collectCitations, groundingSources, replaceBookNames } from './grounding.js';

export interface AgentService {
  runTurn(req: TurnRequest, onEvent?: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnResult>;
  readonly modelName: string;
  /** Turns running now in this process. */
  readonly inFlight: number;
  /**
   * Shutdown: refuses new turns (WD_ERR_SHUTTING_DOWN), lets the turns in flight finish
   * within `graceMs`, then stops the rest, which are recorded `interrupted` and answered
   * with WD_ERR_SHUTTING_DOWN (the client retries on another node).
   */
  drain(graceMs: number): Promise<{ finished: number; interrupted: number }>;
  /** Closes the turns a crashed process left open (`turn.interrupted`); how many. */
  recover(reason?: string): Promise<number>;
}

const ALLOW: GuardDecision = Object.freeze({ decision: 'allow', categories: [] }) as GuardDecision;

/** Released text waits at most this long (ms) for the event loop while a model writes without I/O. */
const FLUSH_MS = 8;

/** Why a turn was stopped (the reason of its internal abort). */
const CLIENT_GONE = 'client-gone';
const SHUTDOWN = 'shutdown';

/** Where the conversation keeps its language: the one asked for explicitly, and the latest turn's. */
const LANG_MEMO = 'answerLang';
interface LangMemo {
  requested?: Lang;
  last?: Lang;
}
const asLang = (x: unknown): Lang | undefined => (x === 'zh' || x === 'en' ? x : undefined);
function langMemoOf(state: Record<string, unknown> | undefined): LangMemo {
  const m = state?.[LANG_MEMO] as { requested?: unknown; last?: unknown } | undefined;
  return { requested: asLang(m?.requested), last: asLang(m?.last) };
}

const SORRY: Record<Lang, string> = {
  zh: '抱歉，系统暂时无法完成这个请求，请稍后再试。您的对话已保存。',
  en: 'Sorry, I could not complete that request just now. Please try again in a moment; your conversation is saved.',
};

/** Shown first when the hosted model failed and the offline planner answers. */
export const FALLBACK_NOTICE: Record<Lang, string> = {
  zh: '（提示：AI 模型服务暂时不可用，以下回答由内置离线助手生成。）',
  en: '(Note: the AI model service is unavailable right now; this answer comes from the built-in offline assistant.)',
};

/** The message of the innermost cause (the wire's "circuit open" under the client's "Connection error."). */
function rootMessage(e: unknown): string {
  let cur = e as { message?: string; cause?: unknown } | undefined;
  for (let i = 0; i < 5 && cur?.cause instanceof Error; i++) cur = cur.cause as { message?: string; cause?: unknown };
  return String(cur?.message ?? e);
}

/** Stage 1's output: the admitted turn. */
interface Admitted {
  raw: string;
  convo: ConversationRow;
  /** The conversation existed before this turn (it has a history to read). */
  continued: boolean;
  lang: Lang;
  requested?: { lang: Lang };
  memo: LangMemo;
}

/** Stage 2's output: the guarded input. */
interface GuardedInput {
  inGuard?: InputGuardResult;
  /** What is stored, audited and (after a language request is taken off) asked. */
  masked: string;
  question: string;
  decision: GuardDecision;
  flags: Set<string>;
}

/** Stage 4's output: how the turn was answered. */
interface Answered {
  status: 'ok' | 'refused' | 'error' | 'cancelled' | 'interrupted';
  answer: string;
  note?: PlannerNote;
  newMessages: NewMessage[];
  finalId?: string;
  error?: { code: string; message: string };
  /** Cancelled / interrupted: why, and the error the caller gets. */
  end?: { reason: string; error: WealthDeskError };
  /** The fallback notice that opens the answer, when the offline planner stood in. */
  notice?: string;
}

/**
 * Creates the turn service over a store and configuration. The compliance guards are on
 * by default (`createGuards({ db })`); only `guards: null` turns them off (planner-only
 * tests and benches that measure the agent without them; nothing is then recorded in the
 * audit chain, though turns are still stored).
 */
export function createAgentService({
  db,
  config,
  guards: given,
  identity = nodeIdentity(config.NODE_ID ?? `node-${process.pid}`),
  models = createModelSource(config),
}: {
  db: Db;
  config: Config;
  guards?: Guards | null;
  /** Which node runs the turns (start-up recovery closes what its crashed predecessor left open). */
  identity?: NodeIdentity;
  models?: ModelSource;
}): AgentService {
  const guards = given === null ? undefined : (given ?? createGuards({ db }));
  const modelName = models.name;
  // Audit chain and PII vault keys, read once; with the guards off (benches) nothing is recorded.
  const rings = guards ? { audit: auditKeyring(config), field: fieldKeyring(config) } : undefined;
  const recorder = createTurnRecorder({ db, rings, config, identity });
  /** Turns running now: their stop switch and their end. */
  const running = new Map<string, { stop: AbortController; done: Promise<unknown> }>();
  let draining = false;

  const principals = createPrincipalDirectory(db);

  async function ownConversation(req: TurnRequest, id: string): Promise<ConversationRow> {
    const c = await getConversation(db, id);
    if (!c || c.principalRole !== req.principal.role || c.principalId !== principalId(req.principal)) {
      throw new WealthDeskError('WD_ERR_UNKNOWN_CONVERSATION', 'Unknown conversation');
    }
    return c;
  }



  /** Stage 1 — admit: the text, the principal, the conversation, the answer language. */
  async function admit(req: TurnRequest): Promise<Admitted> {
    const raw = typeof req.text === 'string' ? req.text : '';
    if (isBlankText(raw)) throw new WealthDeskError('WD_ERR_MESSAGE_EMPTY');
    assertStorableText(raw, 'text');
    if (raw.length > config.MAX_MESSAGE_CHARS) {
      throw new WealthDeskError('WD_ERR_MESSAGE_TOO_LONG', `Message is too long (${raw.length} > ${config.MAX_MESSAGE_CHARS} characters)`);
    }
    await principals.check(req.principal);
    const existing = req.conversationId ? await ownConversation(req, req.conversationId) : undefined;
    const memo = langMemoOf(existing?.state);
    const { lang, requested } = answerLang({
      text: raw,
      pageLang: req.lang,
      remembered: memo.requested,
      conversationLang: memo.last ?? asLang(existing?.language),
    });
    // Untitled until the turn is opened: the title is made from the masked text (PII never in a title).
    const convo = existing ?? (await createConversation(db, { id: randomUUID(), principal: req.principal, language: lang }));
    return { raw, convo, continued: existing !== undefined, lang, requested, memo };
  }

  /** Stage 2 — guard input: masked text, the decision, the question for the model. */
  async function guardInput(req: TurnRequest, t: Admitted): Promise<GuardedInput> {
    const inGuard = guards ? await guards.checkInput(t.raw, { principal: req.principal, lang: t.lang }) : undefined;
    const masked = inGuard ? await principals.bookNamesToIds(req.principal, inGuard) : t.raw;
    const decision: GuardDecision = inGuard ? { decision: inGuard.decision, categories: inGuard.categories, reasons: inGuard.reasons } : ALLOW;
    const flags = new Set<string>();
    if (inGuard && inGuard.decision !== 'allow') for (const c of inGuard.categories) flags.add(`input:${c}`);
    // "请用英文回答：…": the model gets the question without the request.
    const question = t.requested ? (langRequest(masked)?.rest ?? masked) : masked;
    return { inGuard, masked, question, decision, flags };
  }

  async function runTurn(req: TurnRequest, onEvent?: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnResult> {
    if (draining) throw new WealthDeskError('WD_ERR_SHUTTING_DOWN');
    const t0 = performance.now();
    const emit = (e: TurnEvent) => onEvent?.(e);
    const admitted = await admit(req);
    const input = await guardInput(req, admitted);
    const { convo, lang } = admitted;

    // Stage 3 — open the record: nothing is shown of a turn that is not on record.
    const turnId = randomUUID();
    const log = await recorder.open({
      turnId,
      conversationId: convo.id,
      principal: req.principal,
      masked: input.masked,
      input: input.inGuard,
      inputDecision: input.decision,
      model: modelName,
      lang,
      title: titleOf(input.masked),
    });
    const stop = new AbortController();
    const onCallerAbort = () => stop.abort(CLIENT_GONE);
    if (signal?.aborted) stop.abort(CLIENT_GONE);
    else signal?.addEventListener('abort', onCallerAbort, { once: true });
    let finish!: () => void;
    running.set(turnId, { stop, done: new Promise<void>((r) => (finish = r)) });
    try {
      emit({ type: 'start', conversationId: convo.id, turnId, lang });
      if (onEvent) await yieldToIo();
      return await answerAndClose({ req, admitted, input, turnId, log, t0, emit, streaming: onEvent !== undefined, stop: stop.signal });
    } finally {
      signal?.removeEventListener('abort', onCallerAbort);
      running.delete(turnId);
      finish();
    }
  }

  /** Stages 4–6: answer, guard the output, close the record. */
  async function answerAndClose(o: {
    req: TurnRequest;
    admitted: Admitted;
    input: GuardedInput;
    turnId: string;
    log: TurnLog;
    t0: number;
    emit: (e: TurnEvent) => void;
    streaming: boolean;
    stop: AbortSignal;
  }): Promise<TurnResult> {
    const { req, admitted, input, turnId, log, emit } = o;
    const { convo, lang, requested, memo } = admitted;
    const { flags } = input;
    const toolCalls: ToolCallRecord[] = [];
    const state = structuredClone(convo.state ?? {});
    const dialogue = dialogueOf(state);
    let shown = '';
    const show = (text: string) => {
      shown += text;
      emit({ type: 'token', text });
    };

    // The client's risk profile (suitability), read once and only when an answer that is not fixed wording comes.
    let profile: Promise<Awaited<ReturnType<typeof getCurrentRiskProfile>> | undefined> | undefined;
    const profileOnce = () => (profile ??= req.principal.role === 'client' ? getCurrentRiskProfile(db, req.principal.clientId) : Promise.resolve(undefined));
    /** The output guard context for one model message (see `AnswerStream`). */
    const contextFor = async ({ note: n, fixedText }: SegmentInfo): Promise<OutputGuardContext> => {
      const advised = toolCalls.some((t) => findTool(t.name)?.policy?.advice);
      const base = { principal: req.principal, lang, userText: input.masked, toolArgs: toolCalls.map((t) => t.args) };
      if (fixedText !== undefined) {
        // The system's own fixed wording: its figures are its own, it names no product to suit, it advises nothing.
        return { ...base, toolResults: groundingSources(toolCalls), trustedTexts: [fixedText], advice: advised || false };
      }
      const p = await profileOnce();
      return {
        ...base,
        // An answer from figures already shown is grounded in what the conversation remembers of them.
        toolResults: n?.mode === 'say' ? [...groundingSources(toolCalls), dialogue.memory] : groundingSources(toolCalls),
        ...(advised ? { advice: true } : {}),
        clientRiskLevel: p ? p.level : null,
        clientProfileExpired: p ? p.expiresAt.getTime() < Date.now() : undefined,
      };
    };
    let released = false;
    let lastYield = performance.now();
    const answers = new AnswerStream({ guards, emit: (text) => ((released = true), show(text)), contextFor });
    /**
     * After text was released: let it leave before the turn goes on (see `yieldToIo`) —
     * at once when a message is `complete`, else at most every FLUSH_MS while a model
     * that produces its tokens without I/O (the offline planner) is still writing.
     */
    const flush = async (complete = false) => {
      if (!released || !o.streaming || (!complete && performance.now() - lastYield < FLUSH_MS)) return;
      released = false;
      await yieldToIo();
      lastYield = performance.now();
    };

    // Stage 4 — answer.
    const answered = await answer({ req, admitted, input, dialogue, state, toolCalls, answers, flush, emit, show, shown: () => shown, log, turnId, streaming: o.streaming, stop: o.stop });

    // Stage 5 — guard output: the authoritative answer.
    let { answer: text } = answered;
    let outputDecision: GuardDecision = ALLOW;
    const newMessages = answered.newMessages;
    if (guards && answered.status === 'ok') {
      const out = (await answers.finish(answered.finalId, text, answered.note))!;
      outputDecision = { decision: out.decision, categories: out.categories, reasons: out.reasons };
      if (out.decision !== 'allow') for (const c of out.categories) flags.add(`output:${c}`);
      if (out.answer !== text) {
        text = out.answer;
        const last = newMessages.at(-1);
        if (last && last.role === 'assistant' && !last.toolCalls) last.content = text;
      }
    }
    if (answered.notice) text = `${answered.notice}\n\n${text}`;
    const ended = answered.status === 'cancelled' || answered.status === 'interrupted';
    if (ended) text = shown;

    // Stage 6 — close the record.
    let messages: NewMessage[] = [];
    let nextState = convo.state ?? {};
    if (!ended) {
      messages = newMessages.length === 0 || newMessages.at(-1)?.toolCalls ? [{ role: 'assistant', content: text, toolCalls: null, toolCallId: null, toolName: null }] : newMessages;
      messages = [{ role: 'user', content: input.masked, toolCalls: null, toolCallId: null, toolName: null }, ...messages];
      state.dialogue = advanceDialogue(dialogue, { note: answered.note, calls: toolCalls, status: answered.status as 'ok' | 'refused' | 'error' });
      state[LANG_MEMO] = { ...(requested ? { requested: requested.lang } : memo.requested ? { requested: memo.requested } : {}), last: lang } satisfies LangMemo;
      nextState = state;
    }
    const result: TurnResult = {
      conversationId: convo.id,
      turnId,
      answer: text,
      lang,
      toolCalls,
      citations: collectCitations(toolCalls, text),
      guard: { input: input.decision, output: outputDecision },
      flags: [...flags],
      model: answered.notice ? `${modelName} → offline fallback` : modelName,
      latencyMs: Math.round(performance.now() - o.t0),
    };
    await log.close({
      principal: req.principal,
      result,
      status: answered.status,
      error: answered.error,
      end: answered.end ? { reason: answered.end.reason, shown } : undefined,
      messages,
      state: nextState,
      masked: input.masked,
    });
    if (answered.end) throw answered.end.error;
    emit({ type: 'done', result });
    return result;
  }

  interface AnswerInput {
    req: TurnRequest;
    admitted: Admitted;
    input: GuardedInput;
    dialogue: DialogueState;
    state: Record<string, unknown>;
    toolCalls: ToolCallRecord[];
    answers: AnswerStream;
    flush: (complete?: boolean) => Promise<void>;
    emit: (e: TurnEvent) => void;
    /** Shows fixed text at once (a token). */
    show: (text: string) => void;
    /** The answer text shown so far. */
    shown: () => string;
    log: TurnLog;
    turnId: string;
    streaming: boolean;
    stop: AbortSignal;
  }

  /** Stage 4 — answer: a refusal, a language acknowledgement, or the agent (with the fallback). */
  async function answer(a: AnswerInput): Promise<Answered> {
    const { lang } = a.admitted;
    const { inGuard, question } = a.input;
    if (inGuard?.decision === 'refuse') {
      const text = inGuard.reply ?? SORRY[lang];
      a.show(text);
      return { status: 'refused', answer: text, newMessages: [] };
    }
    if (a.admitted.requested && question.length === 0) {
      // Only a request for a language: acknowledge it (fixed wording, no model call).
      const note: PlannerNote = { intent: 'language', mode: 'reply', fixed: true };
      await a.answers.delta('language', note, LANG_ACK[lang]);
      await a.answers.complete('language');
      await a.flush(true);
      return { status: 'ok', answer: LANG_ACK[lang], note, newMessages: [], finalId: 'language' };
    }
    // A conversation created for this turn has no history to read.
    // LangChain is loaded by the first turn that needs the model, not at start (see providers.ts).
    const { runAgentStage, toLangchain } = await import('./agent-stage-lazy.js');
    const history = a.admitted.continued ? toLangchain(await listMessages(db, a.admitted.convo.id)) : [];
    const ctx: ToolContext = Object.freeze({ principal: a.req.principal, db, lang, asOf: a.req.asOf, conversationId: a.admitted.convo.id, state: a.state });
    const modelInput = { principal: a.req.principal, lang, dialogue: a.dialogue, asOf: a.req.asOf, book: () => (a.req.principal.role === 'advisor' ? principals.advisorBook(a.req.principal.advisorId) : Promise.resolve(undefined)) };
    const base = { turnId: a.turnId, conversationId: a.admitted.convo.id, principal: a.req.principal };
    const run = (model: TurnModel) =>
      runAgentStage({
        model,
        ctx,
        history,
        question,
        toolCalls: a.toolCalls,
        flags: a.input.flags,
        answers: a.answers,
        flush: a.flush,
        emit: a.emit,
        settled: (rec, index) => a.log.events(toolEvents(base, { index, ...rec })),
        streaming: a.streaming,
        signal: a.stop,
      });
    try {
      return { status: 'ok', ...(await run(await models.primary(modelInput))) };
    } catch (e) {
      const stopped = stoppedBy(a.stop, a.shown());
      if (stopped) return stopped;
      const err = toWealthDeskError(e);
      // A hosted model that failed before anything was shown: the offline planner answers, and says so.
      if (models.hosted && models.fallback && a.shown() === '' && !isConnectionError(e) && err.code !== 'WD_ERR_DB') {
        const reason = `WD_ERR_MODEL: ${rootMessage(e)}`.slice(0, 300);
        a.log.events([fallbackEvent(base, { from: modelName, to: 'offline-planner', reason })]);
        a.input.flags.add('model_fallback');
        const notice = FALLBACK_NOTICE[lang];
        a.show(`${notice}\n\n`);
        try {
          const out: AgentStageOutput = await run(await models.fallback(modelInput));
          return { status: 'ok', ...out, notice };
        } catch (e2) {
          return stoppedBy(a.stop, a.shown()) ?? failed(a, e2);
        }
      }
      // A hosted model's stream cut after part of the answer was shown: the turn is interrupted there.
      if (models.hosted && a.shown() !== '' && !isConnectionError(e)) {
        a.input.flags.add('interrupted');
        const error = new WealthDeskError('WD_ERR_MODEL', 'The model stream was cut mid-answer', { cause: e });
        return { status: 'interrupted', answer: a.shown(), newMessages: [], error: { code: 'WD_ERR_MODEL', message: err.message.slice(0, 500) }, end: { reason: 'model-stream-cut', error } };
      }
      return failed(a, e);
    }
  }

  /** The turn was stopped: its sender went away (cancelled) or a shutdown's grace ran out (interrupted). */
  function stoppedBy(stop: AbortSignal, shown: string): Answered | undefined {
    if (!stop.aborted) return undefined;
    if (stop.reason === SHUTDOWN) {
      return { status: 'interrupted', answer: shown, newMessages: [], end: { reason: SHUTDOWN, error: new WealthDeskError('WD_ERR_SHUTTING_DOWN') } };
    }
    return { status: 'cancelled', answer: shown, newMessages: [], end: { reason: CLIENT_GONE, error: new WealthDeskError('WD_ERR_CANCELLED') } };
  }

  /** A tool or provider failure: stored with the apology, the conversation kept. */
  function failed(a: AnswerInput, e: unknown): Answered {
    const err = toWealthDeskError(e);
    const error = { code: err.code === 'WD_ERR_INTERNAL' ? 'WD_ERR_MODEL' : err.code, message: err.message.slice(0, 500) };
    a.input.flags.add('turn_error');
    a.emit({ type: 'error', code: error.code, message: error.message });
    return { status: 'error', answer: SORRY[a.admitted.lang], newMessages: [], error };
  }

  async function drain(graceMs: number): Promise<{ finished: number; interrupted: number }> {
    draining = true;
    const turns = [...running.values()];
    const all = Promise.allSettled(turns.map((t) => t.done));
    let timer: NodeJS.Timeout | undefined;
    const timedOut = await Promise.race([all.then(() => false), new Promise<boolean>((r) => (timer = setTimeout(() => r(true), graceMs)))]);
    clearTimeout(timer);
    if (!timedOut) return { finished: turns.length, interrupted: 0 };
    const left = [...running.values()];
    for (const t of left) t.stop.abort(SHUTDOWN);
    await Promise.allSettled(left.map((t) => t.done));
    return { finished: turns.length - left.length, interrupted: left.length };
  }

  return {
    runTurn,
    modelName,
    get inFlight() {
      return running.size;
    },
    drain,
    recover: (reason = 'crash-recovery') => recoverOpenTurns(db, rings, { identity: recorder.identity, inFlight: recorder.inFlight, reason, linker: recorder.linker }),
  };
}
