/**
 * One user message as the planner reads it: the text as typed, normalized, its
 * language, the common slots, and the cues that mark it as a follow-up — ellipsis
 * ("那去年呢？", "and in USD?") and references ("that", "它", "这只基金", "她", "those").
 */
import { foldChinese } from './chinese-variants.js';
import { clientNameQuery, extractSlots, upperTickers, type Slots } from './slots.js';
import { detectLang, normalize } from './text.js';
import type { Lang } from '../vocab.js';

export interface Utterance {
  /** As typed (canonicalized at the edge). */
  raw: string;
  /** Lower case, half-width, simplified Chinese. */
  norm: string;
  /**
   * The text intents are scored on: `norm`, and for an advisor talking about a client in
   * the third person ("how did she do", "C0042's portfolio", "她的持仓") the same words a
   * client uses of themself ("how did i do", "my portfolio", "我的持仓"), so one lexicon
   * serves both.
   */
  scoring: string;
  lang: Lang;
  slots: Slots;
  /** Product ids named in the text (filled by the planner from the catalog). */
  products: string[];
  /** The products were guessed from a word of their name among those in focus or held, not named in full. */
  productsGuessed?: boolean;
  /** A client name an advisor looks for ("叫王芳的客户", "find client Emily Chen"). */
  nameQuery?: string;
  /** Starts or ends like a follow-up: 那…/…呢？/and …?/what about …. */
  elliptical: boolean;
  /** Points back at something shown: that, it, 它, 这只, those, the largest one (not a person). */
  refers: boolean;
  /** Points at a person: she, her, 他, 这位, this client — for an advisor, a client. */
  person: boolean;
  /** A benchmark index named for comparison ("vs nasdaq 100", "相对沪深300"), filled by the planner. */
  benchmark?: string;
  /** An ordinal pick: "the second one", "第二个" (1-based), or "the largest/first" (1). */
  ordinal?: number;
  /** "the other one", "另一位": of two shown, the one not in focus. */
  other: boolean;
}

const ELLIPSIS =
  /^(and|what about|how about|then|also|same|ok and|but|so|那|那么|还有|再|换成|换个|如果|要是|假如|用|按|那它|那如果|只看|只要|仅看)|(呢|呀)[?？]?$|\binstead\b.{0,20}\??$|^(only|just)\b/;
/** Endings that mark a follow-up only in a short message ("in USD?", "风险大吗"); a full question may end so too. */
const SHORT_ELLIPSIS = /吗[?？]?$|\b(in|for)\b.{0,20}\??$/;

function short(norm: string): boolean {
  const cjk = (norm.match(/[\u4e00-\u9fff]/g) ?? []).length;
  const words = norm.replace(/[\u4e00-\u9fff]/g, ' ').split(/\s+/).filter((w) => /[a-z0-9]/.test(w)).length;
  return cjk <= 8 && words <= 5;
}
const REFERS =
  /\b(that|those|these|it|its|them|they|this one|that one|the (largest|biggest|smallest|first|second|third|top|last|other) (one|holding|position|client|fund)|the same|the other)\b|它|它们|这只|那只|这个基金|这个产品|那个产品|该产品|该基金|这些|那些|其中|最大的那|上面那|第一个|第二个|第三个/;
const PERSON = /\b(her|his|him|she|he|(this|that|the same) client)\b|她|他(?!们)|这位|那位|该客户|这个客户|那个客户/;
const ORDINALS: [RegExp, number][] = [
  [/\b(first|1st|top|largest|biggest|most urgent|worst)\b|第一|最大的(那|一)|最急|最严重/, 1],
  [/\b(second|2nd)\b|第二/, 2],
  [/\b(third|3rd)\b|第三/, 3],
  [/\bfourth\b|第四/, 4],
  [/\bfifth\b|第五/, 5],
];

/** Third person about one client → first person (see {@link Utterance.scoring}); "my clients" stays as it is. */
export function firstPerson(norm: string): string {
  return norm
    .replace(/\bc\d{3,6}(?:'s)?(?=\s|$|[?,.!])/g, (m) => (m.endsWith("'s") ? 'my' : 'i'))
    .replace(/(?:客户)?c\d{3,6}(?:的)?/g, (m) => (m.endsWith('的') ? '我的' : '我'))
    .replace(/\b(?:that|this|the same) client(?:'s)?/g, (m) => (m.endsWith("'s") ? 'my' : 'i'))
    .replace(/(?:这个|那个|该)客户(的)?/g, (m) => (m.endsWith('的') ? '我的' : '我'))
    .replace(/\b(she|he|they)\b/g, 'i')
    .replace(/\b(her|his|their)\b(?= (portfolio|holdings?|positions?|account|returns?|performance|risk|allocation|money|var|drawdown|sharpe|profile|investments?|assets?))/g, 'my')
    .replace(/\b(her|him|them)\b/g, 'me')
    .replace(/[她他](?!们)(的)?/g, (m) => (m.endsWith('的') ? '我的' : '我'));
}

/** Reads a message; `refYear` is the year calendar periods count from (去年 = refYear − 1). */
export function readUtterance(text: string, opts: { refYear?: number; advisor?: boolean } = {}): Utterance {
  const norm = normalize(text);
  const slots = extractSlots(norm, opts.refYear);
  slots.tickers.push(...upperTickers(text));
  // "top 3" / "前三" asks for a count, not the first one
  const ord = /\b(top|first|biggest|largest)\s*(\d+|two|three|four|five|ten)\b|前\s*[\d一二三四五六七八九十]/.test(norm) ? undefined : ORDINALS.find(([re]) => re.test(norm));
  return {
    raw: text,
    norm,
    scoring: opts.advisor ? firstPerson(norm) : norm,
    lang: detectLang(text),
    slots,
    products: [],
    nameQuery: opts.advisor ? clientNameQuery(foldChinese(text)) : undefined,
    elliptical: ELLIPSIS.test(norm) || (SHORT_ELLIPSIS.test(norm) && short(norm)),
    refers: REFERS.test(norm),
    person: PERSON.test(norm),
    other: /\bthe other (one|client|guy|lady|person|fund|product)?\b|另一(个|位|只)|另外(那)?(一)?(个|位|只)/.test(norm),
    ...(ord ? { ordinal: ord[1] } : {}),
  };
}
