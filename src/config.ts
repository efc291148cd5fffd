/**
 * The one place that reads `process.env`. Parsed once with zod; a bad setting stops
 * start-up with a message naming the variable. Exported as a frozen object.
 */
import { z } from 'zod';

const bool = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes');

const schema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  /** PostgreSQL connection string; when unset the embedded PGlite store under DATA_DIR is used. */
  DATABASE_URL: z.string().url().optional(),
  DATA_DIR: z.string().default('./data'),
  REDIS_URL: z.string().url().optional(),
  /** `offline` (deterministic planner, default) or `openai` (any OpenAI-compatible endpoint). */
  LLM_PROVIDER: z.enum(['offline', 'openai']).optional(),
  LLM_BASE_URL: z.string().url().optional(),
  LLM_MODEL: z.string().default('gpt-4o-mini'),
  OPENAI_API_KEY: z.string().optional(),
  LLM_TIMEOUT_MS: z.coerce.number().int().positive().default(60_000),
  /** Retries of a model call on 429 / 5xx / timeout / refused connection (backoff, `Retry-After` honoured). */
  LLM_MAX_RETRIES: z.coerce.number().int().min(0).max(10).default(2),
  /** Failed model calls in a row that open the circuit breaker, and how long it stays open (ms). */
  LLM_BREAKER_FAILURES: z.coerce.number().int().positive().default(5),
  LLM_BREAKER_COOLDOWN_MS: z.coerce.number().int().positive().default(30_000),
  /** When the hosted model fails before any answer text was shown, answer with the offline planner (with a notice). */
  LLM_FALLBACK: bool.default(true),
  /** This server's stable name (start-up recovery closes the open turns its crashed predecessor left); default host:port. */
  NODE_ID: z.string().regex(/^[\w.:@-]{1,128}$/).optional(),
  /** SIGTERM: how long turns in flight may take to finish before they are recorded interrupted (ms). */
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).default(10_000),
  EMBEDDINGS_PROVIDER: z.enum(['offline', 'openai']).default('offline'),
  EMBEDDINGS_BASE_URL: z.string().url().optional(),
  EMBEDDINGS_MODEL: z.string().default('text-embedding-3-small'),
  EMBEDDINGS_API_KEY: z.string().optional(),
  /** HMAC secret for bearer tokens. Required in production; a fixed demo secret otherwise. */
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters').optional(),
  /** 32-byte key (hex or base64) for AES-256-GCM field encryption. */
  FIELD_ENCRYPTION_KEY: z.string().optional(),
  FIELD_ENCRYPTION_KEY_ID: z.string().default('k1'),
  /** HMAC key of the audit chain (≥ 32 chars). Demo mode derives one from AUTH_SECRET. */
  AUDIT_HMAC_KEY: z.string().min(32, 'AUDIT_HMAC_KEY must be at least 32 characters').optional(),
  AUDIT_HMAC_KEY_ID: z.string().regex(/^[\w-]{1,32}$/).default('a1'),
  /** Retired audit keys still needed to verify old events: "id:key,id:key". */
  AUDIT_HMAC_OLD_KEYS: z.string().optional(),
  /** Write-once file the chain head is anchored to (signed checkpoints, one per line); unset → no anchoring. */
  AUDIT_ANCHOR_PATH: z.string().optional(),
  /** Demo token route and client picker. Default: on only outside production and without AUTH_SECRET. */
  DEMO_MODE: bool.optional(),
  /** Who may frame the chat widget pages: "'none'" (default), "'self'" or space-separated origins. */
  FRAME_ANCESTORS: z.string().optional(),
  /** Trust X-Forwarded-* from a reverse proxy (set true only behind one). */
  TRUST_PROXY: bool.default(false),
  SEED_ON_START: bool.default(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  MAX_MESSAGE_CHARS: z.coerce.number().int().positive().default(4000),
  REVIEW_SAMPLE_RATE: z.coerce.number().min(0).max(1).default(0.05),
  AUDIT_RETENTION_DAYS: z.coerce.number().int().positive().default(2555),
});

export type Config = Readonly<
  Omit<z.infer<typeof schema>, 'LLM_PROVIDER' | 'DEMO_MODE' | 'AUTH_SECRET'> & {
    LLM_PROVIDER: 'offline' | 'openai';
    DEMO_MODE: boolean;
    AUTH_SECRET: string;
  }
>;

const DEMO_SECRET = 'wealthdesk-demo-secret-not-for-production-use-0001';

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Parses an environment (default `process.env`); throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = schema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `${i.path.join('.') || '(env)'}: ${i.message}`);
    throw new ConfigError(`Invalid configuration:\n  ${lines.join('\n  ')}`);
  }
  const c = parsed.data;
  if (c.NODE_ENV === 'production') {
    const missing = (['AUTH_SECRET', 'AUDIT_HMAC_KEY', 'FIELD_ENCRYPTION_KEY'] as const).filter((k) => !c[k]);
    const problems = missing.map((k) => `${k}: required when NODE_ENV=production`);
    // The demo routes mint a token for anyone, a compliance officer's included.
    if (c.DEMO_MODE === true) problems.push('DEMO_MODE: must not be true when NODE_ENV=production (the demo token route would mint tokens for anyone)');
    if (problems.length > 0) throw new ConfigError(`Invalid configuration:\n  ${problems.join('\n  ')}`);
  }
  const provider = c.LLM_PROVIDER ?? (c.LLM_BASE_URL || c.OPENAI_API_KEY ? 'openai' : 'offline');
  if (provider === 'openai' && !c.LLM_BASE_URL && !c.OPENAI_API_KEY) {
    throw new ConfigError('Invalid configuration:\n  LLM_BASE_URL: required (or OPENAI_API_KEY) when LLM_PROVIDER=openai');
  }
  return Object.freeze({
    ...c,
    LLM_PROVIDER: provider,
    DEMO_MODE: c.DEMO_MODE ?? (c.NODE_ENV !== 'production' && !c.AUTH_SECRET),
    AUTH_SECRET: c.AUTH_SECRET ?? DEMO_SECRET,
  });
}

let cached: Config | undefined;

/** The process-wide configuration, parsed on first use. */
export function config(): Config {
  cached ??= loadConfig();
  return cached;
}
