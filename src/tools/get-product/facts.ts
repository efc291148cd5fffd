/**
 * Fact lines of a product from get_product, the user's question choosing which (all
 * when it names none, or asks to compare or describe).
 */
import { pct } from '../../lang/format.js';
import { isZh } from '../shared/plan-kit.js';
import type { Lang } from '../../vocab.js';
import type { ProductFacts } from './index.js';

/** The parts of the `get_product` result the composer reads. */
export type ProductFactsView = Omit<ProductFacts, 'launchDate' | 'description' | 'documents' | 'liquidity'> & {
  liquidity?: Omit<NonNullable<ProductFacts['liquidity']>, 'code'>;
};

const FEE_NAMES: Record<string, [string, string]> = {
  management: ['管理费', 'management fee'],
  custody: ['托管费', 'custody fee'],
  subscription: ['申购费', 'subscription fee'],
  redemption: ['赎回费', 'redemption fee'],
  sales: ['销售服务费', 'sales service fee'],
  performance: ['业绩报酬', 'performance fee'],
};

type Focus = 'fees' | 'manager' | 'liquidity' | 'risk' | 'minimum' | 'benchmark';
const FOCUS: [Focus, RegExp][] = [
  ['fees', /费|fee|cost|charge/],
  ['manager', /经理|管理人|manag(er|es|ed)|who runs/],
  ['liquidity', /封闭|锁定|持有期|赎回|流动性|多久|lock|redeem|redemption|liquidity|how long|holding period/],
  ['risk', /风险等级|r几|风险|risk|能买|can i buy|suitable/],
  ['minimum', /起购|起投|最低|门槛|minimum|min\.? (investment|purchase)/],
  ['benchmark', /基准|benchmark/],
];

function focusOf(q: string): Set<Focus> {
  return new Set(FOCUS.filter(([, re]) => re.test(q)).map(([f]) => f));
}

/** Fact lines of one product, the user's question choosing which (all when it names none). */
export function productFacts(p: ProductFactsView, q: string, lang: Lang): string[] {
  const f = focusOf(q);
  const all = f.size === 0 || /区别|不同|差别|比较|对比|differ|compare|vs\b|versus|tell me about|介绍/.test(q);
  const L: string[] = [isZh(lang) ? `**${p.name}**（${p.id}）` : `**${p.nameEn}** (${p.id})`];
  if ((all || f.has('risk')) && p.riskLevel !== null) {
    L.push(isZh(lang) ? `- 风险等级：R${p.riskLevel}` : `- Risk level: R${p.riskLevel}`);
  }
  if ((all || f.has('fees')) && p.fees) {
    const fees = Object.entries(p.fees).map(([k, v]) => `${(FEE_NAMES[k] ?? [k, k])[isZh(lang) ? 0 : 1]} ${pct(Number(v))}`);
    if (fees.length) L.push(isZh(lang) ? `- 费率：${fees.join('，')}` : `- Fees: ${fees.join(', ')}`);
  }
  if ((all || f.has('manager')) && (p.manager || p.issuer)) {
    L.push(
      isZh(lang)
        ? `- ${p.manager ? `基金经理/投资经理：${p.manager}` : ''}${p.manager && p.issuer ? '；' : ''}${p.issuer ? `管理人：${p.issuer}` : ''}`
        : `- ${p.managerEn ? `Manager: ${p.managerEn}` : ''}${p.managerEn && p.issuer ? '; ' : ''}${p.issuer ? `issuer: ${p.issuer}` : ''}`,
    );
  }
  if ((all || f.has('liquidity')) && p.liquidity) L.push(isZh(lang) ? `- 流动性：${p.liquidity.zh}` : `- Liquidity: ${p.liquidity.en}`);
  if ((all || f.has('minimum')) && p.minPurchase) L.push(isZh(lang) ? `- 起购金额：${p.minPurchase} ${p.currency}` : `- Minimum purchase: ${p.minPurchase} ${p.currency}`);
  if ((all || f.has('benchmark')) && p.benchmark) L.push(isZh(lang) ? `- 业绩比较基准：${p.benchmark.zh}` : `- Benchmark: ${p.benchmark.en}`);
  return L;
}

