/**
 * The prebuilt embedded store (`demo/store/`): it matches this checkout (else the first
 * start silently takes the slow path — rebuild it with `npx tsx scripts/make-store-snapshot.ts`),
 * it unpacks into a store that is migrated, seeded and holds the library, and it is not
 * used where it does not fit.
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { afterAll, describe, expect, it } from 'vitest';
import { listMigrations } from './migrate.js';
import { openStoreReporting } from './open.js';
import { DEFAULT_CLIENTS, isSeeded, seedCounts } from './seed/seed.js';
import { currentFingerprint, DEMO_STORE_DIR, restoreStoreSnapshot, snapshotMismatch, STORE_MANIFEST, type StoreManifest } from './store-snapshot.js';
import { packDir, unpackTo, untarStream } from './tar.js';

const tmp = mkdtempSync(join(tmpdir(), 'wd-store-test-'));
afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('prebuilt demo store', () => {
  it('was built from this checkout: PGlite, migrations, seed sources and library unchanged since', () => {
    const m = JSON.parse(readFileSync(join(DEMO_STORE_DIR, STORE_MANIFEST), 'utf8')) as StoreManifest;
    // A difference here means: run `npx tsx scripts/make-store-snapshot.ts` and commit demo/store/.
    expect(m.fingerprint).toEqual(currentFingerprint());
    expect(snapshotMismatch()).toBeNull();
  });

  it('unpacks into an empty data directory as a migrated, seeded store with the library', async () => {
    const dataDir = join(tmp, 'data');
    const { db, snapshot } = await openStoreReporting({ dataDir, snapshotDir: DEMO_STORE_DIR });
    try {
      expect(snapshot).toMatchObject({ restored: true });
      expect(await isSeeded(db)).toBe(true);
      const applied = (await db.query<{ id: string }>('SELECT id FROM schema_migrations ORDER BY id')).rows.map((r) => r.id);
      expect(applied).toEqual(listMigrations().map((m) => m.id));
      const c = await seedCounts(db);
      expect([c.clients, c.advisors]).toEqual([DEFAULT_CLIENTS, 5]);
      const lib = (await db.query<{ docs: number; chunks: number; abs: number }>(
        "SELECT (SELECT count(*)::int FROM rag_documents) AS docs, (SELECT count(*)::int FROM rag_chunks) AS chunks, (SELECT count(*)::int FROM rag_documents WHERE source_path LIKE '/%') AS abs",
      )).rows[0]!;
      expect(lib.docs).toBeGreaterThan(50);
      expect(lib.chunks).toBeGreaterThan(lib.docs);
      expect(lib.abs).toBe(0); // no path of the machine that built it
      // It writes like any store.
      await db.query("INSERT INTO advisors (id, name, name_en, email) VALUES ('A999', '测试', 'Test', 't@example.com')");
    } finally {
      await db.close();
    }
    // A second open finds the database and leaves it alone.
    const again = await openStoreReporting({ dataDir, snapshotDir: DEMO_STORE_DIR });
    try {
      expect(again.snapshot).toMatchObject({ restored: false, reason: expect.stringMatching(/already holds/) });
      expect((await again.db.query("SELECT count(*)::int AS n FROM advisors WHERE id = 'A999'")).rows).toEqual([{ n: 1 }]);
    } finally {
      await again.db.close();
    }
  }, 120_000);

  it('is not used when the migrations differ from what it was built with, or when its archive is corrupt', async () => {
    const dir = join(tmp, 'store-copy');
    cpSync(DEMO_STORE_DIR, dir, { recursive: true });
    const m = JSON.parse(readFileSync(join(dir, STORE_MANIFEST), 'utf8')) as StoreManifest;
    writeFileSync(join(dir, STORE_MANIFEST), JSON.stringify({ ...m, fingerprint: { ...m.fingerprint, migrations: { ...m.fingerprint.migrations, '999_later': 'x' } } }));
    expect(snapshotMismatch(dir)).toMatch(/migrations changed/);
    expect(await restoreStoreSnapshot(join(tmp, 'unused'), dir)).toMatchObject({ restored: false });
    writeFileSync(join(dir, STORE_MANIFEST), JSON.stringify({ ...m, sha256: '0'.repeat(64) }));
    expect(await restoreStoreSnapshot(join(tmp, 'unused'), dir)).toMatchObject({ restored: false, reason: expect.stringMatching(/does not match/) });
    expect(existsSync(join(tmp, 'unused', 'PG_VERSION'))).toBe(false);
  });
});

describe('ustar pack / unpack', () => {
  it('round-trips a tree with nested directories, empty directories and long names', async () => {
    const src = join(tmp, 'tree');
    const long = `${'d'.repeat(80)}/${'e'.repeat(60)}`;
    cpSync(join(DEMO_STORE_DIR, STORE_MANIFEST), join(src, long, 'm.json'), { recursive: true });
    writeFileSync(join(src, 'a.bin'), Buffer.from([0, 1, 2, 255]));
    const tar = packDir(src);
    expect(packDir(src).equals(tar)).toBe(true); // deterministic
    const out = join(tmp, 'tree-out');
    expect(unpackTo(tar, out)).toBe(2);
    expect(readFileSync(join(out, 'a.bin'))).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(readFileSync(join(out, long, 'm.json'), 'utf8')).toBe(readFileSync(join(DEMO_STORE_DIR, STORE_MANIFEST), 'utf8'));
    // the streaming reader, fed in awkward chunk sizes, writes the same
    const streamed = join(tmp, 'tree-stream');
    const sink = untarStream(streamed);
    const chunks = [1, 511, 513, 7, 2048].flatMap((n, i, a) => (i === a.length - 1 ? [tar.subarray(a.slice(0, i).reduce((x, y) => x + y, 0))] : [tar.subarray(a.slice(0, i).reduce((x, y) => x + y, 0), a.slice(0, i + 1).reduce((x, y) => x + y, 0))]));
    await pipeline(Readable.from(chunks), sink);
    expect(sink.files).toBe(2);
    expect(readFileSync(join(streamed, 'a.bin'))).toEqual(Buffer.from([0, 1, 2, 255]));
    expect(readFileSync(join(streamed, long, 'm.json'), 'utf8')).toBe(readFileSync(join(DEMO_STORE_DIR, STORE_MANIFEST), 'utf8'));
  });

  it('refuses an entry that would leave the target directory', () => {
    const src = join(tmp, 'evil');
    writeFileSync(join(mkdtempSync(join(tmp, 'x')), 'f'), 'x');
    cpSync(join(DEMO_STORE_DIR, STORE_MANIFEST), join(src, 'zz', 'f'), { recursive: true });
    const tar = packDir(src);
    tar.write('../../escaped\0', 0, 'utf8'); // rename the first entry (directory "zz/")
    // fix the header checksum so only the path check can refuse it
    tar.write('        ', 148, 'ascii');
    let sum = 0;
    for (const b of tar.subarray(0, 512)) sum += b;
    tar.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
    expect(() => unpackTo(tar, join(tmp, 'evil-out'))).toThrow(/leaves the target/);
  });
});
