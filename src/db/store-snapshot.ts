/**
 * The embedded store's first start, prebuilt: `demo/store/pglite.tar.br` is a PGlite data
 * directory already initialized, migrated, seeded with the default demo data and loaded
 * with the demo library (offline embedder), written by `scripts/make-store-snapshot.ts`.
 * Unpacking it into an empty DATA_DIR replaces initdb (a second WebAssembly PostgreSQL run
 * in memory, the slowest and hungriest step), the migrations, the seed's simulation and
 * inserts, and the library's bulk insert and HNSW build — the same idea as the library's
 * own `snapshot.jsonl`, one level down.
 *
 * It is used only while it matches this checkout: `manifest.json` records a fingerprint of
 * what made it (PGlite and pgvector versions, every migration's SQL, the seed's sources,
 * the library snapshot). At start the parts that can be checked here are recomputed; any
 * difference means the normal path (initdb, migrate, seed) runs instead, with a warning.
 * `store-snapshot.test.ts` fails when the committed snapshot is stale, so CI says to
 * rebuild it (`npx tsx scripts/make-store-snapshot.ts`).
 */
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createBrotliDecompress } from 'node:zlib';
import { listMigrations } from './migrate.js';
import { untarStream } from './tar.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
/** Where the prebuilt store lives in this checkout. */
export const DEMO_STORE_DIR = join(ROOT, 'demo', 'store');
export const STORE_ARCHIVE = 'pglite.tar.br';
export const STORE_MANIFEST = 'manifest.json';

/** What made a snapshot; two snapshots with equal parts hold the same rows. */
export interface StoreFingerprint {
  pglite: string;
  pgvector: string;
  /** sha256 of each migration's SQL, by id, in order */
  migrations: Record<string, string>;
  /** sha256 over the seed's source files (`src/db/seed/*.ts` without tests); null where the sources are not shipped */
  seed: string | null;
  /** sha256 of the demo library's manifest and snapshot */
  library: string | null;
}

export interface StoreManifest {
  fingerprint: StoreFingerprint;
  /** the archive's sha256, checked before unpacking */
  sha256: string;
  bytes: number;
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

function packageVersion(name: string): string {
  const req = createRequire(import.meta.url);
  let dir = dirname(req.resolve(name));
  while (!existsSync(join(dir, 'package.json')) || (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { name?: string }).name !== name) {
    const up = dirname(dir);
    if (up === dir) return 'unknown';
    dir = up;
  }
  return (JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')) as { version: string }).version;
}

function hashFiles(root: string, files: string[]): string | null {
  if (files.length === 0 || !files.every((f) => existsSync(f))) return null;
  const h = createHash('sha256');
  for (const f of files) h.update(`${f.slice(root.length)}\0`).update(readFileSync(f)).update('\0');
  return h.digest('hex');
}

/** The fingerprint of this checkout (what a snapshot made now would record). */
export function currentFingerprint(root = ROOT): StoreFingerprint {
  const seedDir = join(root, 'src', 'db', 'seed');
  const seedFiles = existsSync(seedDir)
    ? readdirSync(seedDir)
        .filter((f) => f.endsWith('.ts') && !f.endsWith('.test.ts'))
        .sort()
        .map((f) => join(seedDir, f))
    : [];
  const lib = join(root, 'demo', 'library');
  return {
    pglite: packageVersion('@electric-sql/pglite'),
    pgvector: packageVersion('@electric-sql/pglite-pgvector'),
    migrations: Object.fromEntries(listMigrations().map((m) => [m.id, sha(m.sql)])),
    seed: hashFiles(root, seedFiles),
    library: hashFiles(root, [join(lib, 'manifest.json'), join(lib, 'snapshot.jsonl')]),
  };
}

/**
 * Why the snapshot in `dir` cannot be used for this checkout, or null when it can. Seed
 * sources and the library are compared only where this checkout has them (a build
 * without `src/` trusts the fingerprint CI checked); the library is not required to match
 * at all, since `seedDemoLibrary` brings changed documents up to date after listening.
 */
export function snapshotMismatch(dir = DEMO_STORE_DIR, now = currentFingerprint()): string | null {
  const file = join(dir, STORE_MANIFEST);
  if (!existsSync(file) || !existsSync(join(dir, STORE_ARCHIVE))) return 'no prebuilt store in this checkout';
  const m = JSON.parse(readFileSync(file, 'utf8')) as StoreManifest;
  const f = m.fingerprint;
  if (f.pglite !== now.pglite || f.pgvector !== now.pgvector) return `built with PGlite ${f.pglite} / pgvector ${f.pgvector}, running ${now.pglite} / ${now.pgvector}`;
  if (JSON.stringify(f.migrations) !== JSON.stringify(now.migrations)) return 'the migrations changed since it was built';
  if (now.seed !== null && f.seed !== now.seed) return 'the seed sources changed since it was built';
  return null;
}

/**
 * Unpacks the prebuilt store into `pgdataDir` (which must hold no database yet), streaming
 * (Brotli → ustar → files: the 56 MB archive is never whole in memory). Returns the files
 * written, or a reason it was not used (the caller then runs initdb, migrations and the
 * seed as before); a failed unpack removes what it wrote.
 */
export async function restoreStoreSnapshot(pgdataDir: string, dir = DEMO_STORE_DIR): Promise<{ restored: true; files: number } | { restored: false; reason: string }> {
  if (existsSync(join(pgdataDir, 'PG_VERSION'))) return { restored: false, reason: 'the data directory already holds a database' };
  const why = snapshotMismatch(dir);
  if (why) return { restored: false, reason: why };
  const m = JSON.parse(readFileSync(join(dir, STORE_MANIFEST), 'utf8')) as StoreManifest;
  const packed = readFileSync(join(dir, STORE_ARCHIVE));
  if (sha(packed) !== m.sha256) return { restored: false, reason: 'the archive does not match its manifest (corrupt or a Git LFS pointer)' };
  const sink = untarStream(pgdataDir);
  try {
    await pipeline(Readable.from([packed]), createBrotliDecompress(), sink);
  } catch (e) {
    rmSync(pgdataDir, { recursive: true, force: true });
    return { restored: false, reason: `unpacking failed: ${(e as Error).message}` };
  }
  return { restored: true, files: sink.files };
}

export { sha as sha256Hex };
