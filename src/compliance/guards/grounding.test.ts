import { describe, expect, it } from 'vitest';
import { extractFigures, groundingIndex, isGrounded, ungroundedFigures } from './grounding.js';

const HELP_ZH =
  '我可以帮您查看组合市值与资产配置、收益表现、组合风险（波动率、VaR、最大回撤、夏普比率），做风险测评，优化组合、检查再平衡、测算理财目标、回测调仓策略，以及查询产品资料（费率、封闭期、风险等级、基金经理）。例如：“我的组合现在值多少钱？”“我每月投5000，20年后能到500万吗？”';

/** Rows whose own fields carry no figure (ids like C0024 are not figures). */
const rows = (n: number) => Array.from({ length: n }, (_, i) => ({ id: `C${String(i + 1).padStart(4, '0')}`, name: '客户', riskProfile: 'C3' }));
const figs = (answer: string, sources: unknown[], trusted?: string[]) => ungroundedFigures(answer, sources, '', trusted).map((f) => f.text);

describe('trusted texts', () => {
  it('grounds the figures of the planner’s fixed example question', () => {
    expect(figs(HELP_ZH, [])).toEqual(['5000', '500万']);
    expect(figs(HELP_ZH, [], [HELP_ZH])).toEqual([]);
  });
  it('grounds nothing it does not contain', () => {
    expect(figs('我每月投6000，20年后能到800万吗？', [], [HELP_ZH])).toEqual(['6000', '800万']);
  });
});

describe('counts of listed rows', () => {
  const page = { rows: rows(10), total: 34, more: 24 };
  it('"… and 24 more" is grounded by a result that says more: 24', () => {
    expect(figs('… and 24 more', [page])).toEqual([]);
    expect(figs('……另有 24 位', [page])).toEqual([]);
  });
  it('is not grounded when no source carries 24 (10 rows of 34 shown, no `more`)', () => {
    expect(figs('… and 24 more', [{ rows: rows(10), total: 34 }])).toEqual(['24']);
  });
  it('an integer followed by a counted noun is grounded by an equal array length, and only then', () => {
    expect(figs('您名下共 134 位客户。', [{ clients: rows(134) }])).toEqual([]);
    expect(figs('您名下共 134 位客户。', [{ clients: rows(133) }])).toEqual(['134']);
    expect(figs('You have 134 clients.', [{ clients: rows(134) }])).toEqual([]);
    expect(figs('You have 135 clients.', [{ clients: rows(134) }])).toEqual(['135']);
    expect(figs('(24 smaller holdings not shown)', [{ holdings: rows(24) }])).toEqual([]);
    expect(figs('(24 smaller holdings not shown)', [{ holdings: rows(34) }])).toEqual(['24']);
  });
  it('an array length does not ground a figure that is not a count', () => {
    expect(figs('股票占比34%，合计34万元，24.0 倍', [{ rows: rows(34), pages: rows(24) }])).toEqual(['34%', '34万', '24.0']);
    expect(figs('¥134 left', [{ clients: rows(134) }])).toEqual(['134']);
  });
  it('small counts ("3 clients", "3 位客户", "共 12 位") are not figures at all, as before', () => {
    expect(figs('3 clients match; 3 位客户符合，共 12 位。', [])).toEqual([]);
  });
  it('marks count figures', () => {
    expect(extractFigures('共 134 位客户，另有 24 more，收益 34%').map((f) => [f.text, f.count ?? false])).toEqual([
      ['134', true],
      ['24', true],
      ['34%', false],
    ]);
  });
});

describe('groundingIndex', () => {
  it('indexes tool results, arguments, the user’s words and trusted texts once', () => {
    const idx = groundingIndex({ sources: [[{ v: 0.1234 }], [{ targetAmount: '5000000' }]], userText: '我有80万', trustedTexts: ['例如 300 万'] });
    const grounded = (t: string) => extractFigures(t).every((f) => isGrounded(f, idx));
    expect(['12.34%', '500万', '80万', '300万'].map(grounded)).toEqual([true, true, true, true]);
    expect(grounded('13.5%')).toBe(false);
  });
});
