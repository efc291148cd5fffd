/**
 * `wealthdesk serve [--port N] [--host H]`: the server, exactly what `npm start` runs.
 * It keeps running until SIGINT/SIGTERM, so it prints no JSON document of its own; the
 * log (stdout, JSON lines) says where it listens.
 */
import { WealthDeskError } from '../../errors.js';
import { numberFlag, parseFlags } from '../args.js';

export async function run(argv: string[]): Promise<unknown> {
  const { values } = parseFlags(argv, { port: { type: 'string' }, host: { type: 'string' } }, false);
  const port = numberFlag(values.port, 'port');
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65535)) {
    throw new WealthDeskError('WD_ERR_VALIDATION', '--port must be an integer 0–65535');
  }
  const { main } = await import('../../main.js');
  await main({ ...(port !== undefined ? { port } : {}), ...(values.host ? { host: values.host } : {}) });
  return new Promise<never>(() => {}); // serve until a signal ends the process
}
