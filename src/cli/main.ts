/**
 * The `wealthdesk` command. Each subcommand lives in `commands/<name>.ts`, is listed in
 * `registry.ts` and is imported only when it runs. Exactly one JSON document goes to
 * stdout; logs and progress go to stderr; a failure prints `{"error":{code,message}}` and
 * exits 1. `--help` (or `help <sub>`) prints a subcommand's usage without running it.
 * While a server runs on the same embedded store, `ask`, `clients` and `search` run in
 * it (forward.ts).
 */
import { fileURLToPath } from 'node:url';
import { WealthDeskError, toWealthDeskError } from '../errors.js';
import { ConfigError, config } from '../config.js';
import { forwardable, tryForward } from './forward.js';
import { commandHelp, overview } from './help.js';
import { COMMANDS, type CommandSpec } from './registry.js';

/** Where a command's output goes: the process's stdout/stderr, or a forwarded command's reply. */
export interface Io {
  out(s: string): void;
  err(s: string): void;
}

const processIo: Io = { out: (s) => process.stdout.write(s), err: (s) => process.stderr.write(s) };

function spec(name: string): CommandSpec {
  const s = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!s) throw new WealthDeskError('WD_ERR_UNKNOWN_COMMAND', `Unknown command "${name}". Run "wealthdesk help".`);
  return s;
}

function errorDocument(e: unknown, io: Io): string {
  const err = e instanceof ConfigError ? new WealthDeskError('WD_ERR_CONFIG', e.message) : toWealthDeskError(e);
  if (err.code === 'WD_ERR_INTERNAL') io.err(`${(e as Error)?.stack ?? String(e)}\n`);
  return `${JSON.stringify({ error: { code: err.code, message: err.message } })}\n`;
}

/** Runs one command line here (without `node` and the script); resolves to the exit status. */
export async function execute(argv: string[], io: Io = processIo): Promise<number> {
  // `--json` asks for what every subcommand prints anyway (one JSON document); it also makes help JSON.
  const json = argv.includes('--json');
  const help = argv.includes('--help') || argv.includes('-h');
  const [name, ...rest] = argv.filter((a) => a !== '--json' && a !== '--help' && a !== '-h');
  try {
    if (name === undefined || name === 'help') {
      const topic = rest[0];
      io.out(`${topic === undefined ? overview(json) : commandHelp(topic, spec(topic), json)}\n`);
      return 0;
    }
    const s = spec(name);
    if (help) {
      io.out(`${commandHelp(name, s, json)}\n`);
      return 0;
    }
    const cmd = await s.load();
    const out = await cmd.run(rest);
    if (out !== undefined) io.out(`${JSON.stringify(out)}\n`);
    return cmd.exitCode?.(out) ?? 0;
  } catch (e) {
    io.out(errorDocument(e, io));
    return 1;
  }
}

/** The command line: in the server on this store when one runs (and may take it), else here. */
export async function main(argv: string[]): Promise<number> {
  if (!forwardable(argv)) return execute(argv);
  let forwarded;
  try {
    forwarded = await tryForward(argv, config());
  } catch (e) {
    process.stdout.write(errorDocument(e, processIo));
    return 1;
  }
  if (!forwarded) return execute(argv);
  process.stderr.write(forwarded.stderr);
  process.stdout.write(forwarded.stdout);
  return forwarded.code;
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry) {
  main(process.argv.slice(2)).then(
    (code) => {
      process.exitCode = code;
    },
    () => {
      process.exitCode = 1;
    },
  );
}
