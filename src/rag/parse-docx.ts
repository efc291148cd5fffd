/** DOCX → HTML (mammoth) → blocks; a file that is not a valid DOCX is rejected. */
import mammoth from 'mammoth';
import { WealthDeskError } from '../errors.js';
import { parseHtml } from './parse-html.js';
import type { ParsedDocument } from './types.js';

export async function parseDocx(bytes: Uint8Array): Promise<ParsedDocument> {
  let html: string;
  try {
    html = (await mammoth.convertToHtml({ buffer: Buffer.from(bytes) })).value;
  } catch (e) {
    throw new WealthDeskError('WD_ERR_DOCUMENT', `Broken DOCX: ${(e as Error).message.slice(0, 160)}`, { cause: e });
  }
  return parseHtml(`<body>${html}</body>`);
}
