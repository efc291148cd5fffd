/**
 * What the offline planner knows of check_rebalance: drift from the target allocation,
 * whether to rebalance and the trades, with bands, tax awareness and costs taken from
 * the words; follow-ups change a band or the tax setting.
 */
import { label, money, pct, signedMoney, signedPct } from '../../lang/format.js';
import type { CheckRebalanceResult } from '../contract-construction.js';
import type { ComposeInput, ToolPlanner } from '../planning.js';
import { rebalanceSlotsOf } from '../shared/construction-slots.js';
import { call, carry, isZh, ownResult, whose } from '../shared/plan-kit.js';

/** Drift against the target and the trades that restore it. */
function composeRebalance(r: CheckRebalanceResult, input: ComposeInput): string {
  const lang = input.lang;
  const w = whose(input, r.clientId);
  const c = r.currency;
  const band = pct(r.rule.absoluteBand);
  const rel = pct(r.rule.relativeBand);
  const L: string[] = [
    r.rebalanceNeeded
      ? isZh(lang)
        ? `截至 ${r.asOf}，${w.zh}的组合（市值 ${money(r.portfolioValue, c)}）有资产类别超出再平衡区间（绝对偏离 ${band} 或相对偏离 ${rel}），建议再平衡：`
        : `As of ${r.asOf}, ${w.en} portfolio (value ${money(r.portfolioValue, c)}) has asset classes outside the bands (${band} absolute or ${rel} relative drift): a rebalance is due.`
      : isZh(lang)
        ? `截至 ${r.asOf}，${w.zh}的组合（市值 ${money(r.portfolioValue, c)}）各资产类别都在再平衡区间内（绝对偏离 ${band}、相对偏离 ${rel}），暂不需要再平衡。`
        : `As of ${r.asOf}, every asset class of ${w.en} portfolio (value ${money(r.portfolioValue, c)}) is within the bands (${band} absolute, ${rel} relative drift): no rebalance is needed.`,
  ];
  L.push(isZh(lang) ? '\n| 资产类别 | 当前 | 目标 | 偏离 |' : '\n| Asset class | Current | Target | Drift |', '|---|---|---|---|');
  for (const d of r.drift) {
    const mark = d.breach ? (isZh(lang) ? ' ⚠ 超限' : ' ⚠ outside band') : '';
    L.push(`| ${label(d.assetClass, lang)} | ${pct(d.currentWeight)} | ${pct(d.targetWeight)} | ${signedPct(d.drift)}${mark} |`);
  }
  if (r.trades.length > 0) {
    L.push(
      r.rebalanceNeeded
        ? isZh(lang) ? '\n调整清单：' : '\nTrade list:'
        : isZh(lang) ? '\n如仍希望回到目标配置，可参考以下调整：' : '\nIf you still want to move exactly back to target, these trades would do it:',
    );
    for (const t of r.trades) {
      const what = t.name ?? (isZh(lang) ? `一只适合您风险等级的${label(t.assetClass, lang)}产品` : `a ${label(t.assetClass, lang)} product suited to your risk level`);
      const qty = t.quantity ? (isZh(lang) ? ` ${t.quantity} 份/股` : ` ${t.quantity} units`) : '';
      const tax = t.estimatedTax && Number(t.estimatedTax) !== 0 ? (isZh(lang) ? `，预估税费 ${money(t.estimatedTax, c)}` : `, estimated tax ${money(t.estimatedTax, c)}`) : '';
      L.push(
        isZh(lang)
          ? `- ${t.side === 'buy' ? '增配' : '减持'} ${what}${qty}：${money(t.amount, c)}（交易成本 ${money(t.cost, c)}${tax}）`
          : `- ${t.side === 'buy' ? 'Increase' : 'Reduce'} ${what}${qty}: ${money(t.amount, c)} (cost ${money(t.cost, c)}${tax})`,
      );
    }
    const s = r.totals;
    L.push(
      isZh(lang)
        ? `合计卖出 ${money(s.sells, c)}、买入 ${money(s.buys, c)}，交易成本 ${money(s.costs, c)}，预估税费 ${money(s.estimatedTax, c)}；现金不作交易，为买卖后的余额：现金变动 ${signedMoney(s.cashChange, c)}，交易后现金 ${money(s.cashAfter, c)}。`
        : `Totals: sells ${money(s.sells, c)}, buys ${money(s.buys, c)}, costs ${money(s.costs, c)}, estimated tax ${money(s.estimatedTax, c)}; cash is not traded but takes what is left: cash change ${signedMoney(s.cashChange, c)}, cash after ${money(s.cashAfter, c)}.`,
    );
  }
  if (r.locked.length > 0) {
    L.push(isZh(lang) ? '仍在持有期/封闭期内、本次不卖出的持仓（其余持仓围绕其再平衡）：' : 'Still inside a holding or lock-up period, so not sold (the rest is rebalanced around them):');
    for (const x of r.locked) {
      L.push(
        isZh(lang)
          ? `- ${x.name} ${x.quantity} 份，约 ${money(x.value, c)}，${x.until} 起可赎回`
          : `- ${x.name}: ${x.quantity} units, about ${money(x.value, c)}, redeemable from ${x.until}`,
      );
    }
  }
  if (r.tlhCandidates.length > 0 && r.tax.tlhAllowed) {
    const names = r.tlhCandidates.slice(0, 3).map((x) => `${x.name} (${money(x.unrealizedLoss, c)})`).join(isZh(lang) ? '、' : ', ');
    L.push(isZh(lang) ? `可考虑税损收割的持仓：${names}。` : `Tax-loss harvesting candidates: ${names}.`);
  }
  if (r.tax.rule) L.push(r.tax.rule);
  return L.join('\n');
}


