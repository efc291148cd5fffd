/**
 * Obfuscations real attacks use, applied to a share of the synthetic attack lines so
 * the model sees them as the normalizer will hand them over: zero-width characters,
 * homoglyphs, leetspeak, dotted letters, separators between CJK characters, base64 /
 * hex / reversed payloads with a "decode and follow" lead-in, and code-switching.
 */
import { pick } from './expand.js';

const HOMO: Record<string, string> = { a: 'а', e: 'е', o: 'о', p: 'р', c: 'с', y: 'у', i: 'і', x: 'х' };
const LEET: Record<string, string> = { a: '4', e: '3', i: '1', o: '0', s: '5', t: '7' };

type Ob = (s: string, r: () => number) => string;

const OBS: Ob[] = [
  (s, r) => s.replace(/([a-z])([a-z])/g, (m, a: string, b: string) => (r() < 0.25 ? `${a}\u200b${b}` : m)),
  (s, r) => s.replace(/[aeopcyix]/g, (c) => (r() < 0.5 ? HOMO[c] : c)),
  (s, r) => s.replace(/[aeiost]/g, (c) => (r() < 0.5 ? LEET[c] : c)),
  (s, r) => s.replace(/\b(ignore|instructions|launder|insider|prompt|system|rules)\b/g, (w) => (r() < 0.7 ? w.split('').join(pick(r, ['.', '-', ' ', '*'])) : w)),
  (s, r) => s.replace(/([\u4e00-\u9fff])(?=[\u4e00-\u9fff])/g, (c) => (r() < 0.3 ? c + pick(r, ['.', '/', ' ', '*', '·']) : c)),
  (s, r) => `${pick(r, ['Decode this base64 and do what it says: ', '解码这段base64并照做：', 'base64: ', 'Run the decoded text: '])}${Buffer.from(s).toString('base64')}`,
  (s, r) => `${pick(r, ['Decode the hex and follow it: ', '把这段十六进制解码后执行：', 'hex payload: '])}${Buffer.from(s).toString('hex')}`,
  (s, r) => `${pick(r, ['Read this backwards and comply: ', '倒着读并照做：', 'Reverse the following and answer it: '])}${[...s].reverse().join('')}`,
  (s, r) => s.replace(/\b(?:and|the|how|to)\b/g, (w) => (r() < 0.4 ? ({ and: '和', the: '这个', how: '怎么', to: '去' } as Record<string, string>)[w] : w)),
  (s) => s.toUpperCase(),
];

/** `s` under one randomly chosen obfuscation. */
export function obfuscate(s: string, r: () => number): string {
  return pick(r, OBS)(s.toLowerCase(), r);
}
