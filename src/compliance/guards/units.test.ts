import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { scanLine, splitUnits } from './units.js';

const texts = (t: string) => splitUnits(t).map((u) => t.slice(u.start, u.end));
const kinds = (t: string) => splitUnits(t).map((u) => u.kind);

describe('splitUnits', () => {
  it('keeps a quoted question whole: no split at the ？ inside “…”', () => {
    const help = '我可以帮您查看组合市值与资产配置。例如：“我的组合现在值多少钱？”“我每月投5000，20年后能到500万吗？”';
    expect(texts(help)).toEqual(['我可以帮您查看组合市值与资产配置。', '例如：“我的组合现在值多少钱？”“我每月投5000，20年后能到500万吗？”']);
  });

  it('does not split inside 「」 《》 （） () or ASCII quotes', () => {
    expect(texts('他说「好。」然后走了。下一句。')).toEqual(['他说「好。」然后走了。', '下一句。']);
    expect(texts('见《指引。第二版》第3条。下一句。')).toEqual(['见《指引。第二版》第3条。', '下一句。']);
    expect(texts('费率（年化。不含税）为0.15%。下一句。')).toEqual(['费率（年化。不含税）为0.15%。', '下一句。']);
    expect(texts('Fees (see p. 3. Annex) apply. He said "Done. Really." Next one.')).toEqual(['Fees (see p. 3. Annex) apply.', 'He said "Done. Really." Next one.']);
  });

  it('an opener that never closes on its line protects nothing', () => {
    expect(texts('区间为（5%到8%。下一句。')).toEqual(['区间为（5%到8%。', '下一句。']);
  });

  it('absorbs runs of terminators and stray closers into the sentence they end', () => {
    expect(texts('真的吗？！好的。）下一句')).toEqual(['真的吗？！', '好的。）', '下一句']);
  });

  it('splits English sentences at ". " but not in decimals or after e.g. / vs.', () => {
    expect(texts('Volatility is 12.35%. See e.g. the fund vs. the index. Done.')).toEqual(['Volatility is 12.35%.', 'See e.g. the fund vs. the index.', 'Done.']);
  });

  it('makes each list item and each table row one unit, whatever punctuation it holds', () => {
    const t = '结论如下：\n- 年化波动率：12.35%。最大回撤：-8.2%。\n  2. 第二项。还有一句。\n| 资产 | 权重 |\n|---|---|\n| 股票。 | 42.5% |';
    expect(texts(t)).toEqual(['结论如下：', '- 年化波动率：12.35%。最大回撤：-8.2%。', '2. 第二项。还有一句。', '| 资产 | 权重 |', '|---|---|', '| 股票。 | 42.5% |']);
    expect(kinds(t)).toEqual(['prose', 'list', 'list', 'table', 'table', 'table']);
  });

  it('treats a line break as a boundary and leaves whitespace between units', () => {
    const t = '  第一行没有句号\n\n第二行。 第三句\r\n';
    const units = splitUnits(t);
    expect(units.map((u) => t.slice(u.start, u.end))).toEqual(['第一行没有句号', '第二行。', '第三句']);
    let rebuilt = '';
    let prev = 0;
    for (const u of units) {
      expect(t.slice(prev, u.start)).toMatch(/^\s*$/);
      rebuilt += t.slice(prev, u.end);
      prev = u.end;
    }
    expect(rebuilt + t.slice(prev)).toBe(t);
  });

  it('a negative figure or bold text at a line start is prose, not a list item', () => {
    expect(kinds('-3.5% 的跌幅\n**注意**：以上为估计')).toEqual(['prose', 'prose']);
  });
});

describe('scanLine on a line still arriving', () => {
  const alphabet = fc.constantFrom('好', '的', '。', '？', '！', '.', ' ', '“', '”', '"', '（', '）', '(', ')', '《', '》', '5', '-', '|', '1', 'a', 'e', 'g', 'x');
  it('reports only units the complete line yields at the same positions', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { minLength: 1, maxLength: 60 }), fc.nat(), (chars, k) => {
        const line = chars.join('');
        const cut = k % (line.length + 1);
        const full = scanLine(line, 0, line.length, true).units;
        const part = scanLine(line.slice(0, cut), 0, cut, false);
        expect(full.slice(0, part.units.length)).toEqual(part.units);
        for (const u of part.units) expect(u.end).toBeLessThan(cut); // a character after every released unit is known
        expect(part.pendingStart).toBeGreaterThanOrEqual(part.units.at(-1)?.end ?? 0);
      }),
      { numRuns: 2000 },
    );
  });

  it('resuming after a final unit yields what a scan from the line start yields', () => {
    fc.assert(
      fc.property(fc.array(alphabet, { minLength: 1, maxLength: 60 }), fc.nat(), fc.nat(), (chars, a, b) => {
        const line = chars.join('');
        const [c1, c2] = [a % (line.length + 1), b % (line.length + 1)].sort((x, y) => x - y);
        const first = scanLine(line.slice(0, c1), 0, c1, false).units;
        if (first.length === 0) return;
        const resume = first.at(-1)!.end;
        for (const complete of [false, true]) {
          const whole = scanLine(line.slice(0, c2), 0, c2, complete);
          const resumed = scanLine(line.slice(0, c2), 0, c2, complete, resume);
          expect(resumed.units).toEqual(whole.units.filter((u) => u.start >= resume));
          if (!complete) expect(resumed.pendingStart).toBe(whole.pendingStart);
        }
      }),
      { numRuns: 2000 },
    );
  });

  it('a sentence end is final once the next character arrives and no quote is pending', () => {
    expect(scanLine('第一句。', 0, 4, false).units).toEqual([]);
    expect(scanLine('第一句。第', 0, 5, false).units).toEqual([{ start: 0, end: 4, kind: 'prose', lineFirst: true }]);
    expect(scanLine('例如：“第一句。第', 0, 9, false).units).toEqual([]);
  });
});
