/**
 * The tool registry: every agent tool, the ones a role may use, and one safe way to run
 * a call from the model.
 *
 * Adding a tool is a one-line change: write `src/tools/<name>.ts` exporting a
 * `defineTool({...})` object and append it to {@link TOOLS}. Validation, role checks and
 * error results come from {@link executeTool} for free.
 */
import type { Role } from '../auth/principal.js';
import { isWealthDeskError } from '../errors.js';
import { assessRiskProfileTool } from './assess-risk-profile/index.js';
import { backtestStrategyTool } from './backtest-strategy/index.js';
import { bookOverviewTool } from './book-overview/index.js';
import { checkRebalanceTool } from './check-rebalance/index.js';
import { clientSummaryTool } from './client-summary/index.js';
import { getPerformanceTool } from './get-performance/index.js';
import { getProductTool } from './get-product/index.js';
import { getPortfolioTool } from './get-portfolio/index.js';
import { listClientsTool } from './list-clients/index.js';
import { optimizePortfolioTool } from './optimize-portfolio/index.js';
import { portfolioRiskTool } from './portfolio-risk/index.js';
import { projectGoalTool } from './project-goal/index.js';
import { screenBookTool } from './screen-book/index.js';
import { searchDocumentsTool } from './search-documents/index.js';
import type { ToolContext, ToolDefinition } from './types.js';

/** Every tool the agent can call, in the order offered to the model. */
export const TOOLS: readonly ToolDefinition[] = Object.freeze([
  getPortfolioTool,
  getPerformanceTool,
  assessRiskProfileTool,
  portfolioRiskTool,
  listClientsTool,
  bookOverviewTool,
  screenBookTool,
  clientSummaryTool,
  optimizePortfolioTool,
  checkRebalanceTool,
  projectGoalTool,
  backtestStrategyTool,
  searchDocumentsTool,
  getProductTool,
] as ToolDefinition[]);

/** The tools a role may call. */
export function toolsFor(role: Role): ToolDefinition[] {
  return TOOLS.filter((t) => t.roles.includes(role));
}

/** The tool with this name, or undefined. */
export function findTool(name: string): ToolDefinition | undefined {
  return TOOLS.find((t) => t.name === name);
}

export type ToolOutcome =
  | { ok: true; result: unknown }
  | { ok: false; error: { code: string; message: string; path?: string } };

/**
 * Runs one tool call from the model. Never throws for an unknown tool, a role that may
 * not use it, bad arguments or a failing tool: it returns `{ok: false, error}` with a
 * stable code, the offending argument path and the input echoed short and masked, so the
 * model can correct itself and the turn (and its audit events) go on.
 */
export async function executeTool(name: string, rawArgs: unknown, ctx: ToolContext): Promise<ToolOutcome> {
  const tool = findTool(name);
  if (!tool) return fail('WD_ERR_NOT_FOUND', `unknown tool ${echo(name)}; known: ${TOOLS.map((t) => t.name).join(', ')}`);
  if (!tool.roles.includes(ctx.principal.role)) {
    return fail('WD_ERR_FORBIDDEN', `${tool.name} is not available to the ${ctx.principal.role} role`);
  }
  const parsed = tool.schema.safeParse(rawArgs ?? {});
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue.path.map(String).join('.');
    const at = issue.path.length ? valueAt(rawArgs, issue.path) : rawArgs;
    return fail('WD_ERR_VALIDATION', `${path || '(arguments)'}: ${issue.message} (got ${echo(at)})`, path || undefined);
  }
  try {
    return { ok: true, result: await tool.execute(parsed.data, ctx) };
  } catch (e) {
    if (isWealthDeskError(e)) {
      const p = e.details?.path;
      return fail(e.code, e.message, typeof p === 'string' ? p : undefined);
    }
    return fail('WD_ERR_TOOL', `${tool.name} failed: ${e instanceof Error ? e.message.slice(0, 200) : 'unknown error'}`);
  }
}

function fail(code: string, message: string, path?: string): ToolOutcome {
  return { ok: false, error: path ? { code, message, path } : { code, message } };
}

function valueAt(x: unknown, path: readonly PropertyKey[]): unknown {
  let cur = x;
  for (const k of path) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = (cur as Record<PropertyKey, unknown>)[k];
  }
  return cur;
}

/** The input echoed for an error: JSON, at most 60 characters, long digit runs masked (ids, cards). */
export function echo(x: unknown): string {
  let s: string;
  try {
    s = x === undefined ? 'undefined' : (JSON.stringify(x) ?? String(x));
  } catch {
    s = String(x);
  }
  s = s.replace(/\d{7,}/g, (m) => `${m.slice(0, 2)}${'*'.repeat(m.length - 4)}${m.slice(-2)}`);
  return s.length > 60 ? `${s.slice(0, 57)}...` : s;
}
