/**
 * assess_risk_profile: the current risk profile (`get`), and the questionnaire as a
 * multi-turn flow kept in `ctx.state.questionnaire`: `start` → the first question;
 * `answer` → records it and returns the next question, or after the last stores a
 * `risk_profiles` row (assessed at the turn's as-of date, expiring one year later) and
 * returns `completed`; an unclear answer → `invalid_answer` with the same question;
 * `cancel` drops the flow. Scoring rules: {@link ./questionnaire/scoring.ts}.
 */
import { getCurrentRiskProfile, insertRiskProfile, type RiskProfileRow } from '../../db/repos/risk-profiles.js';
import { WealthDeskError } from '../../errors.js';
import { AssessRiskProfileInput, type AssessRiskProfileResult, type QuestionView, type RiskProfileView } from '../contract.js';
import { parseAnswer } from './questionnaire/parse-answer.js';
import { QUESTIONS, levelLabel } from './questionnaire/questions.js';
import { scoreAnswers } from './questionnaire/scoring.js';
import { resolveClientId } from '../shared/scope.js';
import { type Lang, type ToolContext, defineTool } from '../types.js';
import { assessRiskProfilePlanner } from './planner.js';

/** Flow state stored in `ctx.state.questionnaire` between turns (JSON-safe). */
export interface QuestionnaireState {
  clientId: string;
  /** 0-based index of the question being asked. */
  index: number;
  answers: Record<string, string>;
}

export const assessRiskProfileTool = defineTool({
  name: 'assess_risk_profile',
  description:
    "The client's risk profile C1–C5 (风险承受能力等级) and the risk questionnaire (风险测评). action=get: current profile, " +
    'its date and whether it expired; action=start: begin the questionnaire (asks the questions one by one); action=answer with ' +
    "`answer` = the client's reply (a letter A–E or their words) while a questionnaire is in progress; action=cancel.",
  schema: AssessRiskProfileInput,
  roles: ['client', 'advisor'],
  scope: 'client',
  activity: { zh: '正在查询风险测评…', en: 'Checking the risk profile…' },
  planner: assessRiskProfilePlanner,
  async execute(args, ctx): Promise<AssessRiskProfileResult> {
    const clientId = await resolveClientId(ctx, args.clientId);
    const state = ctx.state as Record<string, unknown>;
    const flow = readState(state.questionnaire, clientId);
    switch (args.action) {
      case 'get': {
        const row = await getCurrentRiskProfile(ctx.db, clientId);
        return { status: 'profile', profile: row ? profileView(row, ctx) : null };
      }
      case 'cancel':
        delete state.questionnaire;
        return { status: 'cancelled' };
      case 'start': {
        const fresh: QuestionnaireState = { clientId, index: 0, answers: {} };
        state.questionnaire = fresh;
        return { status: 'question', question: questionView(0, ctx.lang), answered: 0 };
      }
      case 'answer': {
        if (!flow) {
          throw new WealthDeskError('WD_ERR_VALIDATION', 'no questionnaire in progress: call with action=start first', {
            details: { path: 'action' },
          });
        }
        const q = QUESTIONS[flow.index];
        const key = args.answer ? parseAnswer(args.answer, q) : undefined;
        if (!key) {
          return {
            status: 'invalid_answer',
            question: questionView(flow.index, ctx.lang),
            message:
              ctx.lang === 'zh'
                ? `没能识别您的回答，请回复选项字母（${q.options.map((o) => o.key).join('/')}）或选项内容。`
                : `Sorry, I could not tell which option you meant: reply with a letter (${q.options.map((o) => o.key).join('/')}) or the option's words.`,
          };
        }
        const next: QuestionnaireState = { clientId, index: flow.index + 1, answers: { ...flow.answers, [q.id]: key } };
        if (next.index < QUESTIONS.length) {
          state.questionnaire = next;
          return { status: 'question', question: questionView(next.index, ctx.lang), answered: next.index };
        }
        const previous = await getCurrentRiskProfile(ctx.db, clientId);
        const a = scoreAnswers(next.answers);
        const assessedAt = ctx.asOf ? new Date(`${ctx.asOf}T00:00:00Z`) : new Date();
        const expiresAt = new Date(assessedAt);
        expiresAt.setUTCFullYear(expiresAt.getUTCFullYear() + 1);
        const row = await insertRiskProfile(ctx.db, {
          clientId,
          level: a.level,
          score: a.score,
          answers: next.answers,
          reasons: a.reasons,
          assessedAt,
          expiresAt,
        });
        delete state.questionnaire;
        return { status: 'completed', profile: profileView(row, ctx), previousLevel: previous?.level ?? null };
      }
    }
  },
});

function readState(x: unknown, clientId: string): QuestionnaireState | undefined {
  if (!x || typeof x !== 'object') return undefined;
  const s = x as Partial<QuestionnaireState>;
  if (s.clientId !== clientId || typeof s.index !== 'number' || s.index < 0 || s.index >= QUESTIONS.length) return undefined;
  return { clientId, index: s.index, answers: { ...(s.answers ?? {}) } };
}

/** Question `index` (0-based) in the turn language. */
export function questionView(index: number, lang: Lang): QuestionView {
  const q = QUESTIONS[index];
  return {
    id: q.id,
    index: index + 1,
    total: QUESTIONS.length,
    text: q[lang],
    options: q.options.map((o) => ({ key: o.key, text: o[lang] })),
  };
}

/** A stored profile as the agent sees it; expired when `expires_at` ≤ the end of the as-of day (or now). */
export function profileView(row: RiskProfileRow, ctx: Pick<ToolContext, 'asOf' | 'lang'>): RiskProfileView {
  const now = ctx.asOf ? new Date(`${ctx.asOf}T23:59:59.999Z`) : new Date();
  return {
    level: row.level,
    label: levelLabel(row.level, ctx.lang),
    score: row.score,
    assessedAt: row.assessedAt.toISOString().slice(0, 10),
    expiresAt: row.expiresAt.toISOString().slice(0, 10),
    expired: row.expiresAt.getTime() <= now.getTime(),
    reasons: row.reasons.map((r) =>
      typeof r === 'string' ? r : r && typeof r === 'object' ? String((r as Record<string, unknown>)[ctx.lang] ?? '') : String(r),
    ),
    maxProductRisk: row.level,
  };
}
