/**
 * The `wealthdesk` command. Each subcommand lives in `commands/<name>.ts` and exports
 * `run(argv)`, returning a JSON-safe value. Exactly one JSON document goes to stdout;
 * logs and progress go to stderr; failures print `{"error":{code,message}}` and exit 1.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { WealthDeskError, toWealthDeskError } from '../errors.js';
import { ConfigError } from '../config.js';

export interface CommandModule {
  /** One-line summary for `wealthdesk help`. */
  summary: string;
  run(argv: string[]): Promise<unknown>;
  /** The exit status for a document `run` returned (default 0): a report that says "not ok" exits 1. */
  exitCode?(out: unknown): number;
}

const here = dirname(fileURLToPath(import.meta.url));

async function loadCommand(name: string): Promise<CommandModule> {
  const file = join(here, 'commands', `${name}.ts`);
  if (!/^[a-z][a-z-]*$/.test(name) || !existsSync(file)) {
    throw new WealthDeskError('WD_ERR_UNKNOWN_COMMAND', `Unknown command "${name}". Run "wealthdesk help".`);
  }
  return (await import(`./commands/${name}.js`)) as CommandModule;
}

export async function main(argv: string[]): Promise<number> {
  const args = argv.filter((a) => a !== '--json');
  const [name, ...rest] = args;
  try {
    const cmd = await loadCommand(name ?? 'help');
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
