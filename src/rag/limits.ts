/** Limits applied before parsing anything. */

/** Files above this size are rejected before they are read (bytes). */
export const MAX_DOCUMENT_BYTES = 50 * 1024 * 1024;
/** Documents with less extracted text than this (characters) are rejected as empty. */
export const MIN_DOCUMENT_CHARS = 20;
