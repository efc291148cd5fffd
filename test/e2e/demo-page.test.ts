/**
 * The demo page in a real browser (Debian's chromium driven by playwright-core): pick a
 * client, ask for the portfolio value, see the answer stream in over socket.io with a
 * figure and a tool card showing the same total. Skipped only when no chromium binary
 * is installed (CI installs it). A screenshot goes to /tmp/wealthdesk-demo.png.
 */
import { type Browser } from 'playwright-core';
import { HAS_CHROMIUM, launchChromium } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { openTestPglite } from '../../src/db/testing.js';
import { startServer, type RunningServer } from '../../src/server/start.js';
import { findTool } from '../../src/tools/registry.js';

const SHOT = '/tmp/wealthdesk-demo.png';
const PHONE = '/tmp/wealthdesk-phone';

/** The page's own formatting of a decimal string, re-implemented: thousands separators, 2 decimals cut. */
function formatMoney(v: string): string {
  const [i, f] = v.split('.');
  const int = i.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return f ? `${int}.${f.slice(0, 2)}` : int;
}

/**
 * The answer as the formatted bubble's text reads: the Markdown syntax removed (table
 * separator rows, a table row's pipes, list markers, bold stars; [n] markers stay), whitespace ignored.
 */
function plain(md: string): string {
  return md
    .split('\n')
    .filter((l) => !/^\s*\|?\s*:?-{3,}/.test(l))
    .map((l) => (/^\s*\|.*\|\s*$/.test(l) ? l.replace(/\|/g, '') : l.replace(/^\s*(?:[-*]|\d+\.)\s+/, '')))
    .join('')
    .replace(/\*\*/g, '')
    .replace(/\s+/g, '');
}

