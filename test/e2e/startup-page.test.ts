/**
 * The demo page while the server is still starting, in a real browser (Debian chromium
 * through playwright-core): a banner names each start-up step and its state from
 * `/readyz`, no client can be picked yet; once the steps finish the banner goes and the
 * clients appear — at a phone's width (390 px) and on a desktop. Screenshots of both
 * states go to /tmp/wealthdesk-startup/ for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import { type Browser } from 'playwright-core';
import { HAS_CHROMIUM, launchChromium } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { seedDemoData } from '../../src/db/seed/seed.js';
import { openTestPglite } from '../../src/db/testing.js';
import { startServer, type RunningServer } from '../../src/server/start.js';

const SHOTS = '/tmp/wealthdesk-startup';

describe.skipIf(!HAS_CHROMIUM)('demo page while the server starts', () => {
  let server: RunningServer;
  let browser: Browser;
  let release!: () => void;

  beforeAll(async () => {
    mkdirSync(SHOTS, { recursive: true });
    const db = await openTestPglite();
    await seedDemoData(db, { clients: 12 });
    const gate = new Promise<void>((r) => (release = r));
    // The library step is held open until the test lets it finish.
    server = await startServer({
      config: loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent', SEED_ON_START: 'true' }),
      db, port: 0, host: '127.0.0.1',
      seedLibrary: async () => {
        await gate;
        return { documents: 0 };
      },
    });
    browser = await launchChromium();
  }, 120_000);
  afterAll(async () => {
    release?.();
    await browser?.close();
    await server?.close();
  });

  it('shows the start-up steps until /readyz is 200, then the clients (390 px and desktop)', async () => {
    const pages = await Promise.all(
      [
        { name: 'phone', viewport: { width: 390, height: 844 } },
        { name: 'desktop', viewport: { width: 1280, height: 800 } },
      ].map(async (v) => {
        const ctx = await browser.newContext({ viewport: v.viewport, locale: 'zh-CN' });
        const page = await ctx.newPage();
        await page.goto(`${server.url}/`);
        return { ...v, page };
      }),
    );
    for (const { name, page } of pages) {
      const banner = page.locator('#startup');
      await banner.waitFor({ state: 'visible', timeout: 20_000 });
      await expect(banner.locator('[data-step="library"]').getAttribute('data-state')).resolves.toBe('running');
      expect(await banner.textContent()).toContain('产品文档库');
      expect(await page.locator('#persona-list li').count()).toBe(0); // nothing to pick before ready
      await page.screenshot({ path: `${SHOTS}/starting-${name}.png`, fullPage: false });
    }
    // The banner follows the language toggle.
    await pages[1]!.page.click('#lang-toggle');
    expect(await pages[1]!.page.locator('#startup').textContent()).toContain('Product library');
    await pages[1]!.page.screenshot({ path: `${SHOTS}/starting-desktop-en.png` });
    release();
    await server.ready;
    for (const { name, page } of pages) {
      await page.locator('#startup').waitFor({ state: 'hidden', timeout: 20_000 });
      await page.locator('#persona-list li').first().waitFor({ timeout: 20_000 });
      expect(await page.locator('#persona-list li').count()).toBe(10);
      await page.screenshot({ path: `${SHOTS}/ready-${name}.png`, fullPage: false });
    }
  }, 120_000);
});
