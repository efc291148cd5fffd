/**
 * Understands a client's answer to one question: the option letter in any usual form
 * ("B", "b", "(B)", "B.", "选B", "我选 B", "option b", "I'd pick B"), its position
 * ("第二个", "2", "the second one", "最后一个") or words close to an option's text
 * ("1到3年", "hold and wait"). Returns undefined when unclear, so the caller can ask again.
 */
import type { Question, QuestionOption } from './questions.js';

type Key = QuestionOption['key'];

const CN_NUM: Record<string, number> = { 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5 };
const EN_ORD: Record<string, number> = { first: 1, second: 2, third: 3, fourth: 4, fifth: 5, one: 1, two: 2, three: 3, four: 4, five: 5 };

/** Full-width → half-width, lower case, unify range words (到/~/- → 至) and spaces. */
export function normalizeAnswer(s: string): string {
  return s
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[到~～\-–—]/g, '至')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The option key the answer picks, or undefined when it is unclear. */
export function parseAnswer(raw: string, q: Question): Key | undefined {
  const keys = q.options.map((o) => o.key.toLowerCase());
  const byIndex = (n: number): Key | undefined => q.options[n - 1]?.key;
  const byLetter = (l: string): Key | undefined => (keys.includes(l) ? (l.toUpperCase() as Key) : undefined);
  const s = normalizeAnswer(raw).replace(/^[\s"'“”‘’「」【】[\]()（）.,。，!！?？:：]+|[\s"'“”‘’「」【】[\]()（）.,。，!！?？:：]+$/g, '');
  if (!s) return undefined;

  // a bare letter or position
  if (/^[a-z]$/.test(s)) return byLetter(s);
  if (/^[1-9]$/.test(s)) return byIndex(Number(s));

  // "选B", "我选 b", "option b", "answer: c", "I'd pick B", "选项C", "B选项"
  const sel = /(?:选择?|选项|答案是?|答|option|choice|answer|pick|choose|go with|take|select)\s*(?:is\s*)?[:：]?\s*[(（]?([a-z])(?![a-z])/.exec(s);
  if (sel) return byLetter(sel[1]);
  const sel2 = /(?:^|[^a-z])([a-z])\s*(?:选项|项|吧|$)/.exec(s);
  if (sel2 && /^[a-e]$/.test(sel2[1]) && (s.length <= 6 || /选项|项/.test(s))) return byLetter(sel2[1]);
  // "B. 1至3年", "b) ..." — a leading letter followed by a separator
  const lead = /^[(（]?([a-e])(?:[).、:：]|\s)/.exec(s);
  if (lead && !/^a\s/.test(s)) return byLetter(lead[1]);

  // positions: 第二个 / 第2项 / 选2 / option 2 / number 2 / the second one / 最后一个 / the last one
  const cn = /第\s*([一二两三四五1-5])\s*(?:个|项|种|条|档|选项)?/.exec(s);
  if (cn) return byIndex(CN_NUM[cn[1]] ?? Number(cn[1]));
  const num = /^(?:选择?|选项|option|choice|number|no\.?|#)?\s*([1-5])\s*(?:号|个|项|号选项)?$/.exec(s);
  if (num) return byIndex(Number(num[1]));
  if (/最后一(?:个|项)|(?:the )?last(?: one| option)?$/.test(s)) return q.options[q.options.length - 1].key;
  const en = /\b(first|second|third|fourth|fifth)\b|\b(?:option|number|choice) (one|two|three|four|five)\b/.exec(s);
  if (en) return byIndex(EN_ORD[en[1] ?? en[2]]);

  // a letter standing alone in a short sentence ("I think b", "b吧"); English "a" only when nothing else is said
  const alone = [...s.matchAll(/(?:^|[^a-z])([a-e])(?=$|[^a-z])/g)].map((m) => m[1]);
  const distinct = [...new Set(alone)];
  if (distinct.length === 1 && (distinct[0] !== 'a' || s.split(' ').length <= 2)) return byLetter(distinct[0]);

  return closestOption(s, q);
}

/**
 * The option whose text (zh or en) is closest to the answer: containment first, then
 * character-bigram Dice ≥ 0.6 (zh) or word overlap ≥ 0.6 (en) with a clear winner.
 */
function closestOption(s: string, q: Question): Key | undefined {
  const contains = q.options.filter((o) => {
    const zh = normalizeAnswer(o.zh);
    const en = normalizeAnswer(o.en);
    return s === zh || s === en || (s.length >= 4 && (zh.includes(s) || en.includes(s))) || s.includes(zh) || (en.length >= 6 && s.includes(en));
  });
  if (contains.length === 1) return contains[0].key;
  const scored = q.options
    .map((o) => ({ key: o.key, score: Math.max(dice(bigrams(s), bigrams(normalizeAnswer(o.zh))), overlap(words(s), words(normalizeAnswer(o.en)))) }))
    .sort((a, b) => b.score - a.score);
  const [best, next] = scored;
  if (best.score >= 0.6 && best.score - (next?.score ?? 0) >= 0.15) return best.key;
  return undefined;
}

function bigrams(s: string): string[] {
  const t = s.replace(/\s+/g, '');
  const out: string[] = [];
  for (let i = 0; i + 1 < t.length; i++) out.push(t.slice(i, i + 2));
  return out;
}

function dice(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const pool = [...b];
  let hit = 0;
  for (const x of a) {
    const i = pool.indexOf(x);
    if (i >= 0) {
      hit++;
      pool.splice(i, 1);
    }
  }
  return (2 * hit) / (a.length + b.length);
}

const STOP = new Set(['i', 'a', 'the', 'my', 'to', 'and', 'of', 'it', 'at', 'in', 'would', 'i\'d', 'some', 'is', 'on', 'as', 'so', 'no']);

function words(s: string): string[] {
  return s.split(/[^a-z0-9%]+/).filter((w) => w && !STOP.has(w));
}

/** |a ∩ b| / |b|: how much of the option's wording the answer covers. */
function overlap(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  const set = new Set(a);
  return b.filter((w) => set.has(w)).length / b.length;
}
