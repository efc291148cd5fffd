import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../db/db.js';
import { getCurrentRiskProfile } from '../../db/repos/risk-profiles.js';
import { storeTargets } from '../../db/testing.js';
import { LAST, insertBook } from '../__fixtures__/book.js';
import type { AssessRiskProfileResult } from '../contract.js';
import { executeTool } from '../registry.js';
import type { ToolContext } from '../types.js';

for (const target of storeTargets()) {
  describe(`assess_risk_profile on ${target.name}`, () => {
    let db: Db;
    beforeAll(async () => {
      db = await target.open();
      await insertBook(db);
    });
    afterAll(async () => db?.close());

    const mk = (clientId: string, lang: 'zh' | 'en' = 'zh'): ToolContext => ({ principal: { role: 'client', clientId }, db, lang, asOf: LAST, state: {} });
    async function call(ctx: ToolContext, args: Record<string, unknown>): Promise<AssessRiskProfileResult> {
      const out = await executeTool('assess_risk_profile', args, ctx);
      if (!out.ok) throw new Error(JSON.stringify(out.error));
      return out.result as AssessRiskProfileResult;
    }

    it('get: the current profile with its expiry', async () => {
      const r = await call(mk('C1', 'en'), { action: 'get' });
      expect(r).toMatchObject({ status: 'profile', profile: { level: 3, label: 'C3 Balanced', expired: false, expiresAt: '2024-06-01', maxProductRisk: 3, reasons: ['seeded'] } });
      const c2 = await call(mk('C2'), { action: 'get' });
      expect(c2).toMatchObject({ status: 'profile', profile: { level: 4, label: 'C4 积极型', expired: true } });
      expect(await call(mk('C3'), { action: 'get' })).toEqual({ status: 'profile', profile: null });
    });

    it('the full flow: start, ten answers in many forms, a stored profile expiring a year later', async () => {
      const ctx = mk('C3');
      let r = await call(ctx, { action: 'start' });
      expect(r).toMatchObject({ status: 'question', answered: 0, question: { index: 1, total: 10, id: 'age', text: '您的年龄是？' } });
      const replies = ['E', '选D', '我选 d', '第四个', '4', 'd.', '追求较高收益，资产较快增长', 'D', '(d)', 'D选项'];
      for (let i = 0; i < replies.length; i++) {
        if (i === 3) {
          const bad = await call(ctx, { action: 'answer', answer: '嗯……让我想想' });
          expect(bad).toMatchObject({ status: 'invalid_answer', question: { index: 4, id: 'experience' } });
          expect(await call(ctx, { action: 'answer' })).toMatchObject({ status: 'invalid_answer', question: { index: 4 } });
        }
        r = await call(ctx, { action: 'answer', answer: replies[i] });
        if (i < 9) expect(r).toMatchObject({ status: 'question', answered: i + 1, question: { index: i + 2 } });
      }
      // 5 + 4 × 9 = 41 → C4 (34–41)
      expect(r).toMatchObject({ status: 'completed', previousLevel: null, profile: { level: 4, score: 41, assessedAt: LAST, expired: false } });
      if (r.status !== 'completed') throw new Error('not completed');
      expect(r.profile.expiresAt).toBe(`${Number(LAST.slice(0, 4)) + 1}${LAST.slice(4)}`);
      expect(r.profile.reasons[0]).toContain('总分41分');
      expect(ctx.state.questionnaire).toBeUndefined();
      const stored = await getCurrentRiskProfile(db, 'C3');
      expect(stored).toMatchObject({ level: 4, score: 41, answers: { age: 'E', knowledge: 'D', goal: 'D', liquidity: 'D' } });
      expect(await call(mk('C3'), { action: 'get' })).toMatchObject({ profile: { level: 4 } });
    });

    async function runAll(clientId: string, answers: string[]): Promise<AssessRiskProfileResult> {
      const ctx = mk(clientId, 'en');
      await call(ctx, { action: 'start' });
      let r: AssessRiskProfileResult | undefined;
      for (const a of answers) r = await call(ctx, { action: 'answer', answer: a });
      return r!;
    }

    it('all-conservative → C1, all-aggressive → C5, a horizon under a year caps at C2; previous level reported', async () => {
      expect(await runAll('C1', Array(10).fill('A'))).toMatchObject({ status: 'completed', previousLevel: 3, profile: { level: 1, score: 10 } });
      expect(await runAll('C1', Array(10).fill('E'))).toMatchObject({ status: 'completed', previousLevel: 1, profile: { level: 5, score: 50 } });
      const capped = ['E', 'E', 'E', 'E', 'E', 'A', 'E', 'E', 'E', 'E'];
      const r = await runAll('C1', capped);
      expect(r).toMatchObject({ status: 'completed', profile: { level: 2, score: 46 } });
      if (r.status === 'completed') expect(r.profile.reasons).toContain('A horizon under 1 year caps the level at C2');
    });

    it('answer without a questionnaire, cancel, and state of another client are handled', async () => {
      const ctx = mk('C1');
      expect(await executeTool('assess_risk_profile', { action: 'answer', answer: 'A' }, ctx)).toMatchObject({ ok: false, error: { code: 'WD_ERR_VALIDATION', path: 'action' } });
      await call(ctx, { action: 'start' });
      expect(await call(ctx, { action: 'cancel' })).toEqual({ status: 'cancelled' });
      expect(ctx.state.questionnaire).toBeUndefined();
      // a flow started for C3 cannot be continued as C1 (state belongs to its client)
      const shared = mk('C3');
      await call(shared, { action: 'start' });
      const asC1: ToolContext = { ...shared, principal: { role: 'client', clientId: 'C1' } };
      expect(await executeTool('assess_risk_profile', { action: 'answer', answer: 'A' }, asC1)).toMatchObject({ ok: false });
      expect(await executeTool('assess_risk_profile', { action: 'bogus' }, ctx)).toMatchObject({ ok: false, error: { path: 'action' } });
    });

    it('an advisor reads a profile of the book only', async () => {
      const adv: ToolContext = { ...mk('C1'), principal: { role: 'advisor', advisorId: 'A2' } };
      expect(await executeTool('assess_risk_profile', { action: 'get', clientId: 'C3' }, adv)).toMatchObject({ ok: true });
      expect(await executeTool('assess_risk_profile', { action: 'get', clientId: 'C1' }, adv)).toMatchObject({ ok: false, error: { code: 'WD_ERR_FORBIDDEN' } });
    });
  });
}
