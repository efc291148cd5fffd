/**
 * While the server runs on the embedded store, it also answers `wealthdesk` commands over
 * a Unix socket in DATA_DIR (`cli.sock`, owner-only): the command runs inside the server,
 * on its open store. For two reasons: PGlite belongs to one process (a second process
 * opening the same data directory writes the same files with no coordination), and a warm
 * process answers in a fraction of a second where a cold one spends seconds importing
 * the agent and booting PGlite.
 *
 * Forwarded: `ask` (not `--file`), `clients` and `search` (not `--file`) — commands whose
 * arguments name no file, so the server's working directory does not matter — and only
 * when the caller's configuration is the server's (same store, model, secrets); otherwise
 * the command runs in its own process as before. Protocol: one JSON line each way,
 * `{argv, fingerprint}` → `{stdout, stderr, code}` or `{mismatch: true}`.
 */
import { createHash } from 'node:crypto';
import { chmodSync, existsSync, unlinkSync } from 'node:fs';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { resolve } from 'node:path';
import type { Config } from '../config.js';

export const CLI_SOCKET = 'cli.sock';

/** Where the server listens for commands: `<DATA_DIR>/cli.sock`. */
export function cliSocketPath(c: Pick<Config, 'DATA_DIR'>): string {
  return resolve(c.DATA_DIR, CLI_SOCKET);
}

/** Settings that do not change what a command answers. */
const IRRELEVANT = new Set(['PORT', 'HOST', 'NODE_ID', 'LOG_LEVEL', 'SHUTDOWN_GRACE_MS', 'TRUST_PROXY', 'FRAME_ANCESTORS']);

/** A digest of the configuration a command's answer depends on (DATA_DIR made absolute). */
export function configFingerprint(c: Config): string {
  const entries = Object.entries({ ...c, DATA_DIR: resolve(c.DATA_DIR) })
    .filter(([k]) => !IRRELEVANT.has(k))
    .sort(([a], [b]) => a.localeCompare(b));
  return createHash('sha256').update(JSON.stringify(entries)).digest('hex');
}

/** True for a command line the server may run: no file arguments, no help. */
export function forwardable(argv: readonly string[]): boolean {
  const [name, ...rest] = argv;
  if (name !== 'ask' && name !== 'clients' && name !== 'search') return false;
  return !rest.some((a) => a === '--file' || a.startsWith('--file=') || a === '--help' || a === '-h');
}

export interface Forwarded {
  stdout: string;
  stderr: string;
  code: number;
}

interface Request {
  argv: string[];
  fingerprint: string;
}

type Reply = Forwarded | { mismatch: true };

/** Reads one newline-terminated JSON value from a socket. */
function readLine(socket: Socket): Promise<unknown> {
  return new Promise((resolveLine, reject) => {
    let buf = '';
    socket.setEncoding('utf8');
    socket.on('data', (d: string) => {
      buf += d;
      const nl = buf.indexOf('\n');
      if (nl >= 0) {
        socket.removeAllListeners('data');
        try {
          resolveLine(JSON.parse(buf.slice(0, nl)));
        } catch (e) {
          reject(e);
        }
      }
    });
    socket.once('error', reject);
    socket.once('end', () => reject(new Error('connection closed before a reply')));
  });
}

/**
 * Runs `argv` in the server listening in DATA_DIR, when there is one with this
 * configuration; undefined when the command must run here (not forwardable, no server,
 * another configuration, a stale socket).
 */
export async function tryForward(argv: string[], c: Config): Promise<Forwarded | undefined> {
  if (c.DATABASE_URL || !forwardable(argv)) return undefined;
  const path = cliSocketPath(c);
  if (!existsSync(path)) return undefined;
  let socket: Socket;
  try {
    socket = await new Promise<Socket>((ok, fail) => {
      const s = createConnection(path, () => ok(s));
      s.once('error', fail);
    });
  } catch {
    return undefined; // a socket file left by a server that is gone
  }
  try {
    const request: Request = { argv, fingerprint: configFingerprint(c) };
    socket.write(`${JSON.stringify(request)}\n`);
    const reply = (await readLine(socket)) as Reply;
    return 'mismatch' in reply ? undefined : reply;
  } catch (e) {
    // The server went away mid-command: the command may have run, so it is not retried here.
    const message = `The server running the command closed the connection: ${(e as Error).message}`;
    return { stdout: `${JSON.stringify({ error: { code: 'WD_ERR_INTERNAL', message } })}\n`, stderr: '', code: 1 };
  } finally {
    socket.destroy();
  }
}

export interface CliListener {
  path: string;
  close(): Promise<void>;
}

/**
 * Listens on `<DATA_DIR>/cli.sock` and runs each request with `execute` (the CLI's own
 * dispatcher, given the server's store). A socket file nobody answers on is replaced; a
 * live one (another server on this data directory) is left alone and undefined returned.
 */
export async function listenForCli(
  c: Config,
  execute: (argv: string[]) => Promise<Forwarded>,
): Promise<CliListener | undefined> {
  const path = cliSocketPath(c);
  const fingerprint = configFingerprint(c);
  if (existsSync(path)) {
    const live = await new Promise<boolean>((ok) => {
      const s = createConnection(path, () => {
        s.destroy();
        ok(true);
      });
      s.once('error', () => ok(false));
    });
    if (live) return undefined;
    unlinkSync(path);
  }
  const server: Server = createServer((socket) => {
    readLine(socket).then(
      async (raw) => {
        const req = raw as Partial<Request>;
        const argv = Array.isArray(req.argv) && req.argv.every((a) => typeof a === 'string') ? req.argv : [];
        const reply: Reply =
          req.fingerprint !== fingerprint || !forwardable(argv) ? { mismatch: true } : await execute(argv);
        socket.end(`${JSON.stringify(reply)}\n`);
      },
      () => socket.destroy(),
    );
    socket.on('error', () => {}); // the command line that asked went away (Ctrl-C); the command finishes regardless
  });
  await new Promise<void>((ok, fail) => {
    server.once('error', fail);
    server.listen(path, () => ok());
  });
  chmodSync(path, 0o600);
  return {
    path,
    close: () =>
      new Promise<void>((ok) => {
        server.close(() => ok());
        try {
          unlinkSync(path);
        } catch {
          // already gone
        }
      }),
  };
}
