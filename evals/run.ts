/**
 * `npm run eval [suite…]`: runs every suite in `evals/suites/` (or the named ones) in
 * order and prints each one's report. A suite exports `name`, `description` and
 * `run(): Promise<SuiteReport>`; its `lines` are printed as a table-like text block and
 * `scores` are collected into one JSON summary at the end (`--json` prints only that).
 */
import { readdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface SuiteReport {
  /** Human-readable lines (a table), printed as they are. */
  lines: string[];
  /** Machine-readable figures, e.g. {"routing.zh": 0.95}. */
  scores: Record<string, number>;
}

export interface EvalSuite {
  name: string;
  description: string;
  run(): Promise<SuiteReport>;
}

const here = dirname(fileURLToPath(import.meta.url));

async function main(argv: string[]): Promise<void> {
  const json = argv.includes('--json');
  const wanted = argv.filter((a) => !a.startsWith('--'));
  const files = readdirSync(join(here, 'suites'))
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .sort();
  const all: Record<string, Record<string, number>> = {};
  for (const f of files) {
    const suite = (await import(`./suites/${f.replace(/\.ts$/, '.js')}`)) as EvalSuite;
    if (wanted.length > 0 && !wanted.includes(suite.name)) continue;
    const t0 = performance.now();
    const report = await suite.run();
    all[suite.name] = report.scores;
    if (!json) {
      process.stdout.write(`\n== ${suite.name}: ${suite.description} (${((performance.now() - t0) / 1000).toFixed(1)} s)\n`);
      for (const l of report.lines) process.stdout.write(`${l}\n`);
    }
  }
  if (json) process.stdout.write(`${JSON.stringify(all)}\n`);
  else if (Object.keys(all).length === 0) process.stdout.write('no eval suite matched\n');
}

await main(process.argv.slice(2));
