import { readFileSync } from 'node:fs';
import { checkInputText } from '../../compliance/guards/input-guard.js';
import { checkOutputText } from '../../compliance/guards/output-guard.js';
import { WealthDeskError } from '../../errors.js';
import type { Lang } from '../../vocab.js';
import { parseFlags } from '../args.js';

const detectLang = (t: string): Lang => ((t.match(/[\u4e00-\u9fff]/g)?.length ?? 0) >= 2 ? 'zh' : 'en');

function check(text: string, direction: 'input' | 'output', role: 'client' | 'advisor') {
  const lang = detectLang(text);
  if (direction === 'input') {
    const r = checkInputText(text, { role, lang });
    return { decision: r.decision, categories: r.categories, masked: r.masked, ...(r.policyCode ? { policyCode: r.policyCode } : {}) };
  }
  const r = checkOutputText(text, { lang });
  return { decision: r.decision, categories: r.categories, masked: r.answer };
}

export async function run(argv: string[]): Promise<unknown> {
  const { values, positionals } = parseFlags(argv, {
    direction: { type: 'string', default: 'input' },
    file: { type: 'string' },
    as: { type: 'string', default: 'client' },
  });
  const direction = values.direction;
  if (direction !== 'input' && direction !== 'output') {
    throw new WealthDeskError('WD_ERR_VALIDATION', `--direction must be input or output, got "${direction}"`);
  }
  const role = values.as === 'advisor' ? 'advisor' : 'client';
  if (values.file) {
    let raw: string;
    try {
      raw = readFileSync(values.file, 'utf8');
    } catch (e) {
      throw new WealthDeskError('WD_ERR_VALIDATION', `Cannot read --file ${values.file}: ${(e as Error).message}`);
    }
    const results = raw
      .split('\n')
      .map((l, i) => ({ l: l.trim(), i }))
      .filter(({ l }) => l.length > 0)
      .map(({ l, i }) => {
        let row: { id?: unknown; text?: unknown };
        try {
          row = JSON.parse(l) as { id?: unknown; text?: unknown };
        } catch {
          throw new WealthDeskError('WD_ERR_BAD_JSON', `Line ${i + 1} of ${values.file} is not JSON`);
        }
        if (typeof row.text !== 'string') throw new WealthDeskError('WD_ERR_VALIDATION', `Line ${i + 1}: "text" must be a string`);
        const r = check(row.text, direction, role);
        return { id: row.id ?? i + 1, decision: r.decision, categories: r.categories };
      });
    return { results };
  }
  const text = positionals.join(' ');
  if (!text.trim()) throw new WealthDeskError('WD_ERR_MESSAGE_EMPTY', 'Give the text to check, or --file <jsonl>');
  return check(text, direction, role);
}
