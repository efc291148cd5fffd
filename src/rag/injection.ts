/**
 * Retrieved text is data, not instructions. Every chunk is checked once, at ingest, by
 * the compliance module's shared detector (`checkRetrievedText`); a flagged chunk is
 * stored with the reason, comes back from search `flagged`, and tools tell the model
 * never to follow it. Document-only patterns (fake chat turns, role reassignment,
 * instructions to promise returns) live in that detector too.
 */
import { checkRetrievedText } from '../compliance/guards/input-guard.js';

export interface InjectionVerdict {
  flagged: boolean;
  /** Why, when flagged: the shared detector's reasons. */
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
  return { flagged: false };
}

/** The stored `flagged` value of a chunk: the reason, or null when clean. */
export function injectionVerdict(text: string): string | null {
  const v = detectInjection(text);
  return v.flagged ? (v.reason ?? 'flagged') : null;
}
