/**
 * Runs {@link optimize} on a worker thread so a long solve never blocks the event loop.
 * The promise rejects with WD_ERR_TIMEOUT past the deadline, once the worker has ended;
 * solver errors come back with the same WealthDeskError code, message and details the
 * synchronous call throws.
 */
import { Worker, isMainThread, parentPort, workerData } from 'node:worker_threads';
import { WealthDeskError, type ErrorCode } from '../../errors.js';
import { optimize } from './mean-variance.js';
import type { OptimizeProblem, OptimizeResult } from './types.js';

let live = 0;

/** Solver workers started by {@link solveInWorker} that have not exited yet. */
export function activeSolverWorkers(): number {
  return live;
}

type Reply = { ok: true; result: OptimizeResult } | { ok: false; code: ErrorCode; message: string; details?: Record<string, unknown> };

/** Solves `p` in a worker; rejects with WD_ERR_TIMEOUT after `deadlineMs` (default 10 s). */
export function solveInWorker(p: OptimizeProblem, o: { deadlineMs?: number } = {}): Promise<OptimizeResult> {
  const deadlineMs = o.deadlineMs ?? 10_000;
  return new Promise((resolve, reject) => {
    // From a source checkout this file is .ts: the worker registers tsx's loader first.
    const url = import.meta.url;
    const worker = url.endsWith('.ts')
      ? new Worker(
          `import('tsx/esm/api').then((m) => { m.register(); return import(${JSON.stringify(url)}); });`,
          { eval: true, workerData: p },
        )
      : new Worker(new URL(url), { workerData: p });
    live++;
    let ended = false;
    const end = () => {
      if (!ended) {
        ended = true;
        live--;
      }
    };
    worker.once('exit', end);
    // The promise settles only once the worker has ended, whatever the outcome.
    let settled = false;
    const finish = (fn: () => void) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      const then = () => {
        end();
        fn();
      };
      worker.terminate().then(then, then);
    };
    const timer = setTimeout(
      () => finish(() => reject(new WealthDeskError('WD_ERR_TIMEOUT', `Optimization exceeded its ${deadlineMs} ms deadline`))),
      deadlineMs,
    );
    worker.once('message', (m: Reply) =>
      finish(() => (m.ok ? resolve(m.result) : reject(new WealthDeskError(m.code, m.message, m.details ? { details: m.details } : {})))),
    );
    worker.once('error', (e) => finish(() => reject(new WealthDeskError('WD_ERR_SOLVER', `Solver worker failed: ${e.message}`, { cause: e }))));
    worker.once('exit', (code) =>
      finish(() => reject(new WealthDeskError('WD_ERR_SOLVER', `Solver worker exited with code ${code}`))),
    );
  });
}

if (!isMainThread && parentPort && (workerData as OptimizeProblem | undefined)?.objective) {
  let reply: Reply;
  try {
    reply = { ok: true, result: optimize(workerData as OptimizeProblem) };
  } catch (e) {
    reply =
      e instanceof WealthDeskError
        ? { ok: false, code: e.code, message: e.message, ...(e.details ? { details: e.details } : {}) }
        : { ok: false, code: 'WD_ERR_SOLVER', message: e instanceof Error ? e.message : String(e) };
  }
  parentPort.postMessage(reply);
}
