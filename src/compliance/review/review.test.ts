import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decryptField, encryptField, envelopeKeyId, fieldKeyring } from '../../auth/field-crypto.js';
import { loadConfig } from '../../config.js';
import type { Db } from '../../db/db.js';
import { storeTargets } from '../../db/testing.js';
import { verifyAuditChain } from '../audit/chain.js';
import { auditKeyring } from '../audit/keyring.js';
import { ensureClient, simulateTurn } from './fixture.js';
import { applyReviewAction, getTimeline, listQueue, reviewReasons, reviewTurn, unmaskConversation } from './index.js';

const config = loadConfig({ NODE_ENV: 'test', LOG_LEVEL: 'silent' });
const rings = { audit: auditKeyring(config), field: fieldKeyring(config) };
const client = { role: 'client', clientId: 'C9001' } as const;
const reviewer = { role: 'compliance', reviewerId: 'R01' } as const;

describe('field encryption', () => {
  it('round-trips, binds the context, names the key and rotates', () => {
    const env = encryptField(rings.field, '11010519491231002X', 'pii:t1:[ID_CARD_1]');
    expect(env).not.toContain('11010519491231002X');
    expect(decryptField(rings.field, env, 'pii:t1:[ID_CARD_1]')).toBe('11010519491231002X');
    expect(() => decryptField(rings.field, env, 'pii:t2:[ID_CARD_1]')).toThrow(/decryption failed/);
    const tampered = env.slice(0, -2) + (env.endsWith('A') ? 'BB' : 'AA');
    expect(() => decryptField(rings.field, tampered, 'pii:t1:[ID_CARD_1]')).toThrow();
    const k2 = '11'.repeat(32);
    const rotated = fieldKeyring(loadConfig({ NODE_ENV: 'test', FIELD_ENCRYPTION_KEY: k2, FIELD_ENCRYPTION_KEY_ID: 'k2' }), { demo: rings.field.keys.demo.toString('hex') });
    expect(envelopeKeyId(env)).toBe('demo');
    expect(decryptField(rotated, env, 'pii:t1:[ID_CARD_1]')).toBe('11010519491231002X');
    expect(envelopeKeyId(encryptField(rotated, 'x'))).toBe('k2');
    expect(() => fieldKeyring(loadConfig({ NODE_ENV: 'production', AUTH_SECRET: 'x'.repeat(40) }))).toThrow(/FIELD_ENCRYPTION_KEY/);
  });
});

describe('review triggers', () => {
  const base = { conversationId: 'c', turnId: 't', answer: 'ok', flags: [] as string[], guard: { input: { decision: 'allow' as const, categories: [] }, output: { decision: 'allow' as const, categories: [] } } };
  it('complaints in zh and en, guard hits, low confidence, suitability and grounding; nothing on a plain question', () => {
    expect(reviewReasons({ ...base, userTextMasked: '我要投诉你们的理财经理' }).map((r) => r.type)).toEqual(['complaint']);
    expect(reviewReasons({ ...base, userTextMasked: 'I was mis-sold this fund' }).map((r) => r.type)).toEqual(['complaint']);
    expect(reviewReasons({ ...base, userTextMasked: '我的组合值多少钱？' })).toEqual([]);
    const flagged = reviewReasons({
      ...base,
      userTextMasked: 'x',
      flags: ['tool_error'],
      guard: { input: { decision: 'refuse', categories: ['insider_information'] }, output: { decision: 'refuse', categories: ['suitability', 'ungrounded_figure'] } },
    });
    expect(flagged.map((r) => r.type).sort()).toEqual(['grounding', 'guard_input', 'guard_output', 'low_confidence', 'suitability']);
  });
});