const TAX_ASKED = /税|tax/;
const LOCKED_ASKED = /锁定|封闭|持有期|赎回不了|卖不了|locked|lock-?up|lock up|holding period|can'?t (be )?(sold|sell)|cannot (be )?sold/;
const BIGGEST_TRADE = /最大的(一笔|交易|调整)|哪笔最大|biggest trade|largest trade|biggest (sale|sell|buy)/;
const FURTHEST = /偏离最大|偏得最多|最偏|离目标最远|furthest|most off|biggest drift|largest drift|most out of line|哪一类|which (asset )?class/;

interface RebalanceMemory {
  [k: string]: unknown;
  clientId: string;
  currency: string;
  estimatedTax: string;
  costs: string;
  sells: string;
  buys: string;
  taxRule: string | null;
  drift?: { assetClass: string; currentWeight: number; targetWeight: number; drift: number; breach: boolean }[];
  locked?: { name: string; value: string; until: string }[];
  biggest?: { side: string; name: string | null; assetClass: string; amount: string } | null;
  rebalanceNeeded?: boolean;
  /** The largest trades of the list, largest first. */
  tradeList?: { side: string; name: string | null; assetClass: string; amount: string }[];
}

/** "所以现在不用动？", "so nothing to do?": whether the check found anything to do. */
const NEEDED_ASKED = /不用动|不需要(调|动|做)|需要调吗|要调吗|要不要动|不用调|不动也行|nothing to do|no need to (rebalance|act|trade|do anything)|do (i|we) (need|have) to (do anything|act|rebalance|trade)|so no (action|trades|changes)|leave it (as is|alone)|all good\b/;
/** "要卖哪些", "what would I have to sell": the trades of the list just shown. */
const TRADES_LIST = /(要|需要|得)?(卖|买)(哪些|什么|哪几)|交易清单|what (do|would|should|will) (i|we|she|he) (need to |have to )?(sell|buy)|which (ones|holdings|funds) (to|do i|would i) (sell|buy)|what (gets|is) sold|list (the|of) (the )?trades|show (me )?the trades/;

