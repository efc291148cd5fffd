#!/usr/bin/env node
// Installed entry point: runs the CLI compiled ahead of time into dist/ (scripts/build.mjs).
// From a checkout whose src/ changed since the last build, it rebuilds first (about a
// second, once), so it never runs stale code and never compiles TypeScript per command.
import { existsSync } from 'node:fs';

const build = new URL('../scripts/build.mjs', import.meta.url);
if (existsSync(new URL('../src/', import.meta.url)) && existsSync(build)) {
  const { buildIfStale } = await import(build.href);
  await buildIfStale();
}
const { main } = await import('../dist/cli/main.js');
process.exitCode = await main(process.argv.slice(2));