describe.each(storeTargets())('review workflow on $name', (target) => {
  let db: Db;
  beforeAll(async () => {
    db = await target.open();
    await ensureClient(db, 'C9001', 'A901');
  });
  afterAll(async () => db?.close());

  it('audits every turn, vaults PII encrypted, queues flagged turns, and audits each reviewer action', async () => {
    const text = '我要投诉！我的身份证11010519491231002X，手机13812345678，你们的经理误导我。';
    const t1 = await simulateTurn(db, rings, { principal: client, text, answer: '很抱歉给您带来不便，已记录。', toolCalls: [{ id: '1', name: 'get_portfolio', args: {}, result: { totalValue: '100.00' }, ok: true, ms: 3 }] });
    expect(t1.events.map((e) => e.kind)).toEqual(['turn.input', 'guard.input', 'tool.call', 'tool.result', 'guard.output', 'turn.output']);
    expect(JSON.stringify(t1.events)).not.toContain('13812345678');
    expect(t1.events[0].payload.text).toBe('我要投诉！我的身份证[ID_CARD_1]，手机[PHONE_1]，你们的经理误导我。');
    expect(t1.vaulted).toBe(2);
    const raw = await db.query<{ ciphertext: string }>('SELECT ciphertext FROM pii_vault');
    expect(raw.rows.some((r) => r.ciphertext.includes('13812345678'))).toBe(false);
    expect(t1.review?.flagTypes).toEqual(['complaint']);

    // a second flagged turn in the same conversation adds to the same open item
    const t2 = await simulateTurn(db, rings, { principal: client, conversationId: t1.turn.conversationId, text: '有没有内幕消息？', answer: '' });
    expect(t2.review?.id).toBe(t1.review?.id);
    expect(t2.review?.flagTypes.sort()).toEqual(['complaint', 'guard_input']);
    // a plain turn with sampling off is not queued; with rate 1 it is, as a sample
    const plain = await simulateTurn(db, rings, { principal: client, text: '我的组合值多少钱？', answer: '100.00' });
    expect(plain.review).toBeNull();
    const s = await reviewTurn(db, rings.audit, { REVIEW_SAMPLE_RATE: 0.5 }, { conversationId: plain.turn.conversationId, turnId: plain.turn.turnId, userTextMasked: '我的组合值多少钱？', answer: '', flags: [], guard: plain.turn.guard }, { random: () => 0.49 });
    expect(s?.sampled).toBe(true);
    expect(s?.flagTypes).toEqual(['sample']);

    const q = await listQueue(db, { flagType: 'complaint' });
    expect(q.items.map((i) => i.id)).toEqual([t1.review!.id]);
    expect((await listQueue(db, { q: '内幕' })).items.map((i) => i.id)).toEqual([t1.review!.id]);
    expect((await listQueue(db, { clientId: 'C9001' })).total).toBe(2);
    expect((await listQueue(db, { advisorId: 'A901', state: 'closed' })).total).toBe(0);
    expect((await listQueue(db, { to: '2000-01-01' })).total).toBe(0);

    const id = t1.review!.id;
    await expect(applyReviewAction(db, rings.audit, { itemId: id, reviewerId: 'R01', to: 'closed', disposition: 'no_issue' })).rejects.toMatchObject({ code: 'WD_ERR_REVIEW_TRANSITION' });
    await applyReviewAction(db, rings.audit, { itemId: id, reviewerId: 'R01', to: 'in_review' });
    await expect(applyReviewAction(db, rings.audit, { itemId: id, reviewerId: 'R01', to: 'closed' })).rejects.toMatchObject({ code: 'WD_ERR_VALIDATION' });
    await expect(unmaskConversation(db, rings, { principal: reviewer, conversationId: t1.turn.conversationId, reason: 'x' })).rejects.toMatchObject({ code: 'WD_ERR_VALIDATION' });
    await expect(unmaskConversation(db, rings, { principal: client, conversationId: t1.turn.conversationId, reason: 'complaint investigation' })).rejects.toMatchObject({ code: 'WD_ERR_FORBIDDEN' });
    const un = await unmaskConversation(db, rings, { principal: reviewer, conversationId: t1.turn.conversationId, reason: 'complaint investigation #42' });
    expect(un.originals[t1.turn.turnId].map((e) => [e.mask, e.original])).toEqual([
      ['[ID_CARD_1]', '11010519491231002X'],
      ['[PHONE_1]', '13812345678'],
    ]);
    const closed = await applyReviewAction(db, rings.audit, { itemId: id, reviewerId: 'R01', to: 'closed', disposition: 'remediation', notes: '客户已回访' });
    expect([closed.state, closed.disposition]).toEqual(['closed', 'remediation']);

    const tl = await getTimeline(db, t1.turn.conversationId);
    expect(tl.turns).toHaveLength(2);
    expect(tl.turns[0].toolCalls[0].name).toBe('get_portfolio');
    expect(tl.review?.actions.map((a) => a.action)).toEqual(['transition', 'unmask', 'transition']);
    const kinds = tl.events.map((e) => e.kind);
    expect(kinds.filter((k) => k.startsWith('review.') || k === 'pii.unmask')).toEqual(['review.enqueued', 'review.enqueued', 'review.transition', 'pii.unmask', 'review.transition']);
    expect(tl.events.find((e) => e.kind === 'pii.unmask')?.payload).toEqual({ reason: 'complaint investigation #42', entities: 2 });
    expect(await verifyAuditChain(db, rings.audit)).toMatchObject({ ok: true });
  });
});