export const checkRebalancePlanner: ToolPlanner<CheckRebalanceResult> = {
  intents: [
    {
      id: 'rebalance',
      label: { zh: '是否需要再平衡', en: 'whether to rebalance' },
      zh: [['再平衡', 4], ['需要怎么调', 3], ['需要调整', 2], ['超过目标', 2.5], ['偏离最大', 2.5], ['调仓', 3], ['偏离目标', 3], ['偏离', 1.5], ['回到目标', 3], ['目标配置', 1.5], ['调回', 3], ['该不该调', 3], ['要不要调', 3], ['涨太多', 2], ['差多少', 1], ['跑偏', 3], ['偏了', 2], ['阈值', 1], ['调回去', 3], ['再平衡一下', 1], ['股债比例', 2], ['还在锁定', 3.5], ['还在封闭', 3.5], ['还在持有期', 3.5], ['最大的一笔', 3]],
      en: [['rebalance', 4], ['how far+target', 3], ['from my target', 3], ['furthest from target', 3], ['rebalancing', 4], ['off target', 2.5], ['off my target', 3], ['drift', 1.5], ['back to target', 3], ['back to my target', 3], ['trim back', 3], ['target allocation', 1.5], ['get me back', 2.5], ['run up', 1.5], ['out of balance', 3.5], ['band', 1.5], ['threshold', 1], ['drifted', 2], ['due for', 1.5], ['what would you sell', 3], ['what should i sell', 3], ['sell to fix', 3], ['fix it', 1.5], ['locked up', 2], ['biggest trade', 3]],
      productsAreArgs: true,
    },
  ],
  plan: (u, intent) => call(intent, 'check_rebalance', rebalanceSlotsOf(u.norm)),
  followUp(u, prev, env) {
    const m = env.dialogue.memory.check_rebalance as RebalanceMemory | undefined;
    if (m && m.drift?.length && FURTHEST.test(u.norm) && (env.role !== 'advisor' || m.clientId === prev.args.clientId)) {
      const d = [...m.drift].sort((a, b) => Math.abs(b.drift) - Math.abs(a.drift))[0];
      const zh = isZh(u.lang);
      const text = zh
        ? `按刚才的检查，偏离最大的是${label(d.assetClass, u.lang)}：当前 ${pct(d.currentWeight)}，目标 ${pct(d.targetWeight)}，偏离 ${signedPct(d.drift)}${d.breach ? '，已超出再平衡区间' : '，仍在再平衡区间内'}。`
        : `In the check just shown, ${label(d.assetClass, u.lang)} is furthest from target: ${pct(d.currentWeight)} against ${pct(d.targetWeight)}, a drift of ${signedPct(d.drift)}${d.breach ? ', outside the band' : ', still within the band'}.`;
      return { kind: 'say', intent: 'rebalance', text, from: 'check_rebalance' };
    }
    const same = m && (env.role !== 'advisor' || m.clientId === prev.args.clientId);
    if (m && same && m.locked && LOCKED_ASKED.test(u.norm) && Object.keys(rebalanceSlotsOf(u.norm)).length === 0) {
      const zh = isZh(u.lang);
      const text = m.locked.length === 0
        ? zh ? '按刚才的检查，没有仍在持有期或封闭期内的持仓，都可以按清单调整。' : 'In the check just shown, nothing is inside a holding or lock-up period: every trade on the list can be made.'
        : [zh ? '按刚才的检查，以下持仓仍在持有期/封闭期内，本次不卖出：' : 'In the check just shown, these holdings are still inside a holding or lock-up period and are not sold:',
          ...m.locked.map((x) => (zh ? `- ${x.name}，约 ${money(x.value, m.currency)}，${x.until} 起可赎回` : `- ${x.name}: about ${money(x.value, m.currency)}, redeemable from ${x.until}`))].join('\n');
      return { kind: 'say', intent: 'rebalance', text, from: 'check_rebalance' };
    }
    if (m && same && m.biggest && BIGGEST_TRADE.test(u.norm) && Object.keys(rebalanceSlotsOf(u.norm)).length === 0) {
      const b = m.biggest;
      const zh = isZh(u.lang);
      const what = b.name ?? label(b.assetClass, u.lang);
      const text = zh
        ? `按刚才的清单，最大的一笔是${b.side === 'buy' ? '增配' : '减持'} ${what}：${money(b.amount, m.currency)}。`
        : `In the list just shown, the biggest trade is to ${b.side === 'buy' ? 'increase' : 'reduce'} ${what}: ${money(b.amount, m.currency)}.`;
      return { kind: 'say', intent: 'rebalance', text, from: 'check_rebalance' };
    }
    if (m && same && Object.keys(rebalanceSlotsOf(u.norm)).length === 0 && (NEEDED_ASKED.test(u.norm) || TRADES_LIST.test(u.norm)) && m.tradeList) {
      const zh = isZh(u.lang);
      const line = (t: NonNullable<RebalanceMemory['tradeList']>[number]) => {
        const what = t.name ?? label(t.assetClass, u.lang);
        return zh ? `- ${t.side === 'buy' ? '买入' : '卖出'} ${what}：${money(t.amount, m.currency)}` : `- ${t.side === 'buy' ? 'Buy' : 'Sell'} ${what}: ${money(t.amount, m.currency)}`;
      };
      const head = m.tradeList.length === 0
        ? zh ? '按刚才的检查，各类资产都在再平衡区间内，目前不需要交易。' : 'In the check just shown, every asset class is within its band: no trades are needed now.'
        : m.rebalanceNeeded === false
          ? zh ? '按刚才的检查，目前不必再平衡；如仍要调回目标，清单如下：' : 'In the check just shown, no rebalance is needed now; to go back to target anyway, the trades would be:'
          : zh ? '按刚才的检查，需要再平衡，清单中的主要交易：' : 'In the check just shown, a rebalance is due; the main trades on the list:';
      const sells = m.tradeList.filter((t) => t.side === 'sell');
      const shown = TRADES_LIST.test(u.norm) && /卖|sell|sold/.test(u.norm) && sells.length > 0 ? sells : m.tradeList;
      const text = [head, ...shown.map(line), ...(m.tradeList.length ? [zh ? '以上为模型测算的参考，交易前请结合税费与流动性确认。' : 'A model proposal for reference; confirm taxes and liquidity before trading.'] : [])].join('\n');
      return { kind: 'say', intent: 'rebalance', text, from: 'check_rebalance' };
    }
    if (m && TAX_ASKED.test(u.norm) && (env.role !== 'advisor' || m.clientId === prev.args.clientId) && Object.keys(rebalanceSlotsOf(u.norm)).length === 0) {
      const zh = isZh(u.lang);
      const text = zh
        ? `按刚才的再平衡清单，预估税费合计 ${money(m.estimatedTax, m.currency)}，交易成本合计 ${money(m.costs, m.currency)}（卖出 ${money(m.sells, m.currency)}、买入 ${money(m.buys, m.currency)}）。${m.taxRule ? m.taxRule : ''}`
        : `For the rebalancing trades just shown, the estimated tax is ${money(m.estimatedTax, m.currency)} and trading costs ${money(m.costs, m.currency)} (sells ${money(m.sells, m.currency)}, buys ${money(m.buys, m.currency)}).${m.taxRule ? ` ${m.taxRule}` : ''}`;
      return { kind: 'say', intent: 'rebalance', text, from: 'check_rebalance' };
    }
    const next = rebalanceSlotsOf(u.norm);
    if (Object.keys(next).length === 0) return undefined;
    return call('rebalance', 'check_rebalance', carry(prev, next, ['clientId', 'absoluteBand', 'relativeBand', 'taxAware', 'costBps']));
  },
  compose(input) {
    const own = ownResult<CheckRebalanceResult>(input);
    return 'failed' in own ? own.failed : composeRebalance(own.result, input);
  },
  remember: (r): RebalanceMemory => ({
    clientId: r.clientId,
    currency: r.currency,
    rebalanceNeeded: r.rebalanceNeeded,
    trades: r.trades.length,
    estimatedTax: r.totals.estimatedTax,
    costs: r.totals.costs,
    sells: r.totals.sells,
    buys: r.totals.buys,
    taxRule: r.tax.rule ?? null,
    drift: r.drift.map((d) => ({ assetClass: d.assetClass, currentWeight: d.currentWeight, targetWeight: d.targetWeight, drift: d.drift, breach: d.breach !== null })),
    locked: r.locked.map((x) => ({ name: x.name, value: x.value, until: x.until })),
    biggest: [...r.trades].sort((a, b) => Number(b.amount) - Number(a.amount)).map((t) => ({ side: t.side, name: t.name ?? null, assetClass: t.assetClass, amount: t.amount }))[0] ?? null,
    tradeList: [...r.trades].sort((a, b) => Number(b.amount) - Number(a.amount)).slice(0, 8).map((t) => ({ side: t.side, name: t.name ?? null, assetClass: t.assetClass, amount: t.amount })),
    subject: { clientId: r.clientId },
  }),
};
