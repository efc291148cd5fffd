/**
 * The intent model's synthetic training set: every template of templates-en.ts /
 * templates-zh.ts expanded `perTemplate` times with random slot fillers, a share of the
 * attack lines obfuscated (obfuscate.ts), deduplicated. Deterministic for a seed.
 * Never reads any eval file.
 */
import { expand, rng } from './expand.js';
import { obfuscate } from './obfuscate.js';
import { ATTACK_EN, BENIGN_EN, SLOTS_EN } from './templates-en.js';
import { ATTACK_ZH, BENIGN_ZH, SLOTS_ZH } from './templates-zh.js';

export interface TrainingLine {
  text: string;
  /** 1 = attack, 0 = benign. */
  y: 0 | 1;
  lang: 'en' | 'zh';
}

/** Synthetic lines: attacks and benign, both languages, `perTemplate` samples a template. */
export function generateTrainingSet(perTemplate = 40, seed = 20250611, obfuscateShare = 0.2): TrainingLine[] {
  const r = rng(seed);
  const seen = new Set<string>();
  const out: TrainingLine[] = [];
  const groups = [
    { t: ATTACK_EN, s: SLOTS_EN, y: 1 as const, lang: 'en' as const },
    { t: ATTACK_ZH, s: SLOTS_ZH, y: 1 as const, lang: 'zh' as const },
    { t: BENIGN_EN, s: SLOTS_EN, y: 0 as const, lang: 'en' as const },
    { t: BENIGN_ZH, s: SLOTS_ZH, y: 0 as const, lang: 'zh' as const },
  ];
  for (const g of groups) {
    for (const tpl of g.t) {
      for (let i = 0; i < perTemplate; i++) {
        let text = expand(tpl, g.s, r);
        if (g.y === 1 && r() < obfuscateShare) text = obfuscate(text, r);
        if (seen.has(text)) continue;
        seen.add(text);
        out.push({ text, y: g.y, lang: g.lang });
      }
    }
  }
  return out;
}
