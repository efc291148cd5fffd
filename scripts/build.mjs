#!/usr/bin/env node
/**
 * Compiles `src/` ahead of time into `dist/` (same tree, `.ts` → `.js`, plus the SQL
 * migrations and JSON data files beside the code), so `npm start` and `wealthdesk` run
 * plain JavaScript instead of compiling TypeScript on every start. esbuild transpiles
 * file by file (no bundling: paths relative to `import.meta.url` keep working, since
 * `dist/` sits where `src/` does); type checking stays with `npm run typecheck`.
 *
 * `node scripts/build.mjs` builds; `--if-stale` builds only when a file under `src/` is
 * newer than the last build (what `npm start` and `bin/wealthdesk.js` do, so an edited
 * checkout never runs old code). Runs from `npm ci` / `npm install` (`prepare`).
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, copyFileSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SRC = join(root, 'src');
const DIST = join(root, 'dist');
const STAMP = join(DIST, '.build-stamp');

/** Source files that belong in `dist/`: code and its data, not tests or their fixtures. */
function sources(dir = SRC, out = { code: [], assets: [], newest: 0 }) {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) {
      if (e.name !== '__fixtures__') sources(p, out);
      continue;
    }
    if (e.name.endsWith('.test.ts')) continue;
    if (e.name.endsWith('.ts')) out.code.push(p);
    else if (/\.(sql|json)$/.test(e.name)) out.assets.push(p);
    else continue;
    out.newest = Math.max(out.newest, statSync(p).mtimeMs);
  }
  return out;
}

/** True when `dist/` is missing or older than some file under `src/` (a few ms: one stat per file). */
export function isStale() {
  if (!existsSync(STAMP)) return true;
  return sources().newest > statSync(STAMP).mtimeMs;
}

/** Transpiles `src/` into a fresh directory, then swaps it in for `dist/`. */
export async function build() {
  const started = Date.now();
  const { build: esbuild } = await import('esbuild');
  const { code, assets } = sources();
  const tmp = `${DIST}.tmp-${process.pid}`;
  rmSync(tmp, { recursive: true, force: true });
  await esbuild({
    entryPoints: code,
    outdir: tmp,
    outbase: SRC,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  for (const a of assets) {
    const to = join(tmp, relative(SRC, a));
    mkdirSync(dirname(to), { recursive: true });
    copyFileSync(a, to);
  }
  writeFileSync(join(tmp, '.build-stamp'), `${new Date().toISOString()}\n`);
  // Swap, so a command starting meanwhile sees the old tree or the new one, never half of one.
  const old = `${DIST}.old-${process.pid}`;
  if (existsSync(DIST)) renameSync(DIST, old);
  renameSync(tmp, DIST);
  rmSync(old, { recursive: true, force: true });
  return { files: code.length + assets.length, ms: Date.now() - started };
}

/** Builds when stale; `log` receives one line when it did. */
export async function buildIfStale(log = (line) => process.stderr.write(`${line}\n`)) {
  if (!isStale()) return false;
  const r = await build();
  log(`built dist/ from src/ (${r.files} files, ${r.ms} ms)`);
  return true;
}

const isEntry = process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1];
if (isEntry) {
  const onlyIfStale = process.argv.includes('--if-stale');
  (onlyIfStale ? buildIfStale() : build().then((r) => process.stderr.write(`built dist/ from src/ (${r.files} files, ${r.ms} ms)\n`))).catch(
    (e) => {
      process.stderr.write(`build failed: ${e?.message ?? e}\n`);
      process.exit(1);
    },
  );
}
