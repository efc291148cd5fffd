/**
 * Which language a turn is answered in. In order:
 * 1. an explicit request in the message ("请用英文回答", "answer in Chinese", "用中文")
 *    wins for the turn and is remembered for the conversation;
 * 2. a request remembered from an earlier turn of the conversation;
 * 3. the language of the question itself, when it is long enough to tell;
 * 4. for messages too short to tell ("B", "ok", "3"): the page's language (`req.lang`),
 *    then the conversation's.
 */
import { detectLang } from '../lang/text.js';
import type { Lang } from '../vocab.js';

const ZH_WORDS = '(?:中文|汉语|漢語|普通话|国语|华语)';
const EN_WORDS = '(?:英文|英语|英語)';
const ZH_VERB = '(?:请|麻烦|可以|能不能|能否)?\\s*(?:用|以|使用|改用|换成|换用|改成|切换到|切换成|说|讲)';
const EN_VERB = '(?:please\\s+)?(?:answer|reply|respond|write|speak|talk|continue|switch)(?:\\s+(?:to\\s+me|back))?\\s+(?:in|to|into)';

/** A request for a language, with the words that made it (to strip from the question). */
const REQUESTS: { lang: Lang; re: RegExp }[] = [
  { lang: 'en', re: new RegExp(`${ZH_VERB}\\s*${EN_WORDS}(?:来)?(?:回答|回复|答复|交流|沟通|说|讲|吧)?(?:吧|好吗|可以吗)?`, 'u') },
  { lang: 'zh', re: new RegExp(`${ZH_VERB}\\s*${ZH_WORDS}(?:来)?(?:回答|回复|答复|交流|沟通|说|讲|吧)?(?:吧|好吗|可以吗)?`, 'u') },
  { lang: 'en', re: new RegExp(`\\b${EN_VERB}\\s+english\\b(?:,?\\s*please)?|\\b(?:in\\s+)?english,?\\s+please\\b|\\bin\\s+english\\s+from\\s+now\\s+on\\b`, 'i') },
  { lang: 'zh', re: new RegExp(`\\b${EN_VERB}\\s+(?:chinese|mandarin)\\b(?:,?\\s*please)?|\\b(?:in\\s+)?(?:chinese|mandarin),?\\s+please\\b|\\bin\\s+(?:chinese|mandarin)\\s+from\\s+now\\s+on\\b`, 'i') },
];
/** "不要用英文", "don't answer in English": not a request for that language. */
const NEGATED = /(?:不要|别|不用|不必|无需)\s*$|\b(?:don'?t|do not|never|no need to)\s+(?:please\s+)?$/i;

export interface LangRequest {
  lang: Lang;
  /** The message without the request ("请用英文回答：我的组合值多少钱" → "我的组合值多少钱"). */
  rest: string;
}

/** An explicit request for the answer language in `text`, if any (the last one wins). */
export function langRequest(text: string): LangRequest | undefined {
  let found: { lang: Lang; index: number; length: number } | undefined;
  for (const { lang, re } of REQUESTS) {
    const m = re.exec(text);
    if (!m || m[0].trim().length === 0) continue;
    if (NEGATED.test(text.slice(Math.max(0, m.index - 12), m.index))) continue;
    if (!found || m.index > found.index) found = { lang, index: m.index, length: m[0].length };
  }
  if (!found) return undefined;
  const rest = `${text.slice(0, found.index)} ${text.slice(found.index + found.length)}`
    .replace(/^[\s,，.。:：;；!！?？、]+|[\s,，:：;；、]+$/gu, '')
    .replace(/\s{2,}/g, ' ')
    .trim();
  return { lang: found.lang, rest };
}

/** Too short to tell a language from: no Chinese character and fewer than two Latin words ("B", "ok", "3", "C0003"). */
export function tooShortToTell(text: string): boolean {
  return !/[\u3400-\u9fff]/.test(text) && (text.match(/[a-z]{2,}/gi) ?? []).length < 2;
}

export interface AnswerLangInput {
  text: string;
  /** The page's language (the widget sends it). */
  pageLang?: Lang;
  /** A language the user asked for earlier in this conversation. */
  remembered?: Lang;
  /** The conversation's language (of its latest turn, else the one it was created in). */
  conversationLang?: Lang;
}

export interface AnswerLang {
  lang: Lang;
  /** Set when this message asked for a language: remember it for the conversation. */
  requested?: LangRequest;
}

/** The answer language of one message (see the module comment for the order). */
export function answerLang(i: AnswerLangInput): AnswerLang {
  const requested = langRequest(i.text);
  if (requested) return { lang: requested.lang, requested };
  if (i.remembered) return { lang: i.remembered };
  if (!tooShortToTell(i.text)) return { lang: detectLang(i.text) };
  return { lang: i.pageLang ?? i.conversationLang ?? detectLang(i.text) };
}

/** What to say when a message only asks for a language (nothing else to answer). */
export const LANG_ACK: Record<Lang, string> = {
  zh: '好的，接下来我会用中文回答。请问有什么可以帮您？',
  en: "Sure, I'll answer in English from now on. What would you like to know?",
};
