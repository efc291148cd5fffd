import { describe, expect, it } from 'vitest';
import { extractFigures, ungroundedFigures } from './grounding.js';
import { checkOutputText } from './output-guard.js';
import { findPromises } from './promises.js';
import { RISK_DISCLOSURE } from './disclosures.js';
import { WITHHELD } from './render.js';
import { CLIENTS_EN, CLIENTS_RESULT, HELP_ZH, PRODUCT_RESULT, PRODUCT_ZH, REBALANCE_EN, REBALANCE_RESULT, RISK_RESULT, RISK_ZH } from './__fixtures__/answers.js';

const products = [
  { id: '000001', name: '安盈稳健债券A', nameEn: 'AnYing Stable Bond A', riskLevel: 2 },
  { id: 'PF-ALPHA-01', name: '远航量化对冲一号', nameEn: 'Voyager Quant Hedge No.1', riskLevel: 5 },
];

describe('promises', () => {
  it.each(['这款产品保本保收益', '这个产品保本保收益。不用担心', '稳赚不赔，放心买', '我们承诺刚性兑付', 'This fund offers a guaranteed 8% return', 'It is a risk-free investment, you cannot lose', 'The stock will definitely go up next month'])(
    'finds %s',
    (t) => expect(findPromises(t).length).toBeGreaterThan(0),
  );
  it.each(['该产品不保本，也不保证收益。', '投资有风险，过往业绩不代表未来表现，不构成收益承诺。', 'Returns are not guaranteed and you may lose principal.', 'Past performance does not guarantee future results.', '资管新规打破了刚性兑付。', 'Nothing in this note is a promise of returns.'])(
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

describe('precise withholding: only the unit with the ungrounded figure', () => {
  it('flags the planner help text with the figure and its sentence, and passes it when it is trusted', () => {
    const ctx = { lang: 'zh' as const, toolResults: [], userText: '你能做什么？' };
    const r = checkOutputText(HELP_ZH, ctx);
    expect(r.decision).toBe('flag');
    expect(r.ungrounded).toEqual(['5000', '500万']);
    const quoted = '例如：“我的组合现在值多少钱？”“我每月投5000，20年后能到500万吗？”';
    expect(r.ungroundedSentences).toEqual([quoted]);
    expect(r.reasons).toEqual([`ungrounded: 5000 in "${quoted}"`, `ungrounded: 500万 in "${quoted}"`]);
    // the quote is one unit: the first sentence stays byte for byte, the quoted examples go as one
    expect(r.answer.startsWith(HELP_ZH.slice(0, HELP_ZH.indexOf('例如')) + WITHHELD.zh)).toBe(true);

    const t = checkOutputText(HELP_ZH, { ...ctx, trustedTexts: [HELP_ZH] });
    expect(t.decision).toBe('allow');
    expect(t.categories).not.toContain('ungrounded_figure');
    expect(t.answer.startsWith(HELP_ZH)).toBe(true);
  });

  it('grounds "… and 24 more" from a result with more: 24, and withholds only that line without it', () => {
    const ok = checkOutputText(CLIENTS_EN, { lang: 'en', toolResults: [CLIENTS_RESULT] });
    expect(ok).toMatchObject({ decision: 'allow', answer: CLIENTS_EN });
    const { more: _more, ...noMore } = CLIENTS_RESULT;
    const bad = checkOutputText(CLIENTS_EN, { lang: 'en', toolResults: [noMore] });
    expect(bad.decision).toBe('flag');
    expect(bad.reasons).toEqual(['ungrounded: 24 in "… and 24 more"']);
    expect(bad.answer).toBe(CLIENTS_EN.replace('… and 24 more', WITHHELD.en));
  });

  it('withholds one list item, keeping its marker, and leaves the other lines byte-identical', () => {
    const answer = RISK_ZH.replace('- 最大回撤：-18.42%', '- 最大回撤：-18.42%\n- 明年预期收益：9.80%');
    const r = checkOutputText(answer, { lang: 'zh', toolResults: [RISK_RESULT], userText: '我的组合风险大吗' });
    expect(r.decision).toBe('flag');
    expect(r.ungrounded).toEqual(['9.80%']);
    expect(r.ungroundedSentences).toEqual(['- 明年预期收益：9.80%']);
    expect(r.reasons).toEqual(['ungrounded: 9.80% in "- 明年预期收益：9.80%"']);
    // "预期" asks for the risk disclosure, appended after the answer
    expect(r.answer).toBe(`${answer.replace('- 明年预期收益：9.80%', `- ${WITHHELD.zh}`)}\n\n${RISK_DISCLOSURE.zh}`);
  });

  it('withholds one table row (same columns) and nothing else of the table', () => {
    const answer = REBALANCE_EN.replace('| Bonds | 35.00% | 50.00% |', '| Bonds | 35.00% | 48.70% |');
    const r = checkOutputText(answer, { lang: 'en', toolResults: [REBALANCE_RESULT] });
    expect(r.ungrounded).toEqual(['48.70%']);
    expect(r.answer).toBe(`${answer.replace('| Bonds | 35.00% | 48.70% |', `| ${WITHHELD.en} | | |`)}\n\n${RISK_DISCLOSURE.en}`);
    expect(checkOutputText(REBALANCE_EN, { lang: 'en', toolResults: [REBALANCE_RESULT] })).toMatchObject({ decision: 'allow', answer: `${REBALANCE_EN}\n\n${RISK_DISCLOSURE.en}` });
  });

  it('still withholds and flags a genuinely invented figure in prose, keeping the sentences around it', () => {
    const answer = '您的组合市值 ¥1,234,567.89。根据测算，明年收益预计可达 18.6%。年化波动率 12.35%。';
    const r = checkOutputText(answer, { lang: 'zh', toolResults: [RISK_RESULT], userText: '明年能赚多少' });
    expect(r.decision).toBe('flag');
    expect(r.categories).toContain('ungrounded_figure');
    expect(r.ungrounded).toEqual(['18.6%']);
    expect(r.answer.startsWith(`您的组合市值 ¥1,234,567.89。${WITHHELD.zh}年化波动率 12.35%。`)).toBe(true);
  });

  it('keeps a quoted passage whole and grounded when its figures are in the result', () => {
    const r = checkOutputText(PRODUCT_ZH, { lang: 'zh', toolResults: [PRODUCT_RESULT], userText: '景和科技创新股票A的管理费是多少' });
    expect(r.categories).not.toContain('ungrounded_figure');
    expect(r.answer.startsWith(PRODUCT_ZH)).toBe(true);
  });

  it('one note covers adjacent withheld sentences on a line; each list item keeps its own', () => {
    const r = checkOutputText('市值 ¥1,234,567.89。收益 18.6%。回撤 22.4%。波动率 12.35%。', { lang: 'zh', toolResults: [RISK_RESULT] });
    expect(r.answer).toBe(`市值 ¥1,234,567.89。${WITHHELD.zh}波动率 12.35%。`);
    expect(r.ungroundedSentences).toEqual(['收益 18.6%。', '回撤 22.4%。']);
    const l = checkOutputText('- 收益 18.6%\n- 回撤 22.4%\n- 波动率 12.35%', { lang: 'zh', toolResults: [RISK_RESULT] });
    expect(l.answer).toBe(`- ${WITHHELD.zh}\n- ${WITHHELD.zh}\n- 波动率 12.35%`);
  });

  it('cuts a long sentence to at most 80 characters in the reason, keeping the figure in view', () => {
    const long = `${'根据您提供的信息和过往的交易记录，'.repeat(4)}我们估计明年的收益约为 27.3%，${'但市场存在不确定性，'.repeat(3)}请谨慎。`;
    const r = checkOutputText(long, { lang: 'zh', toolResults: [] });
    expect(r.reasons).toHaveLength(1);
    const quoted = /^ungrounded: 27\.3% in "(.*)"$/.exec(r.reasons![0])![1];
    expect(quoted.length).toBeLessThanOrEqual(80);
    expect(quoted).toContain('27.3%');
    expect(r.ungroundedSentences).toEqual([long]);
  });

  it('removes only the list item that promises, and keeps the others as written', () => {
    const answer = '您的组合：\n- 市值 ¥1,234,567.89\n- 这个产品保本保收益\n- 年化波动率 12.35%';
    const r = checkOutputText(answer, { lang: 'zh', toolResults: [RISK_RESULT] });
    expect(r.decision).toBe('refuse');
    expect(r.answer).toBe('您的组合：\n- 市值 ¥1,234,567.89\n- 年化波动率 12.35%\n（已删除不合规表述：任何投资都不保证本金或收益。）');
  });
});
