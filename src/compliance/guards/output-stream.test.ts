import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CASES, CLIENTS_RESULT, LONG_ZH, PRODUCTS, REBALANCE_RESULT, RISK_RESULT, RISK_ZH, type Case } from './__fixtures__/answers.js';
import { checkOutputText, type OutputCheckContext } from './output-guard.js';
import { HOLD_BACK, LONG_UNIT, createOutputGuardStream } from './output-stream.js';
import { findPromises } from './promises.js';
import { WITHHELD } from './render.js';
import { splitUnits } from './units.js';

/** Streams `answer` cut at `cuts`; records what was released after each push. */
function stream(answer: string, ctx: OutputCheckContext, cuts: number[]) {
  const s = createOutputGuardStream(ctx);
  const points: { received: number; released: string }[] = [];
  let released = '';
  let prev = 0;
  for (const c of [...new Set(cuts)].sort((a, b) => a - b).concat(answer.length)) {
    if (c < prev) continue;
    const out = s.push(answer.slice(prev, c));
    released += out;
    if (out) points.push({ received: c, released });
    prev = c;
  }
  return { end: s.end(), released, points };
}

const splits = (len: number) => fc.uniqueArray(fc.integer({ min: 1, max: Math.max(1, len - 1) }), { maxLength: 40 });
const charByChar = (s: string) => Array.from({ length: s.length }, (_, i) => i + 1);

/** Product names the client of `ctx` may not be offered. */
function restrictedNames(ctx: OutputCheckContext): string[] {
  if (!ctx.products || ctx.clientRiskLevel === undefined) return [];
  return ctx.products.filter((p) => ctx.clientRiskLevel === null || ctx.clientProfileExpired || p.riskLevel > ctx.clientRiskLevel!).flatMap((p) => [p.name, p.nameEn]);
}

/** Invariants (a)–(c) for one streamed answer. */
function checkInvariants(c: Case, cuts: number[]): void {
  const { end, released, points } = stream(c.answer, c.ctx, cuts);
  // (a) the stream's final word is the batch guard's
  expect(end).toEqual(checkOutputText(c.answer, c.ctx));
  // (b) allow: a prefix of the final answer; otherwise nothing the guard takes out
  if (end.decision === 'allow') expect(end.answer.startsWith(released)).toBe(true);
  // flag / promise refusal: withheld units were shown as the note, so still a prefix (unless a long unit was released in parts)
  const longUnit = c.answer.split('\n').some((l) => l.length > LONG_UNIT);
  if (!longUnit && !end.categories.includes('suitability')) expect(end.answer.startsWith(released)).toBe(true);
  for (const s of end.ungroundedSentences ?? []) if (s.length >= 8) expect(released).not.toContain(s);
  expect(findPromises(released)).toEqual([]);
  for (const n of restrictedNames(c.ctx)) if (end.categories.includes('suitability')) expect(released).not.toContain(n);
  // (c) released only at unit ends (the character after already received), or inside a long unit
  const units = splitUnits(c.answer);
  const withheld = end.decision !== 'allow';
  for (const pt of points) {
    if (withheld) continue; // positions shift where notes replace units; covered by the prefix checks
    const at = pt.released.length;
    const unitEnd = units.find((u) => u.end === at);
    if (unitEnd) {
      expect(pt.received).toBeGreaterThan(at);
      continue;
    }
    const inside = units.find((u) => u.start < at && at < u.end)!;
    expect(inside.end - inside.start).toBeGreaterThan(LONG_UNIT);
    expect(pt.received - inside.start).toBeGreaterThan(LONG_UNIT);
    expect(at).toBeLessThanOrEqual(pt.received - HOLD_BACK);
  }
}

describe('streaming output guard: invariants over random splits of real answers', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    checkInvariants(c, []);
    checkInvariants(c, charByChar(c.answer));
    fc.assert(
      fc.property(splits(c.answer.length), (cuts) => checkInvariants(c, cuts)),
      { numRuns: 150 },
    );
  });

});

