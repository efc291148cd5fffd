import { describe, expect, it } from 'vitest';
import { answerLang, langRequest, tooShortToTell } from './answer-lang.js';

describe('answer language', () => {
  it('finds explicit requests in either language, and what is left of the question', () => {
    expect(langRequest('请用英文回答：我的组合现在值多少钱？')).toEqual({ lang: 'en', rest: '我的组合现在值多少钱？' });
    expect(langRequest('用中文')).toEqual({ lang: 'zh', rest: '' });
    expect(langRequest('我的收益怎么样，用英语回答')).toEqual({ lang: 'en', rest: '我的收益怎么样' });
    expect(langRequest('answer in Chinese please')).toEqual({ lang: 'zh', rest: '' });
    expect(langRequest('Please reply in English: 我的组合值多少钱')).toEqual({ lang: 'en', rest: '我的组合值多少钱' });
    expect(langRequest('how risky is my portfolio? In English please')?.lang).toBe('en');
    expect(langRequest('switch to Mandarin')?.lang).toBe('zh');
    expect(langRequest('不要用英文回答')).toBeUndefined();
    expect(langRequest("don't answer in Chinese")).toBeUndefined();
    expect(langRequest('what is my allocation by asset class?')).toBeUndefined();
    expect(langRequest('中文基金名称是什么')).toBeUndefined();
  });

  it('too short to tell: no Chinese character and fewer than two words', () => {
    for (const t of ['B', 'ok', '3', 'C0003', 'yes!']) expect(tooShortToTell(t)).toBe(true);
    for (const t of ['好', 'and in USD?', 'what about 3 months?']) expect(tooShortToTell(t)).toBe(false);
  });

  it('request > remembered request > the question > (too short) page > conversation', () => {
    expect(answerLang({ text: 'what is my portfolio worth?', pageLang: 'zh' })).toEqual({ lang: 'en' });
    expect(answerLang({ text: '我今年收益怎么样？', pageLang: 'en', conversationLang: 'en' })).toEqual({ lang: 'zh' });
    expect(answerLang({ text: 'ok', pageLang: 'zh', conversationLang: 'en' })).toEqual({ lang: 'zh' });
    expect(answerLang({ text: '3', conversationLang: 'en' })).toEqual({ lang: 'en' });
    expect(answerLang({ text: '我今年收益怎么样？', remembered: 'en' })).toEqual({ lang: 'en' });
    expect(answerLang({ text: '请用中文回答 how did I do?', remembered: 'en', pageLang: 'en' }).lang).toBe('zh');
    expect(answerLang({ text: '请用中文回答 how did I do?' }).requested).toEqual({ lang: 'zh', rest: 'how did I do?' });
  });
});
