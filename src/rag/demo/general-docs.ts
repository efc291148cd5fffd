/**
 * Research notes, FAQs and risk disclosures of the demo library — documents that span
 * several products. Product names and fees are read from the catalog.
 */
import { PRODUCTS } from '../../db/seed/catalog.js';
import type { DocModel } from './doc-model.js';
import { pct, type Product } from './product-docs.js';

const P = (id: string): Product => {
  const p = PRODUCTS.find((x) => x.id === id);
  if (!p) throw new Error(`catalog has no product ${id}`);
  return p as Product;
};
const row = (id: string, zh: boolean) => {
  const p = P(id);
  return [zh ? p.name : p.nameEn, id, `R${p.riskLevel}`, pct(p.product.fees.management), zh ? p.product.liquidity.zh : p.product.liquidity.en];
};

export interface GeneralDoc {
  key: string;
  docType: 'research' | 'faq' | 'risk_disclosure';
  productIds: string[];
  model: DocModel;
}

export function generalDocs(): GeneralDoc[] {
  const docs: GeneralDoc[] = [];
  const bondIds = ['018201', '018202', '018203', '019741.SH', '240205.IB'];
  docs.push({
    key: 'research-bond-outlook-zh', docType: 'research', productIds: bondIds,
    model: {
      title: '2025 年债券市场展望：利率下行周期中的纯债与短债配置', lang: 'zh',
      sections: [
        { heading: '一、核心观点', paras: ['我们预计 2025 年十年期国债收益率将在 1.6%–2.0% 区间震荡，货币政策维持适度宽松，债券类资产仍具配置价值，但资本利得空间较 2024 年收窄。', '对于追求稳健、回撤敏感的客户，建议以短久期品种打底，以中等久期纯债基金获取票息，信用下沉需谨慎。'] },
        { heading: '二、品种比较', paras: ['短债基金久期通常在 1 年以内，净值波动小，适合作为三个月到一年的闲置资金去处；纯债基金久期 2–4 年，对利率更敏感；“固收+”类产品配置少量可转债与股票，收益弹性更高但可能出现阶段性亏损。'], table: { header: ['产品', '代码', '风险等级', '管理费', '流动性'], rows: ['018202', '018201', '018203'].map((id) => row(id, true)) } },
        { heading: '三、利率债与政策性金融债', paras: [`${P('019741.SH').name}与${P('240205.IB').name}信用风险极低，但十年期品种久期约 8.5 年，利率每上行 10 个基点，价格约下跌 0.85%。持有到期可锁定票息。`] },
        { heading: '四、风险提示', paras: ['利率超预期上行、信用事件和流动性冲击可能导致债券基金净值回撤。本报告不构成投资建议，过往业绩不代表未来表现。'] },
      ],
    },
  });
  const eqIds = ['018101', '018102', '018103', '018104'];
  docs.push({
    key: 'research-equity-funds-en', docType: 'research', productIds: eqIds,
    model: {
      title: 'Equity Fund Review: Consumer, Technology and Healthcare Compared', lang: 'en',
      sections: [
        { heading: 'Summary', paras: ['Sector funds differ more in risk than in fees: all three sector funds charge the same 1.20% management fee, but their volatility and drawdown profiles are far apart. Technology has the widest swings, consumer sits in the middle and healthcare is driven by policy events such as volume-based procurement.'] },
        { heading: 'Side by side', table: { header: ['Fund', 'Code', 'Risk', 'Mgmt fee', 'Dealing'], rows: eqIds.map((id) => row(id, false)) } },
        { heading: 'How to use them', paras: [`For a balanced client, ${P('018104').nameEn} (risk R3) flexes equity between 30% and 70% and can serve as a core holding. The sector funds are R4 and suit growth-profile clients as satellite positions of 5–15% each.`, 'Avoid holding all three sector funds at full size: their correlation rises sharply in market sell-offs.'] },
        { heading: 'Risks', paras: ['Equity funds can lose 30% or more in a bad year. Nothing in this note is a promise of returns.'] },
      ],
    },
  });
  const reitIds = ['508091.SH', '180203.SZ', '508066.SH', '0897.HK'];
  docs.push({
    key: 'research-reits-zh', docType: 'research', productIds: reitIds,
    model: {
      title: '公募 REITs 研究：产业园、高速公路与清洁能源的收益来源', lang: 'zh',
      runningHeader: '研究部 · REITs 专题', runningFooter: '演示文件，仅供测试',
      sections: [
        { heading: '一、REITs 的收益从哪里来', paras: ['公募 REITs 的回报由分红与价格变化两部分组成。按规定每年至少分配 90% 的可供分配金额，因此分红率相对稳定；二级市场价格则受利率和底层资产经营影响。'] },
        { heading: '二、三类底层资产比较', paras: [`产业园类（${P('508091.SH').name}）收入取决于出租率和租金；高速公路类（${P('180203.SZ').name}）收入取决于车流量和收费年限，收费权到期后资产价值归零；清洁能源类（${P('508066.SH').name}）收入取决于发电量和电价补贴。`], table: { header: ['产品', '代码', '风险等级', '管理费', '交易方式'], rows: reitIds.map((id) => row(id, true)) } },
        { heading: '三、港股 REIT', paras: [`${P('0897.HK').name}以港币计价，投资香港商业物业，需承担汇率风险与香港零售租金波动风险。`], pageBreak: true },
        { heading: '四、配置建议与风险', paras: ['REITs 适合作为收益型资产的补充，单一 REIT 不宜超过组合的 10%。REITs 价格可能大幅波动，不保证分红金额。'] },
      ],
    },
  });
  const pfIds = PRODUCTS.filter((p) => p.product.productType === 'private_fund').map((p) => p.id);
  docs.push({
    key: 'research-private-strategies-en', docType: 'research', productIds: pfIds,
    model: {
      title: 'Private Fund Strategies Explained: Long/Short, Market Neutral, CTA and Multi-Strategy', lang: 'en',
      sections: [
        { heading: 'Why strategy matters', paras: ['Private securities funds are sold only to qualified investors and differ mostly by strategy. The same 1.50% management fee and 20% performance fee apply across our shelf, so the choice is about how each strategy behaves in different markets.'] },
        { heading: 'The shelf', table: { header: ['Fund', 'Code', 'Risk', 'Mgmt fee', 'Dealing'], rows: pfIds.map((id) => row(id, false)) } },
        { heading: 'Market neutral', paras: [`${P('PF-2022-013').nameEn} hedges its stock basket with index futures, so returns come from stock selection rather than market direction. Its main risk is basis cost and crowded quant factors.`] },
        { heading: 'Managed futures (CTA)', paras: [`${P('PF-2020-021').nameEn} follows trends across commodity, rate and equity-index futures. It tends to do well in strong trends and lose in choppy, range-bound markets.`] },
        { heading: 'Long/short and multi-strategy', paras: ['Long/short equity funds keep a net long exposure and behave like concentrated equity funds with some downside cushion; multi-strategy funds combine several engines to smooth returns.'] },
        { heading: 'Lock-up and liquidity', paras: ['All funds on the shelf have a 6-month lock-up followed by monthly dealing. Plan liquidity accordingly.'] },
      ],
    },
  });
  const cashIds = ['018301', '018302', 'WM-2024-031', 'WM-2023-087'];
  docs.push({
    key: 'research-cash-tools-zh', docType: 'research', productIds: cashIds,
    model: {
      title: '现金管理工具对比：货币基金与现金管理类理财', lang: 'zh',
      sections: [
        { heading: '一、流动性与到账时间', paras: ['货币基金和现金管理类理财都可以每日申赎，快速赎回通常单日上限 1 万元，普通赎回 T+1 到账。两类产品风险等级均为 R1，但都不等同于存款，不保证本金。'] },
        { heading: '二、费用比较', table: { header: ['产品', '代码', '风险等级', '管理费', '流动性'], rows: cashIds.map((id) => row(id, true)) } },
        { heading: '三、如何选择', paras: ['日常备用金优先选择费率低、快速赎回额度高的产品；超过三个月不用的资金可以考虑短债基金或 90 天持有期理财，以获取略高的收益。'] },
      ],
    },
  });
  const abroad = ['018501', '018502', '018503', 'MTSY', 'MTIY'];
  docs.push({
    key: 'research-investing-abroad-en', docType: 'research', productIds: abroad,
    model: {
      title: 'Investing Abroad: QDII Funds and US Treasury ETFs', lang: 'en',
      sections: [
        { heading: 'Two routes overseas', paras: ['Clients can reach overseas markets through QDII funds bought in CNY or USD, or through US-listed Treasury ETFs held in a brokerage account. QDII funds settle slower (T+5 to T+7) because trades clear overseas.'] },
        { heading: 'Products', table: { header: ['Product', 'Code', 'Risk', 'Mgmt fee', 'Dealing'], rows: abroad.map((id) => row(id, false)) } },
        { heading: 'Currency', paras: ['Returns of USD assets measured in CNY depend on the exchange rate: a 5% CNY appreciation removes about 5 points of return. The USD share class of the bond fund avoids conversion for clients who already hold dollars.'] },
        { heading: 'Duration', paras: [`${P('MTSY').nameEn} holds 1–3 year Treasuries and moves little with rates; ${P('MTIY').nameEn} holds 3–7 year Treasuries and gains or loses about 5% for each 1 point move in yields.`] },
      ],
    },
  });
  docs.push(faq('zh'), faq('en'));
  for (const [type, zhName, ids] of [
    ['bank_wealth', '银行理财产品', PRODUCTS.filter((p) => p.product.productType === 'bank_wealth').map((p) => p.id)],
    ['private_fund', '私募证券投资基金', pfIds],
    ['public_fund', '公募证券投资基金', PRODUCTS.filter((p) => p.product.productType === 'public_fund').map((p) => p.id)],
  ] as const) {
    docs.push({
      key: `risk-disclosure-${type.replace('_', '-')}-zh`, docType: 'risk_disclosure', productIds: [...ids],
      model: {
        title: `${zhName}风险揭示书`, lang: 'zh',
        sections: [
          { heading: '一、重要提示', paras: [`${zhName}不是银行存款，不保证本金和收益，投资者可能损失部分甚至全部本金。请在充分理解产品风险并完成风险承受能力评估后审慎决策。`] },
          { heading: '二、主要风险', paras: ['市场风险：所投资产价格波动导致产品净值下跌。', '流动性风险：在封闭期或非开放日不能赎回，巨额赎回时可能延期支付。', '信用风险：债务人违约导致损失。', type === 'private_fund' ? '杠杆与衍生品风险：私募基金可使用融资融券、股指期货等工具，亏损可能被放大。' : '政策风险：监管政策变化可能影响产品运作。'] },
          { heading: '三、适当性管理', paras: ['产品风险等级分为 R1 至 R5，投资者风险承受能力分为 C1 至 C5。只有当投资者等级不低于产品等级时方可购买；风险测评有效期一般为一年，过期需重新评估。'] },
          { heading: '四、投资者声明', paras: ['本人已阅读并理解本风险揭示书全部内容，确认投资决策由本人独立作出，自愿承担投资风险。'] },
        ],
      },
    });
  }
  return docs;
}

