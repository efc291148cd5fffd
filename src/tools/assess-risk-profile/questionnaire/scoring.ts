/**
 * Scoring of the questionnaire to C1–C5: the sum of the answers' points (10–50) mapped by
 * {@link THRESHOLDS}, then lowered by the cap rules in {@link CAPS}. Reasons name the
 * score band, every cap that lowered the level and the answers that pulled it up or down.
 */
import { type Question, QUESTIONS, levelLabel } from './questions.js';

/** Lowest total score of each level: C1 10–17, C2 18–25, C3 26–33, C4 34–41, C5 42–50. */
export const THRESHOLDS: readonly { level: number; min: number; max: number }[] = Object.freeze([
  { level: 1, min: 10, max: 17 },
  { level: 2, min: 18, max: 25 },
  { level: 3, min: 26, max: 33 },
  { level: 4, min: 34, max: 41 },
  { level: 5, min: 42, max: 50 },
]);

/** Cap rules: an answer that limits the level whatever the score. */
export const CAPS: readonly { question: string; option: string; maxLevel: number; zh: string; en: string }[] = Object.freeze([
  { question: 'loss', option: 'A', maxLevel: 1, zh: '不能承受任何亏损，等级上限为C1', en: 'No tolerance for any loss caps the level at C1' },
  { question: 'horizon', option: 'A', maxLevel: 2, zh: '投资期限不足1年，等级上限为C2', en: 'A horizon under 1 year caps the level at C2' },
  { question: 'experience', option: 'A', maxLevel: 3, zh: '没有风险资产投资经验，等级上限为C3', en: 'No experience with risky assets caps the level at C3' },
  { question: 'age', option: 'A', maxLevel: 3, zh: '年龄65岁以上，等级上限为C3', en: 'Age over 65 caps the level at C3' },
]);

export interface Reason {
  zh: string;
  en: string;
}

export interface Assessment {
  score: number;
  /** Level from the score alone. */
  scoreLevel: number;
  /** Final level after caps. */
  level: number;
  reasons: Reason[];
}

/** Scores a complete answer set (question id → option key). Throws on a missing or unknown answer. */
export function scoreAnswers(answers: Readonly<Record<string, string>>, questions: readonly Question[] = QUESTIONS): Assessment {
  const picked = questions.map((q) => {
    const opt = q.options.find((x) => x.key === answers[q.id]);
    if (!opt) throw new Error(`no valid answer for question ${q.id}`);
    return { q, opt };
  });
  const score = picked.reduce((s, p) => s + p.opt.points, 0);
  const band = THRESHOLDS.find((t) => score >= t.min && score <= t.max) ?? (score < 10 ? THRESHOLDS[0] : THRESHOLDS[4]);
  let level = band.level;
  const reasons: Reason[] = [
    {
      zh: `总分${score}分（满分50分），对应${levelLabel(band.level, 'zh')}（${band.min}–${band.max}分）`,
      en: `Total score ${score} of 50 maps to ${levelLabel(band.level, 'en')} (${band.min}–${band.max})`,
    },
  ];
  for (const cap of CAPS) {
    if (answers[cap.question] === cap.option && cap.maxLevel < level) {
      level = cap.maxLevel;
      reasons.push({ zh: cap.zh, en: cap.en });
    }
  }
  const drivers = [...picked].filter((p) => p.opt.points !== 3).sort((a, b) => Math.abs(b.opt.points - 3) - Math.abs(a.opt.points - 3));
  for (const p of drivers.filter((d) => d.opt.points > 3).slice(0, 3)) {
    reasons.push({ zh: `提高等级：${p.q.zh}${p.opt.zh}（${p.opt.points}分）`, en: `Raised: ${p.q.en} ${p.opt.en} (${p.opt.points} points)` });
  }
  for (const p of drivers.filter((d) => d.opt.points < 3).slice(0, 3)) {
    reasons.push({ zh: `降低等级：${p.q.zh}${p.opt.zh}（${p.opt.points}分）`, en: `Lowered: ${p.q.en} ${p.opt.en} (${p.opt.points} points)` });
  }
  return { score, scoreLevel: band.level, level, reasons };
}
