/**
 * `wealthdesk ask "<question>" --as client:<id>|advisor:<id> [--lang zh|en] [--conversation <id>]`
 * and `ask --file <questions.jsonl> --as …`: lines `{id, text, conversation?}`; lines that share a
 * `conversation` key are one conversation, taken in file order (a follow-up sees the turns
 * before it); a line without one is a conversation of its own.
 */
import { readFileSync } from 'node:fs';
import { createAgentService, type AgentService } from '../../agents/agent-service.js';
import type { TurnResult } from '../../agents/types.js';
import { parsePrincipal, type Principal } from '../../auth/principal.js';
import { config } from '../../config.js';
import { assertStorableText, isBlankText } from '../../db/text.js';
import { WealthDeskError } from '../../errors.js';
import type { Lang } from '../../vocab.js';
import { parseFlags } from '../args.js';
import { withStore } from '../store.js';

function view(r: TurnResult) {
  return {
    answer: r.answer,
    toolCalls: r.toolCalls.map((t) => ({ name: t.name, args: t.args, result: t.result })),
    citations: r.citations,
    guard: r.guard,
    flags: r.flags,
    conversationId: r.conversationId,
  };
}

/** One turn per question, in order; questions sharing a `conversation` key continue one conversation. */
export async function askAll(
  svc: AgentService,
  principal: Principal,
  questions: readonly { id: string; text: string; conversation?: string }[],
  lang?: Lang,
): Promise<(ReturnType<typeof view> & { id: string })[]> {
  const results = [];
  const threads = new Map<string, string>(); // conversation key → conversation id
  for (const q of questions) {
    const r = await svc.runTurn({ principal, text: q.text, lang, conversationId: q.conversation ? threads.get(q.conversation) : undefined });
    if (q.conversation) threads.set(q.conversation, r.conversationId);
    results.push({ id: q.id, ...view(r) });
  }
  return results;
}

export async function run(argv: string[]): Promise<unknown> {
  const { values, positionals } = parseFlags(argv, {
    as: { type: 'string' },
    lang: { type: 'string' },
    conversation: { type: 'string' },
    file: { type: 'string' },
  });
  const principal = values.as ? parsePrincipal(values.as) : undefined;
  if (!principal) throw new WealthDeskError('WD_ERR_VALIDATION', '--as client:<id> | advisor:<id> is required');
  if (values.lang !== undefined && values.lang !== 'zh' && values.lang !== 'en') {
    throw new WealthDeskError('WD_ERR_VALIDATION', `--lang must be zh or en, got "${values.lang}"`);
  }
  const lang = values.lang as Lang | undefined;
  if (!values.file && positionals.length === 0) throw new WealthDeskError('WD_ERR_MESSAGE_EMPTY', 'Give a question or --file <questions.jsonl>');
  const questions: { id: string; text: string; conversation?: string }[] = [];
  if (values.file) {
    let text: string;
    try {
      text = readFileSync(values.file, 'utf8');
    } catch (e) {
      throw new WealthDeskError('WD_ERR_VALIDATION', `cannot read --file ${values.file}: ${(e as Error).message}`);
    }
    text.split('\n').forEach((line, i) => {
      if (!line.trim()) return;
      let o: unknown;
      try {
        o = JSON.parse(line);
      } catch {
        throw new WealthDeskError('WD_ERR_BAD_JSON', `line ${i + 1} of ${values.file} is not JSON`);
      }
      const q = o as { id?: unknown; text?: unknown; conversation?: unknown };
      if (typeof q.text !== 'string') throw new WealthDeskError('WD_ERR_VALIDATION', `line ${i + 1}: "text" must be a string`);
      if (q.conversation !== undefined && typeof q.conversation !== 'string' && typeof q.conversation !== 'number') {
        throw new WealthDeskError('WD_ERR_VALIDATION', `line ${i + 1}: "conversation" must be a string or a number`);
      }
      questions.push({ id: q.id === undefined ? String(i + 1) : String(q.id), text: q.text, ...(q.conversation !== undefined ? { conversation: String(q.conversation) } : {}) });
    });
  }
  // Text the turn would refuse fails here, before the store opens (or an empty one is seeded).
  const texts = values.file ? questions.map((q) => [q.text, `question ${q.id}: text`] as const) : [[positionals.join(' '), 'text'] as const];
  for (const [text, path] of texts) {
    if (isBlankText(text)) throw new WealthDeskError('WD_ERR_MESSAGE_EMPTY', `${path} has nothing visible in it`);
    assertStorableText(text, path);
  }
  return withStore(async (db) => {
    const svc = createAgentService({ db, config: config() });
    if (!values.file) {
      const r = await svc.runTurn({ principal, text: positionals.join(' '), lang, conversationId: values.conversation });
      return view(r);
    }
    return { results: await askAll(svc, principal, questions, lang) };
  }, { seedIfEmpty: true });
}

/** Flags of a turn that did not get its answer: a tool failed, the turn failed, or it was cut off. */
const FAILED = ['tool_error', 'turn_error', 'interrupted'];

/** 1 when a turn (with --file: any turn) carries a failure flag; its answer is printed all the same. */
export function exitCode(out: unknown): number {
  const turns = (out as { results?: { flags?: string[] }[] }).results ?? [out as { flags?: string[] }];
  return turns.some((t) => t.flags?.some((f) => FAILED.includes(f))) ? 1 : 0;
}