describe('streaming output guard: what is released when', () => {
  const riskCtx: OutputCheckContext = { lang: 'zh', toolResults: [RISK_RESULT], userText: '我的组合风险大吗' };

  it('releases each line of a list once its line break arrives, the lead sentence at its end', () => {
    const s = createOutputGuardStream(riskCtx);
    const lines = RISK_ZH.split('\n');
    expect(s.push(lines[0].slice(0, 10))).toBe('');
    expect(s.push(`${lines[0].slice(10)}\n- 年化波动`)).toBe(lines[0]);
    expect(s.push('率：12.35%')).toBe('');
    expect(s.push('\n')).toBe('\n- 年化波动率：12.35%');
    expect(s.push(`${lines.slice(2).join('\n')}`)).toBe(`\n${lines.slice(2, -1).join('\n')}`);
    expect(s.end()).toEqual(checkOutputText(RISK_ZH, riskCtx));
  });

  it('holds a quoted question until its closing quote and the next character', () => {
    const ctx: OutputCheckContext = { lang: 'zh', toolResults: [], trustedTexts: ['我每月投5000，20年后能到500万吗？'] };
    const s = createOutputGuardStream(ctx);
    expect(s.push('例如：“我每月投5000，20年后能到500万吗？')).toBe('');
    expect(s.push('”')).toBe('');
    expect(s.push('\n')).toBe('例如：“我每月投5000，20年后能到500万吗？”');
  });

  it('shows the withheld note in place of a unit with an invented figure, and goes on', () => {
    const answer = '市值 ¥1,234,567.89。收益 18.6%。波动率 12.35%。\n';
    const { released, end } = stream(answer, riskCtx, charByChar(answer));
    expect(released).toBe(`市值 ¥1,234,567.89。${WITHHELD.zh}波动率 12.35%。`);
    expect(end.answer).toBe(released);
    expect(end.decision).toBe('flag');
  });

  it('stops at a unit naming a product above the client’s level, before any recommendation', () => {
    const ctx: OutputCheckContext = { lang: 'zh', toolResults: [RISK_RESULT], products: PRODUCTS, clientRiskLevel: 3, clientProfileExpired: false };
    const answer = '您的组合年化波动率 12.35%。远航量化对冲一号近期表现亮眼。建议您适当配置远航量化对冲一号。安盈稳健债券A也可以看看。';
    const { released, end } = stream(answer, ctx, charByChar(answer));
    expect(released).toBe('您的组合年化波动率 12.35%。');
    expect(end.decision).toBe('refuse');
    expect(end.categories).toEqual(['suitability']);
  });

  it('stops at a promise', () => {
    const answer = '- 市值 ¥1,234,567.89\n- 这个产品保本保收益\n- 年化波动率 12.35%\n';
    const { released, end } = stream(answer, riskCtx, charByChar(answer));
    expect(released).toBe('- 市值 ¥1,234,567.89');
    expect(end.answer).toBe('- 市值 ¥1,234,567.89\n- 年化波动率 12.35%\n（已删除不合规表述：任何投资都不保证本金或收益。）');
  });

  it('releases a unit longer than LONG_UNIT in parts once checked so far, and the rest at its end', () => {
    const ctx: OutputCheckContext = { lang: 'zh', toolResults: [REBALANCE_RESULT] };
    const first = LONG_ZH.slice(0, LONG_ZH.indexOf('\n'));
    expect(first.length).toBeGreaterThan(LONG_UNIT + HOLD_BACK);
    const { points, released } = stream(LONG_ZH, ctx, charByChar(LONG_ZH));
    expect(points[0].received).toBeGreaterThan(LONG_UNIT);
    expect(points[0].released.length).toBeLessThan(first.length);
    expect(released).toBe(first);
  });

  it('in a long unit, stops before an invented figure and never shows it', () => {
    const ctx: OutputCheckContext = { lang: 'zh', toolResults: [REBALANCE_RESULT] };
    const answer = LONG_ZH.replace('因此我们认为', '预计明年收益 7.65%，因此我们认为');
    const { released, end } = stream(answer, ctx, charByChar(answer));
    expect(released.length).toBeGreaterThan(0);
    expect(released).not.toContain('7.65%');
    expect(end.ungrounded).toEqual(['7.65%']);
    expect(end.answer.startsWith(WITHHELD.zh)).toBe(true);
  });

  it('grounds "… and 24 more" in the stream too', () => {
    const answer = '34 client(s) match:\n- 张伟 (C0001) C3, ¥100,000.00\n… and 24 more\n';
    const { released, end } = stream(answer, { lang: 'en', toolResults: [CLIENTS_RESULT] }, charByChar(answer));
    expect(end.decision).toBe('allow');
    expect(released).toBe(answer.trimEnd());
  });
});

describe('streaming output guard: random answers built from tricky pieces', () => {
  const pieces = [
    '您的组合市值 ¥1,234,567.89', '年化波动率 12.35%', '收益 18.6%', '… and 24 more', 'Volatility is 12.35%', 'returns of 27.3%',
    '。', '？', '！', '；', '. ', ', ', '，', ' ', '\n', '\n\n', '- ', '1. ', '| 股票 | 42.50% |', '|---|', '“', '”', '"', '（', '）', '《', '》',
    '例如：', 'e.g. ', '保本保收益', '不保本', 'guaranteed', 'not guaranteed', '远航量化对冲一号', '安盈稳健债券A', '建议您配置', '近期表现亮眼',
  ];
  const ctx: OutputCheckContext = {
    lang: 'zh',
    toolResults: [RISK_RESULT, CLIENTS_RESULT, REBALANCE_RESULT],
    products: PRODUCTS,
    clientRiskLevel: 3,
    clientProfileExpired: false,
  };
  it('keeps (a) and (b) whatever the text and the split', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...pieces), { minLength: 1, maxLength: 40 }).chain((ps) => {
          const answer = ps.join('');
          return fc.tuple(fc.constant(answer), splits(answer.length));
        }),
        ([answer, cuts]) => checkInvariants({ name: 'random', answer, ctx }, cuts),
      ),
      { numRuns: 600 },
    );
  });
});
