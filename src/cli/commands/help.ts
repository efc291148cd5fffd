import { readdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { CommandModule } from '../main.js';

export const summary = 'List the subcommands';

export async function run(): Promise<unknown> {
  const dir = dirname(fileURLToPath(import.meta.url));
  const names = readdirSync(dir)
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
    .map((f) => f.replace(/\.ts$/, ''))
    .sort();
  const commands: Record<string, string> = {};
  for (const n of names) {
    const m = (await import(`./${n}.js`)) as CommandModule;
    commands[n] = m.summary;
  }
  return { commands };
}
