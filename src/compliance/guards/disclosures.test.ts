import { describe, expect, it } from 'vitest';
import { hasDisclosure, needsDisclosure } from './disclosures.js';
import { checkOutputText } from './output-guard.js';

describe('risk disclosure policy', () => {
  const facts = '您的组合总市值为 1,000.00 CNY。';
  const advice = '建议您将债券比例提高到 40%。';

  it('the caller’s advice verdict (from its tools’ policy) decides; without one, the wording does', () => {
    expect(needsDisclosure(facts, true)).toBe(true);
    expect(needsDisclosure(advice, false)).toBe(false);
    expect(needsDisclosure(advice)).toBe(true); // free text that recommends (an LLM's answer)
    expect(needsDisclosure('We suggest adding bonds.')).toBe(true);
    expect(needsDisclosure(facts)).toBe(false);
  });

  it('the output guard adds it in the answer’s language, once', () => {
    const r = checkOutputText(facts, { lang: 'zh', advice: true });
    expect(r.categories).toEqual(['disclosure_added']);
    expect(hasDisclosure(r.answer)).toBe(true);
    expect(checkOutputText(r.answer, { lang: 'zh', advice: true }).answer).toBe(r.answer);
    expect(checkOutputText(advice, { lang: 'zh', advice: false }).categories).toEqual([]);
    expect(checkOutputText('Your portfolio is worth 1,000.00 CNY.', { lang: 'en', advice: true }).answer).toMatch(/Risk warning/);
  });
});
