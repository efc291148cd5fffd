/**
 * list_clients (advisors only): the advisor's book with each client's total value in
 * the client's base currency, risk profile and largest asset-class drift from target.
 * One batch of queries for the whole book, valued like get_portfolio.
 */
import { getTargetAllocations, listAdvisorClients } from '../../db/repos/clients.js';
import { fxToCnyAt, getInstruments, latestCloses } from '../../db/repos/market.js';
import { type LotRow, getLotsOfClients } from '../../db/repos/portfolio.js';
import { getCurrentRiskProfiles } from '../../db/repos/risk-profiles.js';
import { roundMoney } from '../../money.js';
import { type ClientSummary, ListClientsInput, type ListClientsResult } from '../contract.js';
import { requireAdvisor } from '../shared/scope.js';
import { defineTool } from '../types.js';
import { listClientsPlanner } from './planner.js';
import { maxDrift, valuationDate, valueLots } from '../shared/valuation.js';

export const listClientsTool = defineTool({
  name: 'list_clients',
  description:
    "Advisor only: the clients of the advisor's book with total value (base currency), risk profile C1–C5 and the largest " +
    'drift of an asset class from its target weight. Filter by name/id, profile level or minimum drift (e.g. "which clients drifted ' +
    'more than 5%" → minDrift 0.05); sort by value, drift or name.',
  schema: ListClientsInput,
  roles: ['advisor'],
  scope: 'book',
  activity: { zh: '正在查询客户名册…', en: 'Looking through your book…' },
  planner: listClientsPlanner,
  async execute(args, ctx): Promise<ListClientsResult> {
    const advisorId = requireAdvisor(ctx);
    const date = await valuationDate(ctx.db, ctx.asOf);
    const now = ctx.asOf ? new Date(`${ctx.asOf}T23:59:59Z`) : new Date();
    let clients = await listAdvisorClients(ctx.db, advisorId);
    const q = args.query?.trim().toLowerCase();
    if (q) clients = clients.filter((c) => [c.id, c.name, c.nameEn].some((s) => s.toLowerCase().includes(q)));
    const ids = clients.map((c) => c.id);
    const [lots, targets, profiles] = await Promise.all([
      getLotsOfClients(ctx.db, ids, date),
      getTargetAllocations(ctx.db, ids),
      getCurrentRiskProfiles(ctx.db, ids),
    ]);
    const instrumentIds = [...new Set(lots.map((l) => l.instrumentId))];
    const [instruments, closes, fx] = await Promise.all([
      getInstruments(ctx.db, instrumentIds),
      latestCloses(ctx.db, instrumentIds, date),
      fxToCnyAt(ctx.db, date),
    ]);
    const lotsBy = new Map<string, LotRow[]>();
    for (const l of lots) lotsBy.set(l.clientId, [...(lotsBy.get(l.clientId) ?? []), l]);

    let rows: (ClientSummary & { _v: number })[] = clients.map((c) => {
      const v = valueLots(lotsBy.get(c.id) ?? [], instruments, closes, fx, c.baseCurrency, date);
      const drift = maxDrift(v, targets.get(c.id) ?? []);
      const p = profiles.get(c.id);
      return {
        id: c.id,
        name: ctx.lang === 'en' ? c.nameEn : c.name,
        riskProfile: p ? p.level : null,
        profileExpired: p ? p.expiresAt <= now : false,
        baseCurrency: c.baseCurrency,
        totalValue: roundMoney(v.total),
        maxDrift: drift.drift,
        maxDriftClass: drift.cls,
        // sort key across currencies: value in CNY (ordering only, never reported)
        _v: v.total.times(fx[c.baseCurrency] ?? 1).toNumber(),
      };
    });
    if (args.riskProfile !== undefined) rows = rows.filter((r) => r.riskProfile === args.riskProfile);
    if (args.minDrift !== undefined) rows = rows.filter((r) => r.maxDrift > args.minDrift!);
    const sortBy = args.sortBy ?? (args.minDrift !== undefined ? 'drift' : 'value');
    rows.sort((a, b) =>
      sortBy === 'name' ? a.name.localeCompare(b.name) || (a.id < b.id ? -1 : 1)
      : sortBy === 'drift' ? b.maxDrift - a.maxDrift || (a.id < b.id ? -1 : 1)
      : b._v - a._v || (a.id < b.id ? -1 : 1),
    );
    const total = rows.length;
    const shown = rows.slice(0, args.limit ?? 20).map(({ _v, ...r }) => r);
    return { advisorId, asOf: date, total, clients: shown, more: total - shown.length };
  },
});
