/**
 * Why a turn goes to human review: guard hits on either side, complaint words (zh/en),
 * low-confidence answers, suitability and grounding flags — or a random sample at
 * `REVIEW_SAMPLE_RATE`, so reviewers also see ordinary conversations.
 */
import type { GuardDecision } from '../../agents/types.js';

export type ReviewFlagType = 'guard_input' | 'guard_output' | 'complaint' | 'low_confidence' | 'suitability' | 'grounding' | 'sample';

export interface ReviewReason {
  type: ReviewFlagType;
  detail: string;
}

export interface ReviewTurnInput {
  conversationId: string;
  turnId: string;
  userTextMasked: string;
  answer: string;
  guard: { input: GuardDecision; output: GuardDecision };
  flags: string[];
}

/** Complaint and dissatisfaction words, Chinese and English. */
export const COMPLAINT_WORDS =
  /投诉|举报|骗|不满意|误导|维权|退钱|坑人|坑了|被坑|黑心|差评|监管部门|金融消费者权益|\bcomplain(?:t|ts|ed|ing)?\b|\bscam(?:med|mer)?\b|mis-?sold|mis-?selling|\bmisled\b|ripped off|rip-?off|\bfraud\b|ombudsman|\blawyer\b|\bsue\b/i;

const IGNORED = new Set(['pii', 'disclosure_added']);
const LOW_CONFIDENCE = /low_confidence|tool_error|turn_error|fallback|no_answer/;

/** Reasons from the turn itself (no sampling). */
export function reviewReasons(t: ReviewTurnInput): ReviewReason[] {
  const out: ReviewReason[] = [];
  const hits = (g: GuardDecision) => g.categories.filter((c) => !IGNORED.has(c));
  const inHits = hits(t.guard.input);
  if (t.guard.input.decision !== 'allow' && inHits.length) out.push({ type: 'guard_input', detail: `${t.guard.input.decision}: ${inHits.join(', ')}` });
  const outHits = hits(t.guard.output);
  if (t.guard.output.decision !== 'allow' && outHits.length) out.push({ type: 'guard_output', detail: `${t.guard.output.decision}: ${outHits.join(', ')}` });
  const complaint = COMPLAINT_WORDS.exec(t.userTextMasked);
  if (complaint) out.push({ type: 'complaint', detail: complaint[0] });
  const low = t.flags.filter((f) => LOW_CONFIDENCE.test(f));
  if (low.length) out.push({ type: 'low_confidence', detail: low.join(', ') });
  const all = [...t.guard.output.categories, ...t.flags];
  if (all.some((c) => c.includes('suitability'))) out.push({ type: 'suitability', detail: 'product above the client profile or profile expired' });
  if (all.some((c) => c.includes('ungrounded') || c.includes('grounding'))) out.push({ type: 'grounding', detail: 'figure not traceable to tool results' });
  return out;
}

/** True when this turn is drawn into the random sample (`random()` in [0, 1)). */
export function sampled(rate: number, random: () => number = Math.random): boolean {
  return rate > 0 && random() < rate;
}
