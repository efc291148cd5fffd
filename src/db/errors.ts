/**
 * What a store failure means for the caller. A lost or refused connection (the server
 * restarted, a backend was terminated, the network dropped) is `WD_ERR_DB` (503: try
 * again); text the database cannot hold (a NUL, an unpaired surrogate in JSON) is
 * `WD_ERR_BAD_TEXT` (400). Anything else — a constraint, a bug in a statement — is left
 * as the driver raised it, so callers that look at SQLSTATE codes still can.
 */
import { WealthDeskError } from '../errors.js';

/** SQLSTATE classes and codes that mean the connection, not the statement, failed. */
const CONNECTION_SQLSTATE = /^(08|57P0[1-4]|53300|55000|3D000|28)/;

/** Node socket errors and pg's own messages for a connection that went away. */
const CONNECTION_ERRNO = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const CONNECTION_MESSAGE = /Connection terminated|connection error and is not queryable|not queryable|timeout exceeded when trying to connect|Client was closed|Cannot use a pool after calling end/i;

/** SQLSTATEs for text the database cannot store (NUL in text, \u0000 or a lone surrogate in jsonb). */
const BAD_TEXT_SQLSTATE = new Set(['22021', '22P05']);

interface DriverError {
  code?: unknown;
  message?: unknown;
  detail?: unknown;
}

/** True when `e` says the connection to the database was lost or could not be made. */
export function isConnectionError(e: unknown): boolean {
  if (e instanceof WealthDeskError) return e.code === 'WD_ERR_DB';
  const { code, message } = (e ?? {}) as DriverError;
  if (typeof code === 'string' && (CONNECTION_SQLSTATE.test(code) || CONNECTION_ERRNO.has(code))) return true;
  return typeof message === 'string' && CONNECTION_MESSAGE.test(message);
}

function isBadText(e: unknown): boolean {
  const { code, message, detail } = (e ?? {}) as DriverError;
  if (typeof code !== 'string') return false;
  return BAD_TEXT_SQLSTATE.has(code) || (code === '22P02' && /surrogate|\\u0000/i.test(`${String(message)} ${String(detail)}`));
}

/**
 * Maps a driver error to the WealthDeskError it stands for, or returns it unchanged.
 * The message never quotes the statement or the driver's text (it may carry data);
 * the driver's error stays the `cause` for the log.
 */
export function classifyDbError(e: unknown): unknown {
  if (e instanceof WealthDeskError) return e;
  if (isConnectionError(e)) return new WealthDeskError('WD_ERR_DB', 'The database connection was lost or refused; try again', { cause: e });
  if (isBadText(e)) return new WealthDeskError('WD_ERR_BAD_TEXT', 'Text contains characters that cannot be stored (NUL or an unpaired surrogate)', { cause: e });
  return e;
}

/**
 * A one-line, secret-free description of why the database could not be reached at
 * start-up: host, port and database name from the URL (never the password) and the
 * driver's reason.
 */
export function unreachableMessage(url: string, e: unknown): string {
  let where = 'the database';
  try {
    const u = new URL(url);
    where = `${u.hostname}${u.port ? `:${u.port}` : ''}${u.pathname && u.pathname !== '/' ? u.pathname : ''}`;
  } catch {
    /* an unparsable URL is named generically */
  }
  const { code, message } = (e ?? {}) as DriverError;
  const reason = [typeof code === 'string' ? code : '', typeof message === 'string' ? message.split('\n')[0].slice(0, 200) : '']
    .filter(Boolean)
    .join(' ');
  return `Cannot reach the database at ${where}${reason ? ` (${reason})` : ''}`;
}
