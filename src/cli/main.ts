/**
 * The `wealthdesk` command. Each subcommand lives in `commands/<name>.ts`, is listed in
 * `registry.ts` and is imported only when it runs. Exactly one JSON document goes to
 * stdout; logs and progress go to stderr; a failure prints `{"error":{code,message}}` and
 * exits 1. `--help` (or `help <sub>`) prints a subcommand's usage without running it.
 */
import { fileURLToPath } from 'node:url';
import { WealthDeskError, toWealthDeskError } from '../errors.js';
import { ConfigError } from '../config.js';
import { commandHelp, overview } from './help.js';
import { COMMANDS, type CommandSpec } from './registry.js';

function spec(name: string): CommandSpec {
  const s = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!s) throw new WealthDeskError('WD_ERR_UNKNOWN_COMMAND', `Unknown command "${name}". Run "wealthdesk help".`);
  return s;
}

/** Runs one command line (without `node` and the script); resolves to the exit status. */
export async function main(argv: string[]): Promise<number> {
  // `--json` asks for what every subcommand prints anyway (one JSON document); it also makes help JSON.
  const json = argv.includes('--json');
  const help = argv.includes('--help') || argv.includes('-h');
  const [name, ...rest] = argv.filter((a) => a !== '--json' && a !== '--help' && a !== '-h');
  try {
    if (name === undefined || name === 'help') {
      const topic = rest[0];
      process.stdout.write(`${topic === undefined ? overview(json) : commandHelp(topic, spec(topic), json)}\n`);
      return 0;
    }
    const s = spec(name);
    if (help) {
      process.stdout.write(`${commandHelp(name, s, json)}\n`);
      return 0;
    }
    const cmd = await s.load();
    const out = await cmd.run(rest);
    if (out !== undefined) process.stdout.write(`${JSON.stringify(out)}\n`);
    return cmd.exitCode?.(out) ?? 0;
  } catch (e) {
    const err =
      e instanceof ConfigError ? new WealthDeskError('WD_ERR_CONFIG', e.message) : toWealthDeskError(e);
    process.stdout.write(`${JSON.stringify({ error: { code: err.code, message: err.message } })}\n`);
    if (err.code === 'WD_ERR_INTERNAL') process.stderr.write(`${(e as Error)?.stack ?? String(e)}\n`);
    return 1;
  }
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
