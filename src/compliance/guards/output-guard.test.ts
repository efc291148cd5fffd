import { describe, expect, it } from 'vitest';
import { extractFigures, ungroundedFigures } from './grounding.js';
import { checkOutputText } from './output-guard.js';
import { findPromises } from './promises.js';

const products = [
  { id: '000001', name: '安盈稳健债券A', nameEn: 'AnYing Stable Bond A', riskLevel: 2 },
  { id: 'PF-ALPHA-01', name: '远航量化对冲一号', nameEn: 'Voyager Quant Hedge No.1', riskLevel: 5 },
];

describe('promises', () => {
  it.each(['这款产品保本保收益', '稳赚不赔，放心买', '我们承诺刚性兑付', 'This fund offers a guaranteed 8% return', 'It is a risk-free investment, you cannot lose', 'The stock will definitely go up next month'])(
    'finds %s',
    (t) => expect(findPromises(t).length).toBeGreaterThan(0),
  );
  it.each(['该产品不保本，也不保证收益。', '投资有风险，过往业绩不代表未来表现，不构成收益承诺。', 'Returns are not guaranteed and you may lose principal.', 'Past performance does not guarantee future results.', '资管新规打破了刚性兑付。'])(
    'lets the warning %s pass',
    (t) => expect(findPromises(t)).toEqual([]),
  );
});

describe('numeric grounding', () => {
  const results = [{ totalValue: '1234567.89', annualVolatility: 0.12345, var95: 0.021, count: 3, pnl: '-32000.00' }];
  it('traces rounded, percent, unit-changed and negative figures to the tool results', () => {
    const answer = '总市值 ¥1,234,567.89（约123.46万），年化波动率12.35%，VaR 2.1%，浮亏3.2万元。';
    expect(ungroundedFigures(answer, results, '')).toEqual([]);
  });
  it('flags a figure that no source supports, and accepts one the user said', () => {
    expect(ungroundedFigures('年化收益率可达 15.8%', results, '').map((f) => f.text)).toEqual(['15.8%']);
    expect(ungroundedFigures('您说的目标 500万 需要更长时间', results, '我想20年后有500万')).toEqual([]);
  });
  it('does not treat dates, tickers, codes and list numbers as figures', () => {
    expect(extractFigures('1. 截至2026-11-20，600519.SH 与 0700.HK，客户 C0001，10日VaR，[2]').map((f) => f.text)).toEqual([]);
  });
});

describe('output guard', () => {
  it('replaces a recommendation above the client risk level and flags it', () => {
    const r = checkOutputText('我推荐您配置远航量化对冲一号，长期收益不错。', { lang: 'zh', products, clientRiskLevel: 3, clientProfileExpired: false });
    expect(r.decision).toBe('refuse');
    expect(r.categories).toEqual(['suitability']);
    expect(r.answer).toContain('远航量化对冲一号（R5）');
    expect(r.answer).toContain('C3');
    expect(r.answer).not.toContain('我推荐您配置');
  });

  it('allows a suitable recommendation and adds the disclosure', () => {
    const r = checkOutputText('I suggest AnYing Stable Bond A for the fixed-income part.', { lang: 'en', products, clientRiskLevel: 3 });
    expect(r.decision).toBe('allow');
    expect(r.categories).toEqual(['disclosure_added']);
    expect(r.answer).toMatch(/Risk warning/);
  });

  it('does not treat a warning against a product as a recommendation', () => {
    const r = checkOutputText('远航量化对冲一号为R5产品，不适合您当前的风险等级，不建议购买。', { lang: 'zh', products, clientRiskLevel: 3 });
    expect(r.categories).not.toContain('suitability');
  });

  it('blocks any recommendation when the profile expired', () => {
    const r = checkOutputText('推荐安盈稳健债券A。', { lang: 'zh', products, clientRiskLevel: 3, clientProfileExpired: true });
    expect(r.decision).toBe('refuse');
    expect(r.answer).toMatch(/风险测评已过期/);
  });

  it('removes a promise and withholds an ungrounded figure', () => {
    const r = checkOutputText('您的组合市值 ¥1,234,567.89。明年收益预计 18%。这个产品保本保收益。', {
      lang: 'zh',
      toolResults: [{ totalValue: '1234567.89' }],
      userText: '我的组合',
    });
    expect(r.decision).toBe('refuse');
    expect(r.categories).toEqual(['promised_returns', 'ungrounded_figure', 'disclosure_added']);
    expect(r.ungrounded).toEqual(['18%']);
    expect(r.answer).toContain('¥1,234,567.89');
    expect(r.answer).not.toContain('18%');
    expect(r.answer).not.toContain('保本保收益。');
  });
});

describe('figures next to dates', () => {
  it('reads 432665.58 as one figure, and 2026-11-20 / 2026年11月 / 2026.11.20 as dates', () => {
    expect(extractFigures('worth 432665.58 USD on 2026-11-20, 2026年11月, 2026.11.20').map((f) => f.text)).toEqual(['432665.58']);
  });
});

describe('suitability cue is a recommendation aimed at the client', () => {
  it('does not read a quoted fee sentence naming an R5 product as a recommendation', () => {
    const fee = '远航量化对冲一号的申购费为1.5%，赎回费为0.5%。';
    const r = checkOutputText(fee, { lang: 'zh', products, clientRiskLevel: 3, toolResults: [{ fee: '1.5%', redeem: '0.5%' }] });
    expect(r.categories).not.toContain('suitability');
    expect(r.answer).toContain('申购费为1.5%');
  });
  it.each(['建议您申购远航量化对冲一号。', '您可以买入远航量化对冲一号。', '可以适当配置远航量化对冲一号。', '申购远航量化对冲一号吧。'])('still refuses %s for a C3 client', (t) => {
    expect(checkOutputText(t, { lang: 'zh', products, clientRiskLevel: 3 }).categories).toContain('suitability');
  });
});

describe('figures in long source passages', () => {
  const passage = `${'本基金投资于中高等级信用债，'.repeat(40)}近一年收益率为3.87%，最大回撤-1.25%，规模12.6亿元，管理费率0.30%。`;
  it('grounds figures quoted from a passage of 400+ characters', () => {
    expect(passage.length).toBeGreaterThan(400);
    expect(ungroundedFigures('近一年收益3.87%，最大回撤1.25%，规模12.6亿，管理费0.3%。', [{ text: passage }], '')).toEqual([]);
  });
  it('still flags a figure the long passage does not contain', () => {
    expect(ungroundedFigures('近一年收益5.12%。', [{ text: passage }], '').map((f) => f.text)).toEqual(['5.12%']);
  });
});

describe('recommendation cue at the start of a sentence', () => {
  it('treats a bare imperative 买入X (start of answer) as a recommendation', () => {
    const r = checkOutputText('买入远航量化对冲一号。', { lang: 'zh', products, clientRiskLevel: 3 });
    expect(r.categories).toContain('suitability');
  });
});
