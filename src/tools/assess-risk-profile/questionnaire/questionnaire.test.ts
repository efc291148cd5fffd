import { describe, expect, it } from 'vitest';
import { parseAnswer } from './parse-answer.js';
import { QUESTIONS } from './questions.js';
import { CAPS, THRESHOLDS, scoreAnswers } from './scoring.js';

const q = (id: string) => QUESTIONS.find((x) => x.id === id)!;
const all = (key: string) => Object.fromEntries(QUESTIONS.map((x) => [x.id, key]));

describe('questionnaire data', () => {
  it('has ten questions, options A–E with texts in both languages, the most conservative first', () => {
    expect(QUESTIONS).toHaveLength(10);
    for (const x of QUESTIONS) {
      expect(x.options.map((o) => o.key)).toEqual(['A', 'B', 'C', 'D', 'E']);
      expect(x.options.map((o) => o.points)).toEqual([1, 2, 3, 4, 5]);
      for (const o of x.options) expect(o.zh && o.en).toBeTruthy();
    }
    expect(THRESHOLDS[0].min).toBe(10);
    expect(THRESHOLDS[4].max).toBe(50);
  });
});

describe('scoring', () => {
  it('all-conservative answers give C1, all-aggressive C5, middle C3', () => {
    expect(scoreAnswers(all('A'))).toMatchObject({ score: 10, level: 1 });
    expect(scoreAnswers(all('E'))).toMatchObject({ score: 50, level: 5 });
    expect(scoreAnswers(all('C'))).toMatchObject({ score: 30, level: 3 });
    expect(scoreAnswers(all('D'))).toMatchObject({ score: 40, level: 4 });
  });

  it('cap rules lower the level and say why', () => {
    const shortHorizon = scoreAnswers({ ...all('E'), horizon: 'A' });
    expect(shortHorizon.score).toBe(46);
    expect(shortHorizon.scoreLevel).toBe(5);
    expect(shortHorizon.level).toBe(2);
    expect(shortHorizon.reasons.map((r) => r.en)).toContain(CAPS.find((c) => c.question === 'horizon')!.en);
    expect(scoreAnswers({ ...all('E'), experience: 'A' }).level).toBe(3);
    expect(scoreAnswers({ ...all('E'), loss: 'A' }).level).toBe(1);
    // a cap above the score level changes nothing
    expect(scoreAnswers({ ...all('B'), experience: 'A' })).toMatchObject({ level: 2, reasons: expect.not.arrayContaining([expect.objectContaining({ en: expect.stringContaining('caps') })]) });
  });

  it('reasons name the score band and the answers that drove it', () => {
    const a = scoreAnswers({ ...all('C'), reaction: 'E', liquidity: 'A' });
    expect(a.reasons[0].zh).toContain('总分30分');
    expect(a.reasons.some((r) => r.en.startsWith('Raised') && r.en.includes('Buy a lot more'))).toBe(true);
    expect(a.reasons.some((r) => r.zh.startsWith('降低等级') && r.zh.includes('随时可能取用'))).toBe(true);
  });

  it('refuses an incomplete answer set', () => {
    expect(() => scoreAnswers({ age: 'A' })).toThrow(/income/);
  });
});

describe('parseAnswer', () => {
  const horizon = q('horizon');
  it.each([
    ['B', 'B'], ['b', 'B'], [' (c) ', 'C'], ['D.', 'D'], ['ｅ', 'E'], ['选B', 'B'], ['我选 B', 'B'], ['我选择c吧', 'C'], ['选项D', 'D'],
    ['B选项', 'B'], ['答案是A', 'A'], ['option b', 'B'], ["I'd pick C", 'C'], ['I choose e', 'E'], ['b吧', 'B'], ['I think d', 'D'],
    ['第二个', 'B'], ['第3项', 'C'], ['2', 'B'], ['选2', 'B'], ['option 4', 'D'], ['the second one', 'B'], ['最后一个', 'E'], ['the last one', 'E'],
    ['B. 1至3年', 'B'], ['1到3年', 'B'], ['5-10年', 'D'], ['10年以上', 'E'], ['1年以内', 'A'], ['more than 10 years', 'E'], ['less than 1 year', 'A'],
    ['a', 'A'],
  ])('%s → %s', (input, key) => {
    expect(parseAnswer(input, horizon)).toBe(key);
  });

  it.each([[''], ['不知道'], ['maybe'], ['F'], ['7'], ['both b and c'], ['随便']])('unclear: %s', (input) => {
    expect(parseAnswer(input, horizon)).toBeUndefined();
  });

  it('matches words of other questions', () => {
    expect(parseAnswer('继续持有，等待回升', q('reaction'))).toBe('C');
    expect(parseAnswer('hold and wait', q('reaction'))).toBe('C');
    expect(parseAnswer('sell everything', q('reaction'))).toBe('A');
    expect(parseAnswer('31至45岁', q('age'))).toBe('E');
    expect(parseAnswer('65岁以上', q('age'))).toBe('A');
  });
});
