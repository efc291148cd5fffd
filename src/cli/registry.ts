/**
 * Every `wealthdesk` subcommand: what `help` and `<sub> --help` print, and how to load its
 * code. A command's module is imported only when that command runs, so `clients` never
 * pays for the agent (langchain) and `--help` pays for nothing.
 */
import type { CommandModule } from './command.js';

export interface CommandSpec {
  /** One line for `wealthdesk help`. */
  summary: string;
  /** Synopsis lines, without the leading `wealthdesk`. */
  usage: string[];
  /** Flag → what it does (every subcommand also takes `--json` and `--help`). */
  options?: Record<string, string>;
  /** What stdout's JSON document holds on success. */
  output: string;
  load(): Promise<CommandModule>;
}

export const COMMANDS: Readonly<Record<string, CommandSpec>> = {
  ask: {
    summary: 'One agent turn per question, as a client or an advisor',
    usage: [
      'ask "<question>" --as client:<id>|advisor:<id> [--lang zh|en] [--conversation <id>]',
      'ask --file <questions.jsonl> --as client:<id>|advisor:<id> [--lang zh|en]',
    ],
    options: {
      '--as <principal>': 'who asks: client:C0001 or advisor:A001 (required)',
      '--lang zh|en': 'answer language (default: the question\'s)',
      '--conversation <id>': 'continue a conversation (its id is in every answer as conversationId)',
      '--file <jsonl>': 'one turn per line {id, text, conversation?}; lines sharing a conversation key are one conversation, in order',
    },
    output:
      '{answer, toolCalls:[{name, args, result}], citations, guard:{input, output}, flags, conversationId}; with --file {results:[{id, …}]}. Exits 1 when a turn failed (flags tool_error, turn_error or interrupted), after printing the answer',
    load: () => import('./commands/ask.js'),
  },
  audit: {
    summary: 'Verify the audit chain, run the retention job, export evidence',
    usage: ['audit verify', 'audit retention [--purge] [--archive-dir <dir>]', 'audit export <conversationId> --out <file> [--format json|pdf]'],
    options: {
      '--purge': 'retention: delete what is past AUDIT_RETENTION_DAYS (default: report only)',
      '--archive-dir <dir>': 'retention: where purged events are archived (default DATA_DIR/audit-archive)',
      '--out <file>': 'export: the evidence bundle to write',
      '--format json|pdf': 'export: bundle format (default json)',
    },
    output: 'verify: {ok, events, firstBadEventId, …}, exit 1 unless ok; export: {out, format, digest, events, chainOk}',
    load: () => import('./commands/audit.js'),
  },
  clients: {
    summary: 'List clients with their current risk profile',
    usage: ['clients [--advisor <id>]'],
    options: { '--advisor <id>': 'only this advisor\'s book (an unknown advisor is WD_ERR_UNKNOWN_ADVISOR)' },
    output: '{clients:[{id, name, advisorId, riskProfile, baseCurrency}]}',
    load: () => import('./commands/clients.js'),
  },
  guard: {
    summary: 'Run the compliance guards on a text',
    usage: ['guard "<text>" [--direction input|output] [--as client|advisor]', 'guard --file <jsonl> [--direction input|output]'],
    options: {
      '--direction input|output': 'the input guard (default) or the output guard',
      '--as client|advisor': 'the role the input guard checks for (default client)',
      '--file <jsonl>': 'one text per line {id, text}',
    },
    output: '{decision: allow|flag|refuse, categories, masked}; with --file {results:[{id, decision, categories}]}',
    load: () => import('./commands/guard.js'),
  },
  ingest: {
    summary: 'Parse, chunk, embed and store documents in the product library',
    usage: ['ingest <path…>', 'ingest --jsonl <file>'],
    options: {
      '--jsonl <file>': 'lines {doc_id, title, text, lang} (repeatable)',
      '--embedder <id>': 'e.g. hash-v1-512 or openai (default: EMBEDDINGS_PROVIDER)',
      '--progress': 'a progress bar on stderr',
    },
    output: '{ingested, skipped, chunks, rejected:[{path, code, message}]}',
    load: () => import('./commands/ingest.js'),
  },
  optimize: {
    summary: 'Optimize portfolio weights from a price CSV (mean-variance, risk parity, HRP, Black-Litterman)',
    usage: ['optimize --prices <csv> [--objective <objective>] [options]'],
    options: {
      '--prices <csv>': 'daily closes: a date column, one column per ticker (required)',
      '--objective <o>': 'max-sharpe (default), min-volatility, efficient-risk, efficient-return, max-utility, risk-parity, hrp, black-litterman',
      '--target-volatility <v>': 'for efficient-risk',
      '--target-return <r>': 'for efficient-return',
      '--risk-aversion <d>': 'for max-utility and black-litterman',
      '--risk-free-rate <r>': 'annual, default 0',
      '--frequency <n>': 'periods a year, default 252',
      '--returns <kind>': 'mean (default), mean-arithmetic, ema, capm',
      '--cov <kind>': 'sample (default), ledoit-wolf, exp, semicovariance',
      '--weight-bounds <lo,hi>': 'per-asset bounds, default 0,1',
      '--market-caps <json|file>': 'black-litterman prior',
      '--views <json|file>': 'black-litterman views: [{…}] or {"TICKER": return}',
      '--frontier <n>': 'also n points of the efficient frontier',
      '--l2-gamma <g>': 'L2 regularisation',
      '--market-neutral': 'weights sum to 0',
    },
    output: '{weights:{TICKER: w}, performance:{expectedReturn, volatility, sharpe}[, frontier]}',
    load: () => import('./commands/optimize.js'),
  },
  reindex: {
    summary: 'Move the document corpus to another embedder',
    usage: ['reindex --embedder <id>'],
    options: { '--embedder <id>': 'e.g. hash-v1-512, openai, openai:text-embedding-3-small (required)' },
    output: '{embedder, dim, moved, corpus}',
    load: () => import('./commands/reindex.js'),
  },
  risk: {
    summary: 'Risk metrics of a constant-weight portfolio (empyrical definitions)',
    usage: ['risk --prices <csv> --weights <json|file> [--benchmark <csv>] [--risk-free-rate r] [--frequency 252]'],
    options: {
      '--prices <csv>': 'daily closes, one column per ticker (required)',
      '--weights <json|file>': '{"TICKER": weight, …} summing to 1 (required)',
      '--benchmark <csv>': 'benchmark closes, for beta and alpha',
      '--risk-free-rate <r>': 'annual, default 0',
      '--frequency <n>': 'periods a year, default 252',
    },
    output: '{metrics:{annualReturn, annualVolatility, sharpe, sortino, maxDrawdown, calmar, var95, cvar95, var99, cvar99, beta, alpha}}',
    load: () => import('./commands/risk.js'),
  },
  search: {
    summary: 'Search the product library (hybrid vector + full-text)',
    usage: ['search "<query>" [--k N]', 'search --file <queries.jsonl> [--k N]'],
    options: {
      '--k <n>': 'results, 1–200 (default 10)',
      '--file <jsonl>': 'one query per line {qid, text}',
      '--product <ids>': 'only these products (comma-separated)',
      '--type <type>': 'only this document type',
      '--lang zh|en': 'only this language',
      '--mode hybrid|vector|fts': 'default hybrid',
      '--embedder <id>': 'default: EMBEDDINGS_PROVIDER',
    },
    output: '{results:[{docId, chunkId, title, score, text}]}; with --file {results:[{qid, ranked:[docId…]}]}',
    load: () => import('./commands/search.js'),
  },
  seed: {
    summary: 'Seed the deterministic demo data and the product library',
    usage: ['seed [--reset] [--seed N] [--as-of YYYY-MM-DD] [--clients N] [--skip-library]'],
    options: {
      '--reset': 'replace data already there (default: leave a seeded store alone)',
      '--seed <n>': 'random seed (default 42)',
      '--as-of <date>': 'the last price date (default 2026-11-20)',
      '--clients <n>': 'number of clients (default 200)',
      '--skip-library': 'do not ingest the demo product documents',
    },
    output: '{seeded, counts:{…}, ms, library:{documents, chunks, ms}}',
    load: () => import('./commands/seed.js'),
  },
  serve: {
    summary: 'Run the server (what `npm start` runs)',
    usage: ['serve [--port N] [--host H]'],
    options: { '--port <n>': 'overrides PORT', '--host <h>': 'overrides HOST' },
    output: 'none: it serves until SIGINT/SIGTERM; the log (JSON lines) says where',
    load: () => import('./commands/serve.js'),
  },
};

/** Flags every subcommand takes. */
export const COMMON_OPTIONS: Readonly<Record<string, string>> = {
  '--json': 'exactly one JSON document on stdout (what every subcommand prints anyway; logs go to stderr); with --help, the help as JSON',
  '--help, -h': 'this help, without running anything',
};
