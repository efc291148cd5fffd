/**
 * Retrieved text is data, not instructions. Every chunk is checked once, at ingest, by
 * the compliance module's shared detector (`checkRetrievedText`); a flagged chunk is
 * stored with the reason, comes back from search `flagged`, and tools tell the model
 * never to follow it.
 *
 * {@link RAG_ONLY_RULES} are the few document-specific patterns the shared detector
 * does not catch yet (checked 2025: fake chat turns inside a document, "pretend to
 * be", and instructions to promise returns to clients). They are meant to move into
 * the compliance rules; until then they run after the shared detector.
 */
import { checkRetrievedText } from '../compliance/guards/input-guard.js';

/** Patterns only the RAG layer checks (candidates to merge into the compliance rules). */
export const RAG_ONLY_RULES: readonly { re: RegExp; reason: string }[] = [
  { re: /\bpretend (?:to be|you are)\b/i, reason: 'tries to reassign the assistant role' },
  { re: /(^|\n)\s*(assistant|developer|user)\s*[:：]\s*\S/i, reason: 'contains a fake chat turn' },
  { re: /(^|\n)\s*system\s*[:：]\s*(?:the (?:assistant|model|ai)|you|always|never|ignore|must|do not)\b/i, reason: 'contains a fake system message' },
  { re: /\b(tell|promise|assure)\b.{0,30}\b(clients?|users?|customers?|investors?)\b.{0,40}\bguarante/i, reason: 'instructs the model to promise returns' },
  { re: /(告诉|告知|向|对).{0,6}(客户|用户|投资者).{0,12}(保本保收益|稳赚不赔|保证收益|保本)/, reason: 'instructs the model to promise returns' },
];

export interface InjectionVerdict {
  flagged: boolean;
  /** Why, when flagged: the shared detector's reasons, else the RAG rule's. */
  reason?: string;
  /** Categories from the shared detector (e.g. indirect_injection, prompt_injection). */
  categories?: string[];
}

/** Checks one passage for instructions aimed at the model. */
export function detectInjection(text: string): InjectionVerdict {
  const shared = checkRetrievedText(text);
  if (shared.decision !== 'allow') {
    return { flagged: true, reason: (shared.reasons ?? []).join('; ') || 'instructions found in retrieved text', categories: shared.categories };
  }
  for (const r of RAG_ONLY_RULES) if (r.re.test(text)) return { flagged: true, reason: r.reason, categories: ['indirect_injection'] };
  return { flagged: false };
}

/** The stored `flagged` value of a chunk: the reason, or null when clean. */
export function injectionVerdict(text: string): string | null {
  const v = detectInjection(text);
  return v.flagged ? (v.reason ?? 'flagged') : null;
}
