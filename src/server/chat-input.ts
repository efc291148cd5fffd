/**
 * Validation of a chat message, shared by HTTP and socket.io so both reject the same
 * inputs with the same codes: not an object / wrong types → WD_ERR_VALIDATION (400),
 * a NUL or an unpaired surrogate anywhere → WD_ERR_BAD_TEXT (400), text with nothing
 * visible (white space, zero-width characters) → WD_ERR_MESSAGE_EMPTY (400), longer than
 * `maxChars` → WD_ERR_MESSAGE_TOO_LONG (413).
 */
import { z } from 'zod';
import type { Lang } from '../vocab.js';
import { isBlankText } from '../db/text.js';
import { WealthDeskError } from '../errors.js';
import { assertSafeJsonValue } from './safe-json.js';

export interface ChatInput {
  text: string;
  conversationId?: string;
  lang?: Lang;
}

const UUID_RE = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** True for a canonical UUID (conversation and turn ids). */
export function isUuid(s: string): boolean {
  return UUID_RE.test(s);
}

function schemaFor(field: 'message' | 'text') {
  return z.strictObject({
    [field]: z.string().describe('The question, in Chinese or English (at most MAX_MESSAGE_CHARS characters)'),
    conversationId: z.string().regex(UUID_RE, 'must be a UUID').optional().describe('Continue this conversation (one of your own)'),
    lang: z
      .enum(['zh', 'en'])
      .optional()
      .describe("The page's language. The answer follows the question's language; this decides only for messages too short to tell (\"B\", \"ok\", \"3\"). \"请用英文回答\" / \"answer in Chinese\" in the text wins and is remembered for the conversation"),
  });
}
/** The request schemas: `message` is the HTTP body, `text` the socket.io payload (also used for the OpenAPI document). */
export const chatInputSchemas = { message: schemaFor('message'), text: schemaFor('text') };
const schemas = chatInputSchemas;

import { canonicalUserText } from '../compliance/pii/canonical.js';

export { canonicalUserText };

/** Parses an untrusted body; `field` is the name of the text property (`message` over HTTP, `text` on socket.io). */
export function parseChatInput(body: unknown, field: 'message' | 'text', maxChars: number): ChatInput {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new WealthDeskError('WD_ERR_VALIDATION', 'Body must be a JSON object');
  }
  // socket.io payloads were parsed by socket.io, not by the HTTP parser: same poisoning rules.
  assertSafeJsonValue(body);
  const parsed = schemas[field].safeParse(body);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const path = issue?.path.join('.') || field;
    throw new WealthDeskError('WD_ERR_VALIDATION', `${path}: ${issue?.message ?? 'invalid'}`, { details: { path } });
  }
  const data = parsed.data as Record<string, unknown> & { conversationId?: string; lang?: Lang };
  const text = canonicalUserText((data[field] as string).trim());
  if (isBlankText(text)) throw new WealthDeskError('WD_ERR_MESSAGE_EMPTY', 'Message is empty');
  if (text.length > maxChars) {
    throw new WealthDeskError('WD_ERR_MESSAGE_TOO_LONG', `Message is longer than ${maxChars} characters`, {
      details: { maxChars, length: text.length },
    });
  }
  return {
    text,
    ...(data.conversationId ? { conversationId: data.conversationId.toLowerCase() } : {}),
    ...(data.lang ? { lang: data.lang } : {}),
  };
}
