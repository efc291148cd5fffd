/**
 * `wealthdesk ask "<question>" --as client:<id>|advisor:<id> [--lang zh|en] [--conversation <id>]`
 * and `ask --file <questions.jsonl> --as …` (lines `{id, text}`, each a fresh conversation).
 */
import { readFileSync } from 'node:fs';
import { createAgentService } from '../../agents/agent-service.js';
import type { TurnResult } from '../../agents/types.js';
import { parsePrincipal } from '../../auth/principal.js';
import { config } from '../../config.js';
import { WealthDeskError } from '../../errors.js';
import type { Lang } from '../../vocab.js';
import { parseFlags } from '../args.js';
import { withStore } from '../store.js';

export const summary = 'ask "<question>" --as client:<id>|advisor:<id> [--lang zh|en] [--conversation <id>] | --file <jsonl>: one agent turn per question';

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
  const questions: { id: string; text: string }[] = [];
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
      const q = o as { id?: unknown; text?: unknown };
      if (typeof q.text !== 'string') throw new WealthDeskError('WD_ERR_VALIDATION', `line ${i + 1}: "text" must be a string`);
      questions.push({ id: q.id === undefined ? String(i + 1) : String(q.id), text: q.text });
    });
  }
  return withStore(async (db) => {
    const svc = createAgentService({ db, config: config() });
    if (!values.file) {
      const r = await svc.runTurn({ principal, text: positionals.join(' '), lang, conversationId: values.conversation });
      return view(r);
    }
    const results = [];
    for (const q of questions) {
      const r = await svc.runTurn({ principal, text: q.text, lang });
      results.push({ id: q.id, ...view(r) });
    }
    return { results };
  });
}
