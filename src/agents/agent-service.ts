/**
 * The turn service: one user message in, one stored, guarded, streamed turn out.
 * Validates the text, loads or creates the principal's conversation, runs the input
 * guard, rebuilds the history, runs the agent (streaming tokens and tool events), runs
 * the output guard and stores the messages and the `turns` row. A tool or provider
 * failure never loses the conversation or the turn: it is stored with status 'error'.
 */
import { randomUUID } from 'node:crypto';
import { HumanMessage, type AIMessage, type BaseMessage, type ToolMessage } from '@langchain/core/messages';
import { fieldKeyring } from '../auth/field-crypto.js';
import type { Principal } from '../auth/principal.js';
import { principalId } from '../auth/principal.js';
import { auditKeyring } from '../compliance/audit/keyring.js';
import { createGuards } from '../compliance/guards/index.js';
import { piiOriginalsOf } from '../compliance/guards/input-guard.js';
import { complianceAfterTurn } from '../compliance/review/after-turn.js';
import type { Guards, InputGuardResult, OutputGuardContext } from '../compliance/types.js';
import type { Config } from '../config.js';
import { withinTransaction, type Db } from '../db/db.js';
import { isConnectionError } from '../db/errors.js';
import { assertStorableText, isBlankText } from '../db/text.js';
import { getAdvisor, getClient, listAdvisorClients } from '../db/repos/clients.js';
import { createConversation, getConversation, listMessages, saveTurn, titleOf, type ConversationRow, type NewMessage } from '../db/repos/conversations.js';
import { getCurrentRiskProfile } from '../db/repos/risk-profiles.js';
import { WealthDeskError, toWealthDeskError } from '../errors.js';
import { catalogInstruments, catalogProducts } from '../rag/product-names.js';
import { findTool } from '../tools/registry.js';
import type { Lang, ToolContext } from '../tools/types.js';
import { LANG_ACK, answerLang, langRequest } from './answer-lang.js';
import { AnswerStream, yieldToIo, type SegmentInfo } from './answer-stream.js';
import { buildAgent, type ToolObserver } from './build-agent.js';
import { advanceDialogue, dialogueNote, dialogueOf, type DialogueState, type PlannerNote } from './dialogue.js';
import { fromLangchain, toLangchain } from './history.js';
import { noteOf } from './offline-planner/model.js';
import { createChatModel, modelNameFor } from './providers.js';
import type { Citation, GuardDecision, ToolCallRecord, TurnEvent, TurnRequest, TurnResult } from './types.js';

