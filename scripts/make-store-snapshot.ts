/**
 * Writes the prebuilt embedded store (`demo/store/`, read by `src/db/store-snapshot.ts`):
 * a PGlite data directory initialized, migrated, seeded with the default demo data and
 * loaded with the demo library (offline embedder), vacuumed and frozen, packed as ustar
 * and compressed with Brotli, plus `manifest.json` with the fingerprint of what made it.
 *
 *   npx tsx scripts/make-store-snapshot.ts [outDir]
 *
 * Run it after changing a migration, the seed or the demo library
 * (`src/db/store-snapshot.test.ts` fails until you do). Only the write-ahead-log segment
 * holding the final checkpoint is kept: the build runs with `wal_recycle=off`, switches to
 * a fresh (zero-filled) segment and checkpoints, so the archive carries no stale WAL.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { constants, brotliCompressSync } from 'node:zlib';
import { PGlite } from '@electric-sql/pglite';
import { vector } from '@electric-sql/pglite-pgvector';
import { migrate } from '../src/db/migrate.js';
import { openPglite } from '../src/db/pglite.js';
import { seedDemoData } from '../src/db/seed/seed.js';
import { currentFingerprint, DEMO_STORE_DIR, sha256Hex, STORE_ARCHIVE, STORE_MANIFEST, type StoreManifest } from '../src/db/store-snapshot.js';
import { packDir } from '../src/db/tar.js';
import { seedDemoLibrary } from '../src/rag/demo-library.js';
import { hashingEmbedder } from '../src/rag/hashing-embedder.js';

async function main(): Promise<void> {
  const out = resolve(process.argv[2] ?? DEMO_STORE_DIR);
  const work = mkdtempSync(join(tmpdir(), 'wd-store-'));
  const dir = join(work, 'pglite');
  const t0 = performance.now();
  const log = (s: string) => process.stderr.write(`${s} (${Math.round(performance.now() - t0)} ms)\n`);
  try {
    // The store the server opens, exactly (shared_buffers and all), so the files are what it writes.
    const db = await openPglite(dir);
    await migrate(db);
    const seed = await seedDemoData(db);
    log(`seeded ${JSON.stringify(seed.counts)}`);
    const lib = await seedDemoLibrary(db, { embedder: hashingEmbedder() });
    log(`library ${lib.documents} documents, ${lib.chunks} chunks`);
    // Paths of this machine mean nothing elsewhere: keep them relative to the checkout.
    await db.query(`UPDATE rag_documents SET source_path = regexp_replace(source_path, '^.*/(demo/library/)', '\\1') WHERE source_path IS NOT NULL`);
    await db.exec('VACUUM (FREEZE, ANALYZE)');
    await db.close();
    log('built');
    // Reopen with WAL recycling off: switch to a new segment and checkpoint, so one fresh segment is current.
    const pg = await PGlite.create(dir, { extensions: { vector }, startParams: [...PGlite.defaultStartParams, '-c', 'wal_recycle=off', '-c', 'shared_buffers=32MB'] });
    await pg.query('SELECT pg_switch_wal()');
    await pg.exec('CHECKPOINT');
    const seg = (await pg.query<{ f: string }>('SELECT pg_walfile_name(pg_current_wal_lsn()) AS f')).rows[0]!.f;
    await pg.close();
    log(`current WAL segment ${seg}`);
    const tar = packDir(dir, (rel, isDir) => {
      if (isDir) return true;
      if (/^pg_wal\/[0-9A-F]{24}$/.test(rel)) return rel === `pg_wal/${seg}`;
      return rel !== 'postmaster.pid' && rel !== 'postmaster.opts';
    });
    const packed = brotliCompressSync(tar, { params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_LGWIN]: 24, [constants.BROTLI_PARAM_SIZE_HINT]: tar.length } });
    mkdirSync(out, { recursive: true });
    writeFileSync(join(out, STORE_ARCHIVE), packed);
    const manifest: StoreManifest = { fingerprint: currentFingerprint(), sha256: sha256Hex(packed), bytes: packed.length };
    writeFileSync(join(out, STORE_MANIFEST), `${JSON.stringify(manifest, null, 2)}\n`);
    log(`wrote ${join(out, STORE_ARCHIVE)}: ${(tar.length / 1e6).toFixed(1)} MB → ${(packed.length / 1e6).toFixed(2)} MB`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exit(1);
});
