/**
 * Every tool's card on the demo page, in a real browser (Debian's chromium via
 * playwright-core) against the real server on port 0 with seeded PGlite and the document
 * library: one question per tool, and each card's figures must equal the tool result the
 * `done` event carries (formatted the way the page says it formats them). Screenshots of
 * every card, desktop and 390 px wide, go to /tmp/wealthdesk-cards/. Skipped only when no
 * chromium binary is installed.
 */
import { mkdirSync } from 'node:fs';
import { type Browser, type Locator, type Page } from 'playwright-core';
import { HAS_CHROMIUM, launchChromium } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { openTestPglite } from '../../src/db/testing.js';
import { seedDemoLibrary } from '../../src/rag/demo-library.js';
import { startServer, type RunningServer } from '../../src/server/start.js';

const SHOTS = '/tmp/wealthdesk-cards';

// The page's formatting, re-implemented from its contract (demo.js): money = decimal string
// with separators and decimals cut to 2; percents = fraction × 100 to 2 (or d) places.
const money = (v: string) => {
  const [i, f] = v.replace(/^\+/, '').split('.');
  const int = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return f ? `${int}.${f.slice(0, 2)}` : int;
};
const pct = (v: number, d = 2) => `${(v * 100).toFixed(d)}%`;
const spct = (v: number, d = 2) => `${v > 0 ? '+' : ''}${pct(v, d)}`;

/**
 * The answer as the formatted bubble's text reads: the Markdown syntax removed (table
 * separator rows, a table row's pipes, list markers, bold stars; [n] markers stay), whitespace ignored.
 */
const plain = (md: string) =>
  md
    .split('\n')
    .filter((l) => !/^\s*\|?\s*:?-{3,}/.test(l))
    .map((l) => (/^\s*\|.*\|\s*$/.test(l) ? l.replace(/\|/g, '') : l.replace(/^\s*(?:[-*]|\d+\.)\s+/, '')))
    .join('')
    .replace(/\*\*/g, '')
    .replace(/\s+/g, '');
/** The cells of the answer's "| a | b |" rows (separator rows left out): header first. */
const mdTable = (md: string) =>
  md
    .split('\n')
    .filter((l) => /^\s*\|.*\|\s*$/.test(l) && !/^\s*\|?\s*:?-{3,}/.test(l))
    .map((l) => l.trim().slice(1, -1).split('|').map((c) => c.trim()));
const listItems = (md: string) => md.split('\n').filter((l) => /^\s*(?:[-*]|\d+\.)\s+/.test(l)).length;
/** The latest turn's answer bubble, pinned by index (a `.last()` locator would move on to later turns). */
const bubbleOf = async (page: Page) => page.locator('.turn').nth((await page.locator('.turn').count()) - 1).locator('.msg.bot');

type Any = any; // JSON from the wire
interface Chat { page: Page; dones: Any[]; errors: string[] }

async function open(browser: Browser, url: string): Promise<Chat> {
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const dones: Any[] = [];
  page.on('websocket', (ws) =>
    ws.on('framereceived', (f) => {
      if (typeof f.payload !== 'string' || !f.payload.startsWith('42/chat,')) return;
      const [name, body] = JSON.parse(f.payload.slice(f.payload.indexOf('['))) as [string, Any];
      if (name === 'done') dones.push(body.result);
    }),
  );
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(url);
  return { page, dones, errors };
}

/** Sends `text` (or clicks `click`) and waits for the turn's `done`; returns its result. */
async function ask(chat: Chat, text: string | Locator): Promise<Any> {
  const n = chat.dones.length;
  if (typeof text === 'string') {
    await chat.page.fill('#input', text);
    await chat.page.keyboard.press('Enter');
  } else await text.click();
  await chat.page.locator('.turn .meta').nth(n).waitFor({ timeout: 20_000 });
  expect(chat.dones.length).toBe(n + 1);
  return chat.dones[n];
}
const call = (done: Any, name: string) => {
  const c = done.toolCalls.find((x: Any) => x.name === name);
  expect(c, `${name} in ${JSON.stringify(done.toolCalls.map((x: Any) => x.name))}`).toBeTruthy();
  expect(c.ok).toBe(true);
  return c.result;
};
const card = (page: Page, tool: string) => page.locator(`.tool-card[data-tool="${tool}"]`).last();
const texts = (l: Locator) => l.allTextContents();