export interface AgentService {
  runTurn(req: TurnRequest, onEvent?: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnResult>;
  readonly modelName: string;
}

const ALLOW: GuardDecision = Object.freeze({ decision: 'allow', categories: [] }) as GuardDecision;

/** How long an advisor's client list is reused for name resolution, milliseconds. */
const BOOK_TTL_MS = 30_000;

/** Released text waits at most this long (ms) for the event loop while a model writes without I/O. */
const FLUSH_MS = 8;

/** Shown while a tool without an activity text runs. */
const ACTIVITY_FALLBACK: Record<Lang, string> = { zh: '正在处理…', en: 'Working on it…' };

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

/** The text of a message (string content, or the text parts of a list). */
function textOf(m: BaseMessage): string {
  const c = m.content;
  if (typeof c === 'string') return c;
  return c.map((p) => (typeof p === 'string' ? p : 'text' in p && typeof p.text === 'string' ? p.text : '')).join('');
}

/** The arguments the model gave the tool call `id` (from the AI message that made it). */
function callArgs(messages: readonly BaseMessage[], id: string): unknown {
  for (const m of messages) for (const c of (m as AIMessage).tool_calls ?? []) if (c.id === id) return c.args;
  return {};
}

const SORRY: Record<Lang, string> = {
  zh: '抱歉，系统暂时无法完成这个请求，请稍后再试。您的对话已保存。',
  en: 'Sorry, I could not complete that request just now. Please try again in a moment; your conversation is saved.',
};

/**
 * Creates the turn service over a store and configuration. The compliance guards are on
 * by default (`createGuards({ db })`); only `guards: null` turns them off (planner-only
 * tests and benches that measure the agent without them).
 */
export function createAgentService({ db, config, guards: given }: { db: Db; config: Config; guards?: Guards | null }): AgentService {
  const guards = given === null ? undefined : (given ?? createGuards({ db }));
  const modelName = modelNameFor(config);
  // Audit chain and PII vault keys, read once; with the guards off (benches) nothing is recorded.
  const rings = guards ? { audit: auditKeyring(config), field: fieldKeyring(config) } : undefined;

  /**
   * Stores the turn (`save`: its row, messages and state) and, in the same transaction,
   * appends it to the audit chain, vaults PII originals and queues the conversation for
   * review when flagged or sampled: a turn is stored with its audit events or not at all.
   * Retried (a turn already committed by an attempt whose COMMIT reply was lost counts as
   * stored); a persistent failure fails the turn, with WD_ERR_DB when the database is
   * unreachable, else WD_ERR_AUDIT.
   */
  async function recordTurn(principal: Principal, turn: TurnResult, input: InputGuardResult | undefined, save: (tx: Db) => Promise<void>): Promise<void> {
    const inputResult: InputGuardResult = input ?? { ...ALLOW, masked: '', entities: [] };
    for (let attempt = 1; ; attempt++) {
      try {
        await db.transaction(async (q) => {
          const tx = withinTransaction(db, q);
          if (attempt > 1 && (await tx.query('SELECT 1 FROM turns WHERE id = $1', [turn.turnId])).rows.length > 0) return;
          await save(tx);
          if (rings) await complianceAfterTurn(tx, rings, config, { principal, turn, input: inputResult });
        });
        return;
      } catch (e) {
        if (attempt >= 3) {
          if (isConnectionError(e)) throw new WealthDeskError('WD_ERR_DB', 'The turn could not be stored: the database is unreachable', { cause: e });
          throw new WealthDeskError('WD_ERR_AUDIT', 'The turn could not be recorded in the audit log', { cause: e });
        }
        await new Promise((r) => setTimeout(r, 50 * attempt));
      }
    }
  }

  // The advisor's book (ids and names) for the planner to resolve a client named in the
  // text; read at most every BOOK_TTL_MS per advisor instead of on every turn.
  const books = new Map<string, { at: number; clients: Promise<{ id: string; name: string; nameEn?: string }[]> }>();
  function advisorBook(advisorId: string) {
    const hit = books.get(advisorId);
    if (hit && performance.now() - hit.at < BOOK_TTL_MS) return hit.clients;
    const clients = listAdvisorClients(db, advisorId).then((rows) => rows.map((c) => ({ id: c.id, name: c.name, nameEn: c.nameEn })));
    clients.catch(() => books.delete(advisorId));
    if (books.size > 1000) books.clear();
    books.set(advisorId, { at: performance.now(), clients });
    return clients;
  }

  /**
   * An advisor names clients of the book ("王芳的持仓怎么样"); the input guard masks names
   * like any PII. A masked name that is exactly a client of this advisor's book becomes
   * that client's id, so the model can act on it without ever seeing the name; any other
   * name stays masked.
   */
  async function bookNamesToIds(p: Principal, g: InputGuardResult): Promise<string> {
    if (p.role !== 'advisor') return g.masked;
    const book = await advisorBook(p.advisorId);
    let text = g.masked;
    const hidden = piiOriginalsOf(g);
    for (const [mask, name] of [...(hidden?.originals ?? [])].filter(([m]) => hidden?.types.get(m) === 'NAME')) {
      const hit = book.find((c) => c.name === name || c.nameEn?.toLowerCase() === name.toLowerCase());
      if (hit) text = text.split(mask).join(hit.id);
    }
    // A name of the book the PII detector did not catch ("马东宇的组合", "pull up Amy Lin") is
    // replaced too: a client's name never reaches the model, whatever the detector saw.
    return replaceBookNames(text, book);
  }

  // Principals seen to exist, with when: clients and advisors are not deleted in
  // normal operation, so a positive check is reused for BOOK_TTL_MS (never a negative one).
  const known = new Map<string, number>();
  async function checkPrincipal(p: Principal): Promise<void> {
    const key = `${p.role}:${principalId(p)}`;
    const seen = known.get(key);
    if (seen !== undefined && performance.now() - seen < BOOK_TTL_MS) return;
    await checkPrincipalInStore(p);
    if (known.size > 10_000) known.clear();
    known.set(key, performance.now());
  }

  async function checkPrincipalInStore(p: Principal): Promise<void> {
    if (p.role === 'client' && !(await getClient(db, p.clientId))) {
      throw new WealthDeskError('WD_ERR_UNKNOWN_CLIENT', `Unknown client ${p.clientId.slice(0, 64)}`);
    }
    if (p.role === 'advisor' && !(await getAdvisor(db, p.advisorId))) {
      throw new WealthDeskError('WD_ERR_UNKNOWN_ADVISOR', `Unknown advisor ${p.advisorId.slice(0, 64)}`);
    }
  }

  async function ownConversation(req: TurnRequest, id: string): Promise<ConversationRow> {
    const c = await getConversation(db, id);
    if (!c || c.principalRole !== req.principal.role || c.principalId !== principalId(req.principal)) {
      throw new WealthDeskError('WD_ERR_UNKNOWN_CONVERSATION', 'Unknown conversation');
    }
    return c;
  }

  async function runTurn(req: TurnRequest, onEvent?: (e: TurnEvent) => void, signal?: AbortSignal): Promise<TurnResult> {
    const t0 = performance.now();
    const emit = (e: TurnEvent) => onEvent?.(e);
    const raw = typeof req.text === 'string' ? req.text : '';
    if (isBlankText(raw)) throw new WealthDeskError('WD_ERR_MESSAGE_EMPTY');
    assertStorableText(raw, 'text');
    if (raw.length > config.MAX_MESSAGE_CHARS) {
      throw new WealthDeskError('WD_ERR_MESSAGE_TOO_LONG', `Message is too long (${raw.length} > ${config.MAX_MESSAGE_CHARS} characters)`);
    }
    await checkPrincipal(req.principal);
    const existing = req.conversationId ? await ownConversation(req, req.conversationId) : undefined;
    const memo = langMemoOf(existing?.state);
    const { lang, requested } = answerLang({
      text: raw,
      pageLang: req.lang,
      remembered: memo.requested,
      conversationLang: memo.last ?? asLang(existing?.language),
    });
    // Untitled until the turn is stored: the title is made from the masked text (PII never in a title).
    const convo = existing ?? (await createConversation(db, { id: randomUUID(), principal: req.principal, language: lang }));
    const turnId = randomUUID();
    emit({ type: 'start', conversationId: convo.id, turnId });
    if (onEvent) await yieldToIo();

    const inGuard = guards ? await guards.checkInput(raw, { principal: req.principal, lang }) : undefined;
    const masked = inGuard ? await bookNamesToIds(req.principal, inGuard) : raw;
    const inputDecision: GuardDecision = inGuard ? { decision: inGuard.decision, categories: inGuard.categories, reasons: inGuard.reasons } : ALLOW;
    const flags = new Set<string>();
    if (inGuard && inGuard.decision !== 'allow') for (const c of inGuard.categories) flags.add(`input:${c}`);
    // "请用英文回答：…": the model gets the question without the request.
    const question = requested ? (langRequest(masked)?.rest ?? masked) : masked;

    const toolCalls: ToolCallRecord[] = [];
    const state = structuredClone(convo.state ?? {});
    const dialogue = dialogueOf(state);
    let note: PlannerNote | undefined;
    let answer = '';
    let status: 'ok' | 'refused' | 'error' = 'ok';
    let error: { code: string; message: string } | undefined;
    let newMessages: NewMessage[] = [];
    let outputDecision: GuardDecision = ALLOW;

    // The client's risk profile (suitability), read once and only when an answer that is not fixed wording comes.
    let profile: Promise<Awaited<ReturnType<typeof getCurrentRiskProfile>> | undefined> | undefined;
    const profileOnce = () => (profile ??= req.principal.role === 'client' ? getCurrentRiskProfile(db, req.principal.clientId) : Promise.resolve(undefined));
    /** The output guard context for one model message (see `AnswerStream`). */
    const contextFor = async ({ note: n, fixedText }: SegmentInfo): Promise<OutputGuardContext> => {
      const advised = toolCalls.some((t) => findTool(t.name)?.policy?.advice);
      const base = { principal: req.principal, lang, userText: masked, toolArgs: toolCalls.map((t) => t.args) };
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
    const answers = new AnswerStream({ guards, emit: (text) => ((released = true), emit({ type: 'token', text })), contextFor });
    /**
     * After text was released: let it leave before the turn goes on (see `yieldToIo`) —
     * at once when a message is `complete`, else at most every FLUSH_MS while a model
     * that produces its tokens without I/O (the offline planner) is still writing.
     */
    const flush = async (complete = false) => {
      if (!released || !onEvent || (!complete && performance.now() - lastYield < FLUSH_MS)) return;
      released = false;
      await yieldToIo();
      lastYield = performance.now();
    };
    let finalId: string | undefined;

    if (inGuard?.decision === 'refuse') {
      status = 'refused';
      answer = inGuard.reply ?? SORRY[lang];
      emit({ type: 'token', text: answer });
    } else if (requested && question.length === 0) {
      // Only a request for a language: acknowledge it (fixed wording, no model call).
      answer = LANG_ACK[lang];
      note = { intent: 'language', mode: 'reply', fixed: true };
      await answers.delta('language', note, answer);
      await answers.complete('language');
      await flush(true);
      finalId = 'language';
    } else {
      try {
        const run = await runAgent({ req, convo, lang, state, dialogue, question, toolCalls, flags, answers, flush, emit, streaming: onEvent !== undefined, signal });
        ({ answer, note, newMessages, finalId } = run);
      } catch (e) {
        const err = toWealthDeskError(e);
        status = 'error';
        error = { code: err.code === 'WD_ERR_INTERNAL' ? 'WD_ERR_MODEL' : err.code, message: err.message.slice(0, 500) };
        flags.add('turn_error');
        answer = SORRY[lang];
        newMessages = [];
        emit({ type: 'error', code: error.code, message: error.message });
      }
    }
    if (guards && status === 'ok') {
      const out = (await answers.finish(finalId, answer, note))!;
      outputDecision = { decision: out.decision, categories: out.categories, reasons: out.reasons };
      if (out.decision !== 'allow') for (const c of out.categories) flags.add(`output:${c}`);
      if (out.answer !== answer) {
        answer = out.answer;
        const last = newMessages.at(-1);
        if (last && last.role === 'assistant' && !last.toolCalls) last.content = answer;
      }
    }
    if (newMessages.length === 0 || newMessages.at(-1)?.toolCalls) {
      newMessages = [];
      newMessages.push({ role: 'assistant', content: answer, toolCalls: null, toolCallId: null, toolName: null });
    }
    state.dialogue = advanceDialogue(dialogue, { note, calls: toolCalls, status });
    state[LANG_MEMO] = { ...(requested ? { requested: requested.lang } : memo.requested ? { requested: memo.requested } : {}), last: lang } satisfies LangMemo;
    const citations = collectCitations(toolCalls, answer);
    const latencyMs = Math.round(performance.now() - t0);
    const result: TurnResult = {
      conversationId: convo.id,
      turnId,
      answer,
      lang,
      toolCalls,
      citations,
      guard: { input: inputDecision, output: outputDecision },
      flags: [...flags],
      model: modelName,
      latencyMs,
    };
    await recordTurn(req.principal, result, inGuard, (tx) => saveTurn(
      tx,
      {
        id: turnId,
        conversationId: convo.id,
        principal: req.principal,
        userText: masked,
        answer,
        toolCalls: toolCalls.map(({ name, args, result: r, ok, ms }) => ({ name, args, result: r, ok, ms })),
        citations,
        guard: result.guard,
        flags: result.flags,
        model: modelName,
        language: lang,
        latencyMs,
        status,
        error: error ?? null,
      },
      [{ role: 'user', content: masked, toolCalls: null, toolCallId: null, toolName: null }, ...newMessages],
      state,
      { title: titleOf(masked) },
    ));
    emit({ type: 'done', result });
    return result;
  }

  interface AgentRun {
    req: TurnRequest;
    convo: ConversationRow;
    lang: Lang;
    state: Record<string, unknown>;
    dialogue: DialogueState;
    /** The (masked) question for the model. */
    question: string;
    toolCalls: ToolCallRecord[];
    flags: Set<string>;
    answers: AnswerStream;
    /** Lets released text leave before the turn goes on (`true`: a message is complete). */
    flush: (complete?: boolean) => Promise<void>;
    emit: (e: TurnEvent) => void;
    /** Someone listens to the turn's events: stream the model's tokens. */
    streaming: boolean;
    signal?: AbortSignal;
  }

  /**
   * Runs the agent for one turn. Tool events come from the tools themselves, so a call's
   * `tool_call` and `activity` leave when it starts and its `tool_result` when it ends,
   * all under the model's tool-call id; the model's text deltas go through `answers`
   * (the streaming output guard) as they arrive. Calls the agent rejected before a tool
   * ran (unknown tool, arguments that fail the schema) are recorded from their ToolMessage.
   */
  async function runAgent(a: AgentRun): Promise<{ answer: string; note?: PlannerNote; newMessages: NewMessage[]; finalId?: string }> {
    const { req, lang, toolCalls, flags, emit } = a;
    // A conversation created for this turn has no history to read.
    const history = req.conversationId ? toLangchain(await listMessages(db, a.convo.id)) : [];
    const ctx: ToolContext = Object.freeze({ principal: req.principal, db, lang, asOf: req.asOf, conversationId: a.convo.id, state: a.state });
    const offline = config.LLM_PROVIDER === 'offline';
    const knownClients = req.principal.role === 'advisor' && offline ? await advisorBook(req.principal.advisorId) : undefined;
    const refYear = Number((req.asOf ?? new Date().toISOString()).slice(0, 4));
    const model = createChatModel(config, { role: req.principal.role, lang, knownClients, products: catalogProducts(), instruments: catalogInstruments(), dialogue: a.dialogue, refYear });
    const byId = new Map<string, ToolCallRecord>();
    const settle = (rec: ToolCallRecord) => {
      if (!rec.ok) flags.add('tool_error');
      emit({ type: 'tool_result', id: rec.id, name: rec.name, ok: rec.ok, result: rec.result });
    };
    const observer: ToolObserver = {
      start({ id, name, args, modelArgs }) {
        const rec: ToolCallRecord = { id, name, args, result: null, ok: false, ms: 0 };
        toolCalls.push(rec);
        if (id) byId.set(id, rec);
        emit({ type: 'tool_call', id, name, args: modelArgs });
        const activity = findTool(name)?.activity;
        emit({ type: 'activity', id, tool: name, text: activity ? activity[lang] : ACTIVITY_FALLBACK[lang] });
        // Seen before the tool's work, which may hold the CPU (Monte Carlo).
        return a.streaming ? yieldToIo() : undefined;
      },
      end({ id, name, args, outcome, ms }) {
        const rec = (id && byId.get(id)) || toolCalls.find((t) => t.name === name && t.ms === 0 && t.result === null);
        if (!rec) return undefined;
        rec.args = args;
        rec.result = outcome.ok ? outcome.result : { error: outcome.error };
        rec.ok = outcome.ok;
        rec.ms = Math.round(ms * 100) / 100;
        settle(rec);
        return a.streaming ? yieldToIo() : undefined;
      },
    };
    const agent = buildAgent(model, ctx, offline ? undefined : dialogueNote(a.dialogue, lang), observer);
    const produced: BaseMessage[] = [];
    const input = [...history, new HumanMessage(a.question)];
    // Tokens stream through the 'messages' mode, the model's and the offline planner's
    // alike; nobody listening (JSON, CLI), only the 'updates' mode runs (the planner then
    // answers in one piece, without a callback per token).
    const streamMode: ('messages' | 'updates')[] = a.streaming ? ['messages', 'updates'] : ['updates'];
    const stream = await agent.stream({ messages: input }, { streamMode, signal: a.signal, recursionLimit: 16 });
    for await (const item of stream as AsyncIterable<[string, unknown]>) {
      const [mode, chunk] = item;
      if (mode === 'messages') {
        const [m, meta] = chunk as [BaseMessage, { run_id?: string; langgraph_step?: number } | undefined];
        if (m.getType() !== 'ai') continue;
        await a.answers.delta(m.id ?? meta?.run_id ?? `step-${meta?.langgraph_step ?? 0}`, noteOf(m), textOf(m));
        await a.flush();
        continue;
      }
      for (const upd of Object.values(chunk as Record<string, { messages?: BaseMessage[] } | undefined>)) {
        for (const m of upd?.messages ?? []) {
          produced.push(m);
          if (m.getType() === 'ai') {
            if (!(m as AIMessage).tool_calls?.length) {
              await a.answers.complete(m.id);
              await a.flush(true);
            }
          } else if (m.getType() === 'tool') {
            const tm = m as ToolMessage;
            if (byId.has(tm.tool_call_id)) continue;
            // Rejected before any tool ran: record it as a failed call.
            const rec: ToolCallRecord = {
              id: tm.tool_call_id,
              name: tm.name ?? 'unknown',
              args: callArgs(produced, tm.tool_call_id),
              result: { error: { code: 'WD_ERR_VALIDATION', message: textOf(tm).slice(0, 300) } },
              ok: false,
              ms: 0,
            };
            toolCalls.push(rec);
            byId.set(rec.id, rec);
            emit({ type: 'tool_call', id: rec.id, name: rec.name, args: rec.args });
            settle(rec);
          }
        }
      }
    }
    const final = [...produced].reverse().find((m) => m.getType() === 'ai' && !((m as AIMessage).tool_calls?.length));
    return { answer: final ? textOf(final) : '', note: noteOf(final), newMessages: fromLangchain(produced), finalId: final?.id };
  }

  return { runTurn, modelName };
}

interface PassageLike {
  n?: number;
  docId: string;
  chunkId?: string;
  title: string;
  page?: number | null;
  section?: string | null;
  text?: string;
  flagged?: boolean;
}

/**
 * The turn's citations: passages of `search_documents` results (and any result carrying
 * `citations`), numbered across calls in order — passage n of the k-th search call is
 * n + the passages of the calls before it, the numbering the answer uses. Flagged
 * passages are never cited. When the answer cites [n], only those are returned.
 */
export function collectCitations(calls: readonly ToolCallRecord[], answer = ''): Citation[] {
  const out: Citation[] = [];
  let offset = 0;
  for (const c of calls) {
    const r = c.result as { citations?: PassageLike[]; passages?: PassageLike[] } | null;
    const list = Array.isArray(r?.passages) ? r.passages : Array.isArray(r?.citations) ? r.citations : [];
    list.forEach((x, i) => {
      if (x.flagged) return;
      const cit: Citation = { n: offset + (typeof x.n === 'number' ? x.n : i + 1), docId: x.docId, title: x.title };
      if (x.chunkId) cit.chunkId = x.chunkId;
      if (typeof x.page === 'number') cit.page = x.page;
      if (x.section) cit.section = x.section;
      if (x.text) cit.text = x.text;
      out.push(cit);
    });
    offset += list.length;
  }
  const cited = new Set([...answer.matchAll(/\[(\d{1,3})\]/g)].map((m) => Number(m[1])));
  const used = out.filter((c) => cited.has(c.n));
  return used.length > 0 ? used : out;
}

/**
 * Every name of the advisor's book in `text` (Chinese names of two or more characters,
 * English names of three or more letters, case-blind, on word boundaries) replaced by the
 * client's id, longest names first so "Amy Lin" wins over a shorter name inside it.
 */
export function replaceBookNames(text: string, book: readonly { id: string; name: string; nameEn?: string }[]): string {
  const names: { name: string; id: string }[] = [];
  for (const c of book) {
    if (c.name && c.name.length >= 2) names.push({ name: c.name, id: c.id });
    if (c.nameEn && c.nameEn.length >= 3) names.push({ name: c.nameEn, id: c.id });
  }
  names.sort((a, b) => b.name.length - a.name.length);
  let out = text;
  for (const { name, id } of names) {
    const esc = name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = /[\u4e00-\u9fff]/.test(name) ? new RegExp(esc, 'g') : new RegExp(`(?<![A-Za-z])${esc}(?![A-Za-z])`, 'gi');
    out = out.replace(re, id);
  }
  return out;
}

/**
 * Tool results as grounding sources, plus the sentences of long text fields (passages,
 * descriptions) as separate strings: the guard reads figures out of strings only up to a
 * few hundred characters, and a quoted sentence must stay traceable to its passage.
 */
export function groundingSources(calls: readonly ToolCallRecord[]): unknown[] {
  const pieces: string[] = [];
  const walk = (v: unknown, depth: number): void => {
    if (depth > 8 || v === null || v === undefined) return;
    if (typeof v === 'string') {
      if (v.length >= 300) for (const s of v.split(/(?<=[。！？；!?;\n])|(?<=\.)\s+/)) if (s.trim()) pieces.push(s.slice(0, 380));
    } else if (Array.isArray(v)) for (const x of v) walk(x, depth + 1);
    else if (typeof v === 'object') for (const x of Object.values(v as Record<string, unknown>)) walk(x, depth + 1);
  };
  const results = calls.map((t) => t.result);
  for (const r of results) walk(r, 0);
  return pieces.length > 0 ? [...results, pieces] : results;
}
