/**
 * One error base class with a stable code, a category that maps to an HTTP status,
 * a cause and JSON-safe details. Every code lives in {@link ERROR_CODES}; the README
 * lists them.
 */
export type ErrorCategory =
  | 'validation' // 400
  | 'auth' // 401
  | 'forbidden' // 403
  | 'not_found' // 404
  | 'conflict' // 409
  | 'too_large' // 413
  | 'rate_limit' // 429
  | 'unavailable' // 503
  | 'internal'; // 500

const STATUS: Record<ErrorCategory, number> = {
  validation: 400,
  auth: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  too_large: 413,
  rate_limit: 429,
  unavailable: 503,
  internal: 500,
};

/** Registry of every stable error code: code → [category, default message]. */
export const ERROR_CODES = {
  WD_ERR_CONFIG: ['internal', 'Invalid configuration'],
  WD_ERR_VALIDATION: ['validation', 'Invalid input'],
  WD_ERR_BAD_JSON: ['validation', 'Malformed JSON'],
  WD_ERR_BAD_CSV: ['validation', 'Malformed CSV'],
  WD_ERR_MESSAGE_EMPTY: ['validation', 'Message is empty'],
  WD_ERR_MESSAGE_TOO_LONG: ['too_large', 'Message is too long'],
  WD_ERR_BAD_TEXT: ['validation', 'Text contains a NUL character or an unpaired surrogate'],
  WD_ERR_UNAUTHENTICATED: ['auth', 'Missing or invalid bearer token'],
  WD_ERR_FORBIDDEN: ['forbidden', 'Not allowed for this role'],
  WD_ERR_NOT_FOUND: ['not_found', 'Not found'],
  WD_ERR_UNKNOWN_CLIENT: ['not_found', 'Unknown client'],
  WD_ERR_UNKNOWN_ADVISOR: ['not_found', 'Unknown advisor'],
  WD_ERR_UNKNOWN_CONVERSATION: ['not_found', 'Unknown conversation'],
  WD_ERR_UNKNOWN_COMMAND: ['validation', 'Unknown command'],
  WD_ERR_DB: ['unavailable', 'Database error'],
  WD_ERR_MODEL: ['unavailable', 'Model provider error'],
  WD_ERR_TOOL: ['internal', 'Tool failed'],
  WD_ERR_QUANT_INPUT: ['validation', 'Invalid numeric input'],
  WD_ERR_SINGULAR_COVARIANCE: ['validation', 'Covariance matrix is singular'],
  WD_ERR_INFEASIBLE: ['validation', 'Optimization problem is infeasible'],
  WD_ERR_SOLVER: ['internal', 'Solver did not converge'],
  WD_ERR_TIMEOUT: ['unavailable', 'Deadline exceeded'],
  WD_ERR_SHUTTING_DOWN: ['unavailable', 'The server is shutting down; retry (another node will answer)'],
  WD_ERR_CANCELLED: ['conflict', 'The turn was cancelled: its sender went away'],
  WD_ERR_DOCUMENT: ['validation', 'Document rejected'],
  WD_ERR_GUARD_REFUSED: ['forbidden', 'Refused by compliance policy'],
  WD_ERR_AUDIT: ['internal', 'Audit chain error'],
  WD_ERR_REVIEW_TRANSITION: ['conflict', 'Review state change not allowed'],
  WD_ERR_RATE_LIMIT: ['rate_limit', 'Too many requests'],
  WD_ERR_INTERNAL: ['internal', 'Internal error'],
  WD_ERR_PROFILE_EXPIRED: ['forbidden', 'The risk profile is missing or expired: a new risk assessment is needed'],
} as const satisfies Record<string, readonly [ErrorCategory, string]>;

export type ErrorCode = keyof typeof ERROR_CODES;

export class WealthDeskError extends Error {
  readonly code: ErrorCode;
  readonly category: ErrorCategory;
  readonly details?: Record<string, unknown>;

  constructor(code: ErrorCode, message?: string, options?: { cause?: unknown; details?: Record<string, unknown> }) {
    const [category, fallback] = ERROR_CODES[code];
    super(message ?? fallback, options?.cause !== undefined ? { cause: options.cause } : undefined);
    this.name = 'WealthDeskError';
    this.code = code;
    this.category = category;
    this.details = options?.details;
  }

  get statusCode(): number {
    return STATUS[this.category];
  }

  toJSON(): { code: ErrorCode; message: string; details?: Record<string, unknown> } {
    return { code: this.code, message: this.message, ...(this.details ? { details: this.details } : {}) };
  }
}

export function isWealthDeskError(e: unknown): e is WealthDeskError {
  return e instanceof WealthDeskError;
}

/** Maps any thrown value to a WealthDeskError (unknown errors become WD_ERR_INTERNAL). */
export function toWealthDeskError(e: unknown): WealthDeskError {
  if (e instanceof WealthDeskError) return e;
  return new WealthDeskError('WD_ERR_INTERNAL', e instanceof Error ? e.message : String(e), { cause: e });
}