function faq(lang: 'zh' | 'en'): GeneralDoc {
  const zh = lang === 'zh';
  const qa: [string, string][] = zh
    ? [
        ['风险等级 R1–R5 是什么意思？', '产品风险等级由低到高分为 R1 低风险、R2 中低风险、R3 中风险、R4 中高风险、R5 高风险。您只能购买不高于自身风险测评等级的产品，例如 C3 平衡型客户可购买 R1–R3 产品。'],
        ['赎回的钱什么时候到账？', '货币基金和现金管理类理财一般 T+1 到账，债券基金 T+1，股票和混合基金 T+3，QDII 基金 T+5 至 T+7，私募基金在月度开放日后 10 个工作日内到账。'],
        ['什么是封闭期或锁定期？', '封闭期内不能赎回。例如 90 天持有期理财每笔申购需持有满 90 天；私募基金有 6 个月锁定期；一年定开理财每年只开放一次。'],
        ['基金的管理费是怎么收的？', '管理费和托管费按前一日净值每日计提，已经体现在净值中，不需要另外支付。申购费和赎回费在交易时一次性收取。'],
        ['理财产品保本吗？', '不保本。资管新规后银行理财全面净值化，任何产品都不承诺保本保收益，历史业绩不代表未来表现。'],
        ['风险测评多久要做一次？', '风险测评有效期为一年。过期后需要重新测评才能购买中高风险产品。'],
        ['私募基金谁能买？', '仅限合格投资者：金融资产不低于 300 万元或近三年年均收入不低于 50 万元，且单笔认购不低于 100 万元。'],
      ]
    : [
        ['What do risk levels R1 to R5 mean?', 'Products are rated from R1 (low) to R5 (high). You may only buy products at or below your own profile: a C3 Balanced client can buy R1 to R3 products.'],
        ['When do I get my money after redeeming?', 'Money market funds and cash-management products pay T+1, bond funds T+1, equity and hybrid funds T+3, QDII funds T+5 to T+7, and private funds within 10 business days after the monthly dealing day.'],
        ['What is a lock-up period?', 'You cannot redeem during a lock-up. The 90-day holding product must be held 90 days per purchase; private funds have a 6-month lock-up; one-year periodic open products open once a year.'],
        ['How are fund management fees charged?', 'Management and custody fees accrue daily against the previous day NAV and are already reflected in the NAV; subscription and redemption fees are charged once per transaction.'],
        ['Are wealth products capital protected?', 'No. Bank wealth products are NAV-based and no product promises principal or returns; past performance does not indicate future results.'],
        ['How often must I redo the risk questionnaire?', 'A risk assessment is valid for one year; after it expires you must reassess before buying medium- or high-risk products.'],
        ['Who can buy private funds?', 'Only qualified investors: at least CNY 3 million in financial assets or CNY 500,000 average annual income over three years, with a minimum subscription of CNY 1 million.'],
      ];
  return {
    key: `faq-${lang}`, docType: 'faq', productIds: [],
    model: { title: zh ? '理财常见问题（FAQ）' : 'Investing FAQ', lang, sections: qa.map(([q, a]) => ({ heading: q, paras: [a] })) },
  };
}
