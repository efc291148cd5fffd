import { detectPii, type PiiEntity, type PiiType } from './detect.js';

const LABEL: Record<PiiType, string> = {
  CN_ID: 'ID_CARD',
  PHONE: 'PHONE',
  BANK_CARD: 'BANK_CARD',
  EMAIL: 'EMAIL',
  PASSPORT: 'PASSPORT',
  SSN: 'SSN',
  IBAN: 'IBAN',
  NAME: 'NAME',
  ADDRESS: 'ADDRESS',
};

export interface MaskedText {
  /** The text with each entity replaced by a mask such as `[PHONE_1]`. */
  masked: string;
  entities: { type: PiiType; mask: string; start: number; end: number }[];
  /** mask → original value; keep only encrypted (see auth/field-crypto), never log. */
  originals: Map<string, string>;
}

/**
 * Replaces PII with numbered masks. The same value gets the same mask within one
 * text, so the model can still tell "the same card" from "another card".
 */
export function maskPii(text: string, entities: PiiEntity[] = detectPii(text)): MaskedText {
  const counters = new Map<string, number>();
  const byValue = new Map<string, string>();
  const originals = new Map<string, string>();
  const out: MaskedText['entities'] = [];
  let masked = '';
  let pos = 0;
  for (const e of entities) {
    const key = `${e.type}:${e.value.replace(/[\s-]/g, '').toUpperCase()}`;
    let mask = byValue.get(key);
    if (!mask) {
      const label = LABEL[e.type];
      const n = (counters.get(label) ?? 0) + 1;
      counters.set(label, n);
      mask = `[${label}_${n}]`;
      byValue.set(key, mask);
      originals.set(mask, e.value);
    }
    masked += text.slice(pos, e.start) + mask;
    pos = e.end;
    out.push({ type: e.type, mask, start: e.start, end: e.end });
  }
  masked += text.slice(pos);
  return { masked, entities: out, originals };
}
