/**
 * The compliance console in a real browser (Debian's chromium via playwright-core): a
 * reviewer signed in with a compliance token opens a flagged conversation, sees PII
 * masked, unmasks it with a reason (audited), starts the review and closes it with a
 * disposition; the API then shows the same state and the audit chain holds. Skipped
 * only when no chromium binary is installed. Screenshots: /tmp/wealthdesk-compliance.png, and
 * on a phone /tmp/wealthdesk-compliance-phone-{queue,detail}.png.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import { type Browser } from 'playwright-core';
import { HAS_CHROMIUM, launchChromium } from '../helpers/browser.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fieldKeyring } from '../../src/auth/field-crypto.js';
import { signToken } from '../../src/auth/tokens.js';
import { verifyAuditChain } from '../../src/compliance/audit/chain.js';
import { auditKeyring } from '../../src/compliance/audit/keyring.js';
import { ensureClient, simulateTurn } from '../../src/compliance/review/fixture.js';
import { getTimeline } from '../../src/compliance/review/timeline.js';
import { loadConfig } from '../../src/config.js';
import type { Db } from '../../src/db/db.js';
import { openTestPglite } from '../../src/db/testing.js';
import { installAuth } from '../../src/server/auth-hook.js';
import { installErrorHandlers } from '../../src/server/http-errors.js';
import { complianceRoutes } from '../../src/server/routes/compliance.js';

const SHOT = '/tmp/wealthdesk-compliance.png';
const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const rings = { audit: auditKeyring(config), field: fieldKeyring(config) };

describe.skipIf(!HAS_CHROMIUM)('compliance console in a real browser', () => {
  let db: Db;
  let app: FastifyInstance;
  let browser: Browser;
  let url: string;
  let conversationId: string;

  beforeAll(async () => {
    db = await openTestPglite();
    await ensureClient(db, 'C0001', 'A01', '王芳');
    await ensureClient(db, 'C0002', 'A02', '李雷');
    const t = await simulateTurn(db, rings, {
      principal: { role: 'client', clientId: 'C0001' },
      text: '我要投诉！经理说这个产品保本，现在亏了20%。我的手机13812345678',
      answer: '非常抱歉给您带来困扰，您的反馈已记录，客户经理会尽快联系您。',
      toolCalls: [{ id: 'c1', name: 'get_portfolio', args: {}, result: { totalValue: '812345.67', currency: 'CNY' }, ok: true, ms: 12 }],
    });
    conversationId = t.turn.conversationId;
    await simulateTurn(db, rings, { principal: { role: 'client', clientId: 'C0002' }, text: '有没有内幕消息？', answer: '' });
    app = Fastify();
    installErrorHandlers(app);
    installAuth(app, config.AUTH_SECRET);
    await app.register(complianceRoutes, { db, config, archiveDir: mkdtempSync(join(tmpdir(), 'wd-arch-')) });
    url = await app.listen({ port: 0, host: '127.0.0.1' });
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  it('opens a flagged conversation, unmasks with a reason, and closes the review with a disposition', async () => {
    const token = await signToken({ role: 'compliance', reviewerId: 'R07' }, { secret: config.AUTH_SECRET });
    const page = await browser.newPage({ viewport: { width: 1366, height: 900 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));

    await page.goto(`${url}/compliance`);
    await page.fill('#token', token);
    await page.click('#signin');
    await page.selectOption('select[name=flag]', 'complaint');
    await page.click('#filters button');
    const item = page.locator(`#items li[data-conversation="${conversationId}"]`);
    await item.waitFor({ timeout: 10_000 });
    // The unfiltered list may still be on screen for a moment: wait for the filtered one.
    await expect.poll(() => page.locator('#items li').count(), { timeout: 10_000 }).toBe(1);
    await item.click();

    const userBubble = page.locator('.turn .bubble.user').first();
    await userBubble.waitFor();
    expect(await userBubble.textContent()).toBe('我要投诉！经理说这个产品保本，现在亏了20%。我的手机[PHONE_1]');
    expect(await page.locator('details.tool summary').first().textContent()).toContain('get_portfolio');

    await page.fill('#unmask-reason', '客户投诉核查，需要回访客户');
    await page.click('#unmask');
    await page.locator('.unmasked').first().waitFor();
    expect(await page.locator('.unmasked').first().textContent()).toBe('13812345678');
    expect(await page.locator('#unmask-msg').textContent()).toMatch(/#\d+/);

    await page.click('#act-in_review');
    await page.locator('#act-closed').waitFor();
    await page.selectOption('#disposition', 'remediation');
    await page.fill('#notes', '已安排客户经理回访并补救');
    await page.click('#act-closed');
    await page.locator('#disposition-chip').waitFor();
    expect(await page.locator('#disposition-chip').textContent()).toBe('客户补救');

    await page.click('#verify');
    await page.locator('#chain.green').waitFor();
    await page.screenshot({ path: SHOT, fullPage: true });
    expect(errors).toEqual([]);

    const tl = await getTimeline(db, conversationId);
    expect([tl.review?.state, tl.review?.disposition]).toEqual(['closed', 'remediation']);
    expect(tl.review?.actions.map((a) => [a.reviewerId, a.action])).toEqual([
      ['R07', 'unmask'],
      ['R07', 'transition'],
      ['R07', 'transition'],
    ]);
    const unmask = tl.events.find((e) => e.kind === 'pii.unmask');
    expect(unmask?.payload.reason).toBe('客户投诉核查，需要回访客户');
    expect(await verifyAuditChain(db, rings.audit)).toMatchObject({ ok: true });
  });

  it('on a phone (390 px) shows the queue, then the opened conversation with a way back, never wider than the screen', async () => {
    const token = await signToken({ role: 'compliance', reviewerId: 'R07' }, { secret: config.AUTH_SECRET });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    const overflow = () => page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);

    await page.goto(`${url}/compliance#token=${encodeURIComponent(token)}`);
    const item = page.locator(`#items li[data-conversation="${conversationId}"]`);
    await item.waitFor({ timeout: 10_000 });
    expect(await page.locator('#detail').isVisible()).toBe(false); // nothing picked yet: the queue alone
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '/tmp/wealthdesk-compliance-phone-queue.png', fullPage: true });

    await item.click();
    await page.locator('.turn .bubble.user').first().waitFor();
    expect(await page.locator('.queue').isVisible()).toBe(false);
    expect(await overflow()).toBeLessThanOrEqual(0);
    await page.screenshot({ path: '/tmp/wealthdesk-compliance-phone-detail.png', fullPage: true });

    await page.click('#back');
    await item.waitFor({ state: 'visible' });
    expect(await page.locator('#detail').isVisible()).toBe(false);
    expect(errors).toEqual([]);
  });
});