describe.skipIf(!HAS_CHROMIUM)('demo page in a real browser', () => {
  let server: RunningServer;
  let browser: Browser;

  beforeAll(async () => {
    const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
    const db = await openTestPglite();
    await seedDemoData(db, { clients: 12 }); // the page lists 10; fewer clients seed faster
    server = await startServer({ config, db, port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('a client picks themself, asks 我的组合现在值多少钱？ and sees a streamed answer with a figure', async () => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 860 } });
    const frames: string[] = [];
    page.on('websocket', (ws) => ws.on('framereceived', (f) => { if (typeof f.payload === 'string') frames.push(f.payload); }));
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(server.url);
    const first = page.locator('#persona-list button').first();
    await first.waitFor({ timeout: 15_000 });
    await first.click();
    await page.locator('#input:not([disabled])').waitFor({ timeout: 15_000 });
    await page.fill('#input', '我的组合现在值多少钱？');
    await page.keyboard.press('Enter');
    await page.locator('.turn .meta').waitFor({ timeout: 30_000 });

    const parse = (f: string) => JSON.parse(f.slice(f.indexOf('['))) as [string, any];
    const events = frames.filter((f) => f.startsWith('42/chat,')).map(parse);
    const tokens = events.filter(([n]) => n === 'token');
    expect(tokens.length).toBeGreaterThan(1); // streamed, not one blob
    const done = events.find(([n]) => n === 'done')![1].result;
    const portfolio = done.toolCalls.find((c: { name: string }) => c.name === 'get_portfolio');
    expect(portfolio?.ok).toBe(true);

    const answer = (await page.locator('.msg.bot').last().textContent()) ?? '';
    expect(answer.replace(/\s+/g, '')).toBe(plain(done.answer));
    expect(answer).toMatch(/\d[\d,]*(\.\d+)?/);
    expect(await page.locator('.tool-card .tool-name').first().textContent()).toBe('get_portfolio');
    expect(await page.locator('.tool-card .big').first().textContent()).toBe(formatMoney(portfolio.result.totalValue));
    // allocation legend: one labelled slice per asset class of the result, in the page language
    const legend = await page.locator('.legend').first().textContent();
    expect(legend).not.toMatch(/equity_|wealth|reit |cash/);
    expect(await page.locator('.legend > span').count()).toBe(portfolio.result.allocation.byAssetClass.length);
    expect(errors).toEqual([]);
    await page.screenshot({ path: SHOT, fullPage: true });

    // language toggle switches the chrome to English
    await page.click('#lang-toggle');
    expect(await page.locator('#send').textContent()).toBe('Send');
    expect(await page.locator('#persona-status').textContent()).toBe('Connected');

    // responsive: on a phone-sized viewport the persona list and chat stack, nothing overflows sideways
    await page.setViewportSize({ width: 390, height: 844 });
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    await page.screenshot({ path: SHOT.replace('.png', '-mobile.png') });
  });

  it('on a phone (390×844): a status line while the tool runs, the composer in view after each answer, options as buttons', async () => {
    const page = await browser.newPage({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    // The socket.io websocket through a relay that can hold the server's frames after an
    // `activity` one, so the status line can be looked at while "the tool runs".
    const relay = { holdAfterActivity: true, holding: false, held: [] as (string | Buffer)[], release: () => {} };
    await page.routeWebSocket(/\/socket\.io\//, (ws) => {
      const srv = ws.connectToServer();
      ws.onMessage((m) => srv.send(m));
      srv.onMessage((m) => {
        if (relay.holding) return void relay.held.push(m);
        ws.send(m);
        if (relay.holdAfterActivity && typeof m === 'string' && m.startsWith('42/chat,["activity"')) relay.holding = true;
      });
      relay.release = () => {
        relay.holding = relay.holdAfterActivity = false;
        for (const m of relay.held.splice(0)) ws.send(m);
      };
    });
    await page.goto(server.url);
    await page.locator('#persona-list button[data-id="C0002"]').click();
    await page.locator('#input:not([disabled])').waitFor({ timeout: 15_000 });
    const metas = page.locator('.turn .meta');
    /** The input's box lies inside the viewport, and the page does not scroll sideways. */
    const inputInView = async () => {
      const box = (await page.locator('#input').boundingBox())!;
      const vp = page.viewportSize()!;
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.x).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(vp.height);
      expect(box.x + box.width).toBeLessThanOrEqual(vp.width);
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(vp.width);
    };
    const ask = async (text: string, n: number) => {
      await page.fill('#input', text);
      await page.keyboard.press('Enter');
      await metas.nth(n).waitFor({ timeout: 30_000 });
      await page.waitForTimeout(200); // let the scroll settle
    };

    // 1. a goal projection: while the Monte Carlo runs, the tool's status line is in the answer bubble
    await page.evaluate(() => {
      const w = window as unknown as { seenStatus: string[] };
      w.seenStatus = [];
      new MutationObserver(() => {
        const a = document.querySelector('.turn .msg.bot .activity');
        if (a?.textContent && w.seenStatus.at(-1) !== a.textContent) w.seenStatus.push(a.textContent);
      }).observe(document.getElementById('messages')!, { subtree: true, childList: true, characterData: true });
    });
    await page.fill('#input', '我每月投5000，20年后能到500万吗？');
    await page.keyboard.press('Enter');
    const status = page.locator('.turn .msg.bot .activity');
    await status.waitFor({ timeout: 15_000 });
    expect(await status.textContent()).toBe(findTool('project_goal')!.activity.zh);
    expect(await page.locator('.turn .tool-card[data-tool="project_goal"] .tool-state').textContent()).toMatch(/^(查询中…|running…)$/);
    await page.screenshot({ path: `${PHONE}-activity.png` });
    relay.release();
    await metas.nth(0).waitFor({ timeout: 30_000 });
    await page.waitForTimeout(200);
    expect(await page.locator('.turn .msg.bot .activity').count()).toBe(0); // replaced by the answer
    expect(await page.evaluate(() => (window as unknown as { seenStatus: string[] }).seenStatus)).toEqual([findTool('project_goal')!.activity.zh]);
    expect(await page.locator('.turn').first().locator('.tool-card[data-tool="project_goal"]').count()).toBe(1); // one card, settled
    expect(await page.locator('.turn').first().locator('.tool-card .tool-state').textContent()).toMatch(/^(完成|done)$/);
    await inputInView();
    await page.screenshot({ path: `${PHONE}-1.png` });

    // 2. a second answer: still in view
    await ask('我的组合现在值多少钱？', 1);
    await inputInView();
    await page.screenshot({ path: `${PHONE}-2.png` });

    // 3. a clarifying question: its numbered options are buttons that send the number
    await ask('嗯嗯那个', 2);
    const options = page.locator('.turn').nth(2).locator('.msg.bot button.opt-inline');
    expect(await options.count()).toBeGreaterThanOrEqual(2);
    await inputInView();
    await page.screenshot({ path: `${PHONE}-options.png` });
    const label = (await options.first().textContent())!;
    await options.first().click();
    await metas.nth(3).waitFor({ timeout: 30_000 });
    expect(await page.locator('.msg.user').last().textContent()).toBe('1');
    expect(await page.locator('.turn').nth(3).locator('.tool-card').count()).toBeGreaterThan(0); // the option's tool ran
    expect(label.length).toBeGreaterThan(1);
    expect(await options.first().isDisabled()).toBe(true); // answered once
    await page.waitForTimeout(200);
    await inputInView();
    await page.screenshot({ path: `${PHONE}-3.png` });
    expect(errors).toEqual([]);
    await page.close();
  });
});
