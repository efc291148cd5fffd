/**
 * The server's side of forwarded commands (see forward.ts): `wealthdesk ask|clients|search`
 * run inside the server on its store, their output captured and sent back.
 */
import type { Config } from '../config.js';
import type { Db } from '../db/db.js';
import { listenForCli, type CliListener } from './forward.js';
import { execute } from './main.js';
import { useServerStore } from './store.js';

/**
 * Listens on `<DATA_DIR>/cli.sock` for commands (embedded store only); undefined when not
 * listening. `done` hears of each command run: its name (never its arguments, which may
 * hold a client's words), exit status and milliseconds.
 */
export async function hostCliCommands(
  db: Db,
  c: Config,
  done: (r: { command: string; code: number; ms: number }) => void = () => {},
): Promise<CliListener | undefined> {
  if (c.DATABASE_URL) return undefined; // PostgreSQL serves any number of processes: commands run in their own
  useServerStore(db);
  return listenForCli(c, async (argv) => {
    const t0 = performance.now();
    let stdout = '';
    let stderr = '';
    const code = await execute(argv, { out: (s) => (stdout += s), err: (s) => (stderr += s) });
    done({ command: argv[0] ?? '', code, ms: Math.round(performance.now() - t0) });
    return { stdout, stderr, code };
  });
}
