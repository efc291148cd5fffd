import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateTrainingSet } from './generate.js';

describe('synthetic intent training set', () => {
  const set = generateTrainingSet();
  it('is deterministic, has both labels in both languages, and no duplicates', () => {
    expect(generateTrainingSet().map((l) => l.text)).toEqual(set.map((l) => l.text));
    for (const lang of ['en', 'zh'] as const) for (const y of [0, 1]) expect(set.filter((l) => l.lang === lang && l.y === y).length).toBeGreaterThan(150);
    expect(new Set(set.map((l) => l.text)).size).toBe(set.length);
    expect(set.every((l) => !/<[a-z_]+>|\{[^}"]*\|/.test(l.text))).toBe(true); // every slot and alternative filled
  });
  it('never contains a line of either guard holdout', () => {
    const holdout = [
      ...readFileSync(new URL('../../../../evals/data/guard-holdout2.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string }),
      ...readFileSync(new URL('../../../../evals/data/guard.jsonl', import.meta.url), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { text: string; split?: string }).filter((l) => l.split === 'holdout'),
    ].map((l) => l.text.trim().toLowerCase());
    const texts = new Set(set.map((l) => l.text.trim().toLowerCase()));
    expect(holdout.filter((t) => texts.has(t))).toEqual([]);
  });
});
