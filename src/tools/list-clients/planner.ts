/**
 * What the offline planner knows of list_clients (advisors): listing, finding and
 * filtering the book by name, risk profile or drift, sorted; follow-ups narrow or
 * re-sort the list ("only the C2 ones", "top 3", "by drift").
 */
import { money, pct } from '../../lang/format.js';
import type { Slots } from '../../lang/slots.js';
import type { ListClientsResult } from '../contract.js';
import { marketTopic } from '../get-portfolio/outlook.js';
import type { ToolPlanner } from '../planning.js';
import { pointsAtClient } from '../shared/book-cues.js';
import { call, carry, isZh, namedClient, ownResult } from '../shared/plan-kit.js';

const LOOKUP = /找一下|查找|找找|搜一下|搜索|查一下|\bfind\b|look ?up|search for|pull up the client/;

const DRIFTED = /drift|偏离|漂移|跑偏|off target/;

function args(s: Slots, nameQuery: string | undefined, norm = ''): Record<string, unknown> {
  const a: Record<string, unknown> = {};
  if (s.riskProfile) a.riskProfile = s.riskProfile;
  if (s.minDrift !== undefined) a.minDrift = s.minDrift;
  if (s.sortBy) a.sortBy = s.sortBy;
  else if (s.minDrift !== undefined || DRIFTED.test(norm)) a.sortBy = 'drift';
  if (s.limit) a.limit = s.limit;
  if (nameQuery) a.query = nameQuery;
  return a;
}

/** "in USD", "按美元算", "换成港币": the same figures in another currency (not "if the HKD peg broke"). */
const IN_CURRENCY = /\b(in|into|to) (usd|hkd|cny|rmb|us dollars?|hk dollars?|dollars|yuan)\b|按.{0,4}(算|计|排)|换成|折(算|合)|用.{0,4}(算|计)/;

export const listClientsPlanner: ToolPlanner<ListClientsResult> = {
  intents: [
    {
      id: 'clients',
      offer: ['advisor'],
      label: { zh: '客户名单', en: 'your client list' },
      zh: [['客户', 2], ['找一下', 2], ['查找', 2], ['搜一下', 2], ['名下', 2.5], ['客户名单', 3], ['客户清单', 3], ['几个客户', 3], ['哪些客户', 3], ['的客户有', 2], ['偏离', 1.5], ['排一下', 1.5], ['客户名', 2], ['资产规模', 1.5], ['前十', 1], ['筛', 1.5], ['叫', 0.5]],
      en: [['clients', 3], ['client', 2], ['my book', 3], ['book', 1], ['drifted', 2], ['drift', 1.5], ['who', 0.5], ['rank', 1.5], ['aum', 2], ['top', 0.5], ['find client', 3], ['look up client', 3], ['my client', 1]],
      // A named client makes a question about that client ("C0003的持仓"), unless the advisor is looking them up.
      // A market or rate move asks what it means for the book, not for a list ("rates are falling — what does it mean for my clients?").
      bias: (u, _score, env) =>
        ((u.slots.clientIds.length > 0 || namedClient(u.norm, env)) && !LOOKUP.test(u.norm) ? -3 : 0) + (env.role !== 'advisor' ? -10 : 0) + (marketTopic(u.norm) ? -5 : 0) +
        // "第二个客户需要怎么调", "pull up that client's portfolio": someone in the list just shown
        ((u.ordinal || u.person) && (env.dialogue.listed?.length || env.dialogue.subject) ? -3 : 0),
      productsAreArgs: true,
    },
  ],
  plan: (u, intent) => {
    const a = args(u.slots, u.nameQuery, u.norm);
    // "帮我找一下C0039": the client named (names reach the planner as ids) is the lookup.
    if (!a.query && LOOKUP.test(u.norm) && u.slots.clientIds.length === 1) a.query = u.slots.clientIds[0];
    return call(intent, 'list_clients', a);
  },
  followUp(u, prev, env, best) {
    const s = u.slots;
    // "偏离最大的那个要怎么调仓", "the second one's risk": one client of the list, not a new list
    if ((u.ordinal && !s.limit) || u.person || pointsAtClient(u)) return undefined;
    // "what's my total AUM in USD" after a list: the book overview claims it
    if (best.tool && best.tool !== 'list_clients' && best.score >= 5 && env.tools.has(best.tool)) return undefined;
    // "超过20%的呢" after a drift list: the new threshold
    const byDrift = prev.args.minDrift !== undefined || prev.args.sortBy === 'drift';
    const pctOnly = byDrift && s.minDrift === undefined ? s.percents.find((p) => p > 0 && p < 1) : undefined;
    // "按美元算" after the largest clients: a list has each client's own currency; a ranking in one currency is the book screen's
    if (s.currency && IN_CURRENCY.test(u.norm) && prev.args.sortBy === 'value' && env.role === 'advisor' && env.tools.has('screen_book')) {
      const limit = s.limit ?? (typeof prev.args.limit === 'number' ? prev.args.limit : undefined);
      return call('book_screen', 'screen_book', { criterion: 'aum', currency: s.currency, ...(limit ? { limit } : {}) });
    }
    if (!(s.riskProfile || s.minDrift !== undefined || s.sortBy || s.limit || pctOnly !== undefined)) return undefined;
    const next = args(s, undefined);
    if (pctOnly !== undefined) next.minDrift = pctOnly;
    return call('clients', 'list_clients', carry(prev, next, ['riskProfile', 'minDrift', 'sortBy', 'query']));
  },
  compose(input) {
    const own = ownResult<ListClientsResult>(input);
    if ('failed' in own) return own.failed;
    const r = own.result;
    const zh = isZh(input.lang);
    const lines = [zh ? `符合条件的客户共 ${r.total} 位（截至 ${r.asOf}）：` : `${r.total} client(s) match (as of ${r.asOf}):`];
    for (const c of r.clients) {
      const prof = c.riskProfile ? `C${c.riskProfile}${c.profileExpired ? (zh ? '（已过期）' : ' (expired)') : ''}` : zh ? '未测评' : 'no profile';
      const drift = c.maxDriftClass ? `${zh ? '最大偏离' : 'max drift'} ${pct(c.maxDrift)} (${c.maxDriftClass})` : '';
      lines.push(`- ${c.name} (${c.id}) ${prof}, ${money(c.totalValue, c.baseCurrency)}${drift ? `, ${drift}` : ''}`);
    }
    if (r.more > 0) lines.push(zh ? `……另有 ${r.more} 位` : `… and ${r.more} more`);
    return lines.join('\n');
  },
  remember: (r) => ({
    clients: r.clients.map((c) => c.id),
    ...(r.clients.length === 1 ? { subject: { clientId: r.clients[0].id, name: r.clients[0].name } } : {}),
  }),
};