describe.skipIf(!HAS_CHROMIUM)('demo page tool cards in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;
  const shots: { tool: string; locator: Locator }[] = [];

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const db = await openTestPglite();
    await seedDemoData(db, { clients: 6 });
    server = await startServer({ config, db, port: 0, host: '127.0.0.1', seedLibrary: (d) => seedDemoLibrary(d) });
    await server.ready;
    browser = await launchChromium();
  }, 60_000);
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a client asks one question per tool; every card shows the figures of its result, in both widths', async () => {
    const chat = await open(browser, server.url);
    const { page } = chat;
    await page.locator('#persona-list button[data-id="C0001"]').click();
    await page.locator('#input:not([disabled])').waitFor({ timeout: 15_000 });

    // get_portfolio: total, allocation legend, and the top-5 holdings table (collapsed until opened)
    let d = await ask(chat, '我的组合现在值多少钱？');
    const pf = call(d, 'get_portfolio');
    let c = card(page, 'get_portfolio');
    expect(await c.locator('.big').textContent()).toBe(money(pf.totalValue));
    expect(await c.locator('.legend > span').count()).toBe(pf.allocation.byAssetClass.length);
    await c.locator('details summary').click();
    const top = [...pf.holdings].sort((a: Any, b: Any) => Number(b.marketValue) - Number(a.marketValue)).slice(0, 5);
    expect(await texts(c.locator('tbody th'))).toEqual(top.map((h: Any) => h.name));
    expect(await texts(c.locator('tbody tr td:nth-child(2)'))).toEqual(top.map((h: Any) => money(h.marketValue)));
    shots.push({ tool: 'get_portfolio', locator: c });
    await page.screenshot({ path: `${SHOTS}/page.png` });

    // get_performance: a pair of bars per period, each labelled with its return
    d = await ask(chat, '我各个时间段的收益和基准比怎么样？');
    const perf = call(d, 'get_performance');
    c = card(page, 'get_performance');
    expect(perf.periods.length).toBeGreaterThan(0);
    expect(await texts(c.locator('svg text.val'))).toEqual(perf.periods.flatMap((p: Any) => [spct(p.return), p.benchmarkReturn === null ? '–' : spct(p.benchmarkReturn)]));
    expect(await c.locator('svg rect.b.port').count()).toBe(perf.periods.length);
    shots.push({ tool: 'get_performance', locator: c });

    // portfolio_risk: key figures, VaR 95/99 × 1/10 days (historical) in % and money, top contributors
    d = await ask(chat, "what's my 95% VaR?");
    const risk = call(d, 'portfolio_risk');
    c = card(page, 'portfolio_risk');
    const stat = await texts(c.locator('.stat .v'));
    expect(stat.slice(0, 3)).toEqual([pct(risk.annualVolatility), risk.sharpe.toFixed(2), pct(risk.maxDrawdown)]);
    const v = (conf: number, h: number) => {
      const f = risk.var.find((x: Any) => x.confidence === conf && x.horizonDays === h && x.method === 'historical');
      return `${pct(f.var)} · ${money(f.varAmount)}`;
    };
    expect(await texts(c.locator('tbody td'))).toEqual([v(0.95, 1), v(0.95, 10), v(0.99, 1), v(0.99, 10)]);
    const contributors = [...risk.riskContributors].sort((a: Any, b: Any) => b.contribution - a.contribution).slice(0, 5);
    expect(await c.locator('svg rect.b.risk').count()).toBe(contributors.length);
    expect((await texts(c.locator('svg text.val'))).filter((_, i) => i % 2 === 0)).toEqual(contributors.map((x: Any) => pct(x.contribution, 1)));
    shots.push({ tool: 'portfolio_risk', locator: c });

    // optimize_portfolio: before → after, paired bars per holding, the trades list
    d = await ask(chat, '帮我优化一下组合，最大化夏普比率');
    const opt = call(d, 'optimize_portfolio');
    c = card(page, 'optimize_portfolio');
    expect(await texts(c.locator('.stat .v'))).toEqual([
      `${pct(opt.before.expectedReturn)} → ${pct(opt.after.expectedReturn)}`,
      `${pct(opt.before.volatility)} → ${pct(opt.after.volatility)}`,
      `${opt.before.sharpe.toFixed(2)} → ${opt.after.sharpe.toFixed(2)}`,
    ]);
    expect(await texts(c.locator('svg text.val'))).toEqual(opt.holdings.flatMap((h: Any) => [pct(h.currentWeight, 1), pct(h.proposedWeight, 1)]));
    expect(opt.trades.length).toBeGreaterThan(0);
    await c.locator('details summary').click();
    expect(await texts(c.locator('tbody td:last-child'))).toEqual(opt.trades.map((x: Any) => money(x.amount)));
    shots.push({ tool: 'optimize_portfolio', locator: c });
    // the answer bubble: its Markdown table, lists and bold shown formatted, no syntax left
    let bubble = await bubbleOf(page);
    expect((await bubble.textContent())!.replace(/\s+/g, '')).toBe(plain(d.answer));
    const rows = mdTable(d.answer);
    expect(rows.length).toBeGreaterThan(1);
    expect(await texts(bubble.locator('table thead th'))).toEqual(rows[0]);
    expect(await bubble.locator('table tbody tr').count()).toBe(rows.length - 1);
    expect(await texts(bubble.locator('table tbody tr').first().locator('td'))).toEqual(rows[1]);
    expect(await bubble.locator('li').count()).toBe(listItems(d.answer));
    expect(await bubble.textContent()).not.toMatch(/\*\*|\||---/);
    shots.push({ tool: 'optimize_answer', locator: bubble });

    // check_rebalance: a diverging bar per asset class with its band, the verdict
    d = await ask(chat, 'how should I rebalance?');
    const reb = call(d, 'check_rebalance');
    c = card(page, 'check_rebalance');
    expect(await texts(c.locator('svg text.val'))).toEqual(reb.drift.map((x: Any) => spct(x.drift)));
    expect(await c.locator('svg rect.band').count()).toBe(reb.drift.length);
    expect(await c.locator('.note').getAttribute('class')).toContain(reb.rebalanceNeeded ? 'warn' : 'ok');
    shots.push({ tool: 'check_rebalance', locator: c });

    // project_goal: probability as a big number, fan chart (two bands, median line, target line)
    d = await ask(chat, '我每月投5000，20年后能到500万吗？');
    const goal = call(d, 'project_goal');
    c = card(page, 'project_goal');
    // one card per call: the result settles the card its tool_call opened (same id), none is left running
    const goalTurn = page.locator('.turn').nth((await page.locator('.turn').count()) - 1);
    expect(await goalTurn.locator('.tool-card').count()).toBe(d.toolCalls.length);
    expect(await goalTurn.locator('.tool-card[data-tool="project_goal"] .tool-state').allTextContents()).toEqual(['完成']);
    // the probability as the tool displays it ('>99%'), else formatted from the fraction
    const goalProb = goal.probabilityDisplay?.text ?? pct(goal.probability, 1);
    expect(await c.locator('.big.prob').textContent()).toBe(goalProb);
    expect(await c.locator('svg path.fan-outer').count()).toBe(1);
    expect(await c.locator('svg path.fan-inner').count()).toBe(1);
    expect((await c.locator('svg polyline.median').getAttribute('points'))!.split(' ')).toHaveLength(goal.years + 1);
    expect(await c.locator('svg line.target').count()).toBe(1);
    expect(await c.locator('.kv .v').first().textContent()).toBe(`${money(goal.medianFinal)} ${goal.currency}`);
    shots.push({ tool: 'project_goal', locator: c });

    // backtest_strategy: two lines over the month-end series, and the metrics table
    d = await ask(chat, 'backtest quarterly rebalancing');
    const bt = call(d, 'backtest_strategy');
    c = card(page, 'backtest_strategy');
    for (const cls of ['l-strat', 'l-bh']) expect((await c.locator(`svg polyline.${cls}`).getAttribute('points'))!.split(' ')).toHaveLength(bt.series.length);
    expect(await texts(c.locator('tbody tr').first().locator('td'))).toEqual([money(bt.strategy.endValue), money(bt.buyAndHold.endValue)]);
    expect(await texts(c.locator('tbody tr').nth(4).locator('td'))).toEqual([bt.strategy.sharpe.toFixed(2), bt.buyAndHold.sharpe.toFixed(2)]);
    shots.push({ tool: 'backtest_strategy', locator: c });

    // get_product + search_documents: facts card with the Rn badge and fees; citations under the answer
    d = await ask(chat, '鼎元稳健纯债债券A的管理费是多少？');
    const prod = call(d, 'get_product').product;
    call(d, 'search_documents');
    c = card(page, 'get_product');
    expect(await c.locator('.rbadge').textContent()).toBe(`R${prod.riskLevel}`);
    const fee = (Number(prod.fees.management) * 100).toFixed(2);
    expect(await c.locator('dd.fee-management').textContent()).toBe(`${fee}%`);
    expect(d.answer).toContain(`${fee}%`);
    expect(d.citations.length).toBeGreaterThan(0);
    const cites = page.locator('.citations').last();
    expect(await texts(cites.locator('summary'))).toEqual(d.citations.map((x: Any) => `[${x.n}] ${x.title}${x.page ? ` — 第 ${x.page} 页` : ''}`));
    expect(await cites.locator('.passage').first().isVisible()).toBe(false);
    await cites.locator('summary').first().click();
    // the passage text, its "| a | b |" lines shown as a table: the same words in the same order
    const words = (x: string) => x.split(/[\s|]+/).filter(Boolean).join(' ');
    expect(words((await cites.locator('.passage').first().evaluate((e) => Array.from(e.querySelectorAll('p, th, td')).map((n) => n.textContent).join(' '))))).toBe(words(d.citations[0].text));
    // the answer bubble: bold product name, and each [n] of a listed source a link that opens it
    bubble = await bubbleOf(page);
    expect((await bubble.textContent())!.replace(/\s+/g, '')).toBe(plain(d.answer));
    expect(await texts(bubble.locator('strong'))).toEqual([...d.answer.matchAll(/\*\*([^*\n]+?)\*\*/g)].map((m) => m[1]));
    const listed = new Set(d.citations.map((x: Any) => x.n));
    const markers = [...d.answer.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1])).filter((n) => listed.has(n));
    expect(markers.length).toBeGreaterThan(0);
    expect(await texts(bubble.locator('sup > a.cite-ref'))).toEqual(markers.map((n) => `[${n}]`));
    const n = markers.find((x) => x !== d.citations[0].n) ?? markers[0];
    const target = page.locator(`details#cite-${d.turnId}-${n}`);
    expect(await target.evaluate((e) => (e as HTMLDetailsElement).open)).toBe(n === d.citations[0].n); // only the first was opened above
    await bubble.locator(`a.cite-ref[data-cite="${n}"]`).first().click();
    expect(await target.evaluate((e) => (e as HTMLDetailsElement).open)).toBe(true);
    expect(await target.locator('.passage').isVisible()).toBe(true);
    expect(await page.evaluate(() => location.hash)).toBe(''); // revealed in place, the address untouched
    shots.push({ tool: 'product_answer', locator: bubble });
    shots.push({ tool: 'get_product', locator: c }, { tool: 'citations', locator: cites }, { tool: 'search_documents', locator: card(page, 'search_documents') });

    // assess_risk_profile: option buttons answer the question; the finished profile shows as a badge
    d = await ask(chat, '帮我做一下风险测评');
    let q = call(d, 'assess_risk_profile');
    expect(q.status).toBe('question');
    c = card(page, 'assess_risk_profile');
    expect(await texts(c.locator('.opt b'))).toEqual(q.question.options.map((o: Any) => o.key));
    shots.push({ tool: 'assess_question', locator: page.locator('.tool-card[data-tool="assess_risk_profile"]').first() });
    for (let i = 0; i < 12 && q.status === 'question'; i++) {
      const before = q.question.index;
      d = await ask(chat, card(page, 'assess_risk_profile').locator('.opt[data-key="C"]'));
      q = call(d, 'assess_risk_profile');
      if (q.status === 'question') expect(q.question.index).toBe(before + 1);
    }
    expect(q.status).toBe('completed');
    c = card(page, 'assess_risk_profile');
    expect(await c.locator('.profile-badge .lvl').textContent()).toBe(`C${q.profile.level}`);
    expect(await c.locator('.profile-badge .label').textContent()).toBe(q.profile.label);
    expect(await texts(c.locator('.kv .v'))).toContain(q.profile.expiresAt);
    // an answered question's buttons are spent
    expect(await page.locator('.tool-card[data-tool="assess_risk_profile"]').first().locator('.opt:not([disabled])').count()).toBe(0);
    shots.push({ tool: 'assess_profile', locator: c });

    // every tool call of every turn settled its own card
    expect(await page.locator('.tool-card .tool-state').allTextContents()).not.toContain('查询中…');
    // the labels follow the language toggle, figures stay
    await page.click('#lang-toggle');
    expect(await card(page, 'project_goal').locator('.tool-title').textContent()).toBe('Goal projection');
    expect(await card(page, 'project_goal').locator('.big.prob').textContent()).toBe(goalProb);
    await page.setViewportSize({ width: 1280, height: 1900 }); // tall enough that no card is cut by the chat's scroll box
    for (const s of shots) await s.locator.screenshot({ path: `${SHOTS}/${s.tool}-en.png` });
    await page.click('#lang-toggle');
    expect(chat.errors).toEqual([]);

    for (const s of shots) await s.locator.screenshot({ path: `${SHOTS}/${s.tool}.png` });
    await page.setViewportSize({ width: 390, height: 844 });
    await page.waitForTimeout(400); // the resize re-render is debounced
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    for (const s of shots) await s.locator.screenshot({ path: `${SHOTS}/${s.tool}-390.png` });
    await page.screenshot({ path: `${SHOTS}/page-390.png` });
    await page.setViewportSize({ width: 360, height: 780 });
    await page.waitForTimeout(400);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
    // every chart fits its card at 360 px
    const over = await page.evaluate(() => Array.from(document.querySelectorAll('.tool-card svg')).filter((s) => s.getBoundingClientRect().right > s.closest('.tool-card')!.getBoundingClientRect().right + 1).length);
    expect(over).toBe(0);
    await page.close();
  }, 60_000);

  it('an advisor opens /?as=advisor:A001: list_clients as a table, and a tool error as a calm card', async () => {
    const chat = await open(browser, `${server.url}/?as=advisor:A001`);
    const { page } = chat;
    await page.locator('#input:not([disabled])').waitFor({ timeout: 15_000 });
    let d = await ask(chat, 'list my clients');
    const lc = call(d, 'list_clients');
    const c = card(page, 'list_clients');
    expect(await c.locator('tbody tr').count()).toBe(lc.clients.length);
    expect(await texts(c.locator('tbody td:nth-child(3)'))).toEqual(lc.clients.map((x: Any) => `${money(x.totalValue)} ${x.baseCurrency}`));
    await c.screenshot({ path: `${SHOTS}/list_clients.png` });

    d = await ask(chat, '客户 C9999 的组合现在值多少钱？');
    const failed = d.toolCalls.find((x: Any) => x.result && x.result.error);
    expect(failed, JSON.stringify(d.toolCalls)).toBeTruthy();
    const fc = page.locator(`.tool-card[data-tool="${failed.name}"]`).last();
    expect(await fc.getAttribute('class')).toContain('failed');
    expect(await fc.locator('.code').textContent()).toBe(failed.result.error.code);
    expect(await fc.locator('.tool-body').textContent()).not.toMatch(/\n\s+at |\.ts:\d+/);
    await fc.screenshot({ path: `${SHOTS}/error.png` });
    expect(chat.errors).toEqual([]);
    await page.close();
  }, 30_000);
  it('a card speaks the language of its answer (an English question on the Chinese page gets an English card) until the toggle relabels them all', async () => {
    const chat = await open(browser, server.url);
    const { page } = chat;
    await page.locator('#persona-list button[data-id="C0001"]').click();
    await page.locator('#input:not([disabled])').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('zh-CN');
    const en = await ask(chat, "what's my portfolio worth right now?");
    expect(en.lang).toBe('en');
    call(en, 'get_portfolio');
    const zh = await ask(chat, '我的组合现在值多少钱？');
    expect(zh.lang).toBe('zh');
    const titles = () => texts(page.locator('.tool-card[data-tool="get_portfolio"] .tool-title'));
    expect(await titles()).toEqual(['Portfolio', '持仓概览']);
    await page.click('#lang-toggle');
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    expect(await titles()).toEqual(['Portfolio', 'Portfolio']);
    expect(chat.errors).toEqual([]);
    await page.close();
  }, 30_000);
});
