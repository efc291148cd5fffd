/**
 * A minimal ustar archive of a directory tree (regular files and directories only), enough
 * to ship a prebuilt PGlite data directory and unpack it with Node alone: no `tar`
 * binary, no dependency. Entries are sorted and carry mtime 0, so the same tree packs to
 * the same bytes. The output reads with any `tar`.
 */
import { closeSync, mkdirSync, openSync, readdirSync, readFileSync, statSync, writeFileSync, writeSync } from 'node:fs';
import { Writable } from 'node:stream';
import { dirname, join, posix, relative, resolve, sep } from 'node:path';

const BLOCK = 512;

function octal(n: number, width: number): string {
  return `${n.toString(8).padStart(width - 1, '0')}\0`;
}

function header(name: string, size: number, mode: number, type: '0' | '5'): Buffer {
  const h = Buffer.alloc(BLOCK);
  let prefix = '';
  let base = name;
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', 155);
    prefix = name.slice(0, cut);
    base = name.slice(cut + 1);
    if (cut <= 0 || Buffer.byteLength(base) > 100 || Buffer.byteLength(prefix) > 155) throw new Error(`path too long for ustar: ${name}`);
  }
  h.write(base, 0, 100, 'utf8');
  h.write(octal(mode & 0o7777, 8), 100, 'ascii');
  h.write(octal(0, 8), 108, 'ascii'); // uid
  h.write(octal(0, 8), 116, 'ascii'); // gid
  h.write(octal(size, 12), 124, 'ascii');
  h.write(octal(0, 12), 136, 'ascii'); // mtime
  h.write('        ', 148, 'ascii'); // checksum placeholder
  h.write(type, 156, 'ascii');
  h.write('ustar\0', 257, 'ascii');
  h.write('00', 263, 'ascii');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii');
  return h;
}

/** Packs the tree under `dir` (paths relative to it, `/`-separated); `keep` filters entries by relative path. */
export function packDir(dir: string, keep: (rel: string, isDir: boolean) => boolean = () => true): Buffer {
  const parts: Buffer[] = [];
  const walk = (abs: string) => {
    for (const name of readdirSync(abs).sort()) {
      const p = join(abs, name);
      const rel = relative(dir, p).split(sep).join('/');
      const st = statSync(p);
      if (st.isDirectory()) {
        if (!keep(rel, true)) continue;
        parts.push(header(`${rel}/`, 0, st.mode, '5'));
        walk(p);
      } else if (st.isFile()) {
        if (!keep(rel, false)) continue;
        const data = readFileSync(p);
        parts.push(header(rel, data.length, st.mode, '0'), data);
        const pad = (BLOCK - (data.length % BLOCK)) % BLOCK;
        if (pad) parts.push(Buffer.alloc(pad));
      }
    }
  };
  walk(dir);
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

function field(h: Buffer, at: number, len: number): string {
  const s = h.subarray(at, at + len);
  const end = s.indexOf(0);
  return s.subarray(0, end < 0 ? len : end).toString('utf8');
}

interface Entry {
  type: '0' | '5';
  target: string;
  size: number;
  mode: number;
}

/** Reads one header block: the entry, or null at the end-of-archive block. Checks the checksum and the path. */
function readHeader(h: Buffer, root: string, offset: number): Entry | null {
  if (h.every((b) => b === 0)) return null;
  let sum = 0;
  for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i]!;
  if (sum !== parseInt(field(h, 148, 8).trim(), 8)) throw new Error(`archive header checksum mismatch at byte ${offset}`);
  const prefix = field(h, 345, 155);
  const name = (prefix ? `${prefix}/` : '') + field(h, 0, 100);
  const type = String.fromCharCode(h[156] || 48);
  if (type !== '0' && type !== '5') throw new Error(`unsupported archive entry type ${type} for ${name}`);
  const target = resolve(root, ...posix.normalize(name).split('/').filter(Boolean));
  if (target !== root && !target.startsWith(root + sep)) throw new Error(`archive entry leaves the target directory: ${name}`);
  return { type, target, size: parseInt(field(h, 124, 12).trim() || '0', 8), mode: parseInt(field(h, 100, 8).trim() || '644', 8) };
}

/** Unpacks a ustar archive (as written by {@link packDir}) into `dir`; returns the files written. Refuses paths that leave `dir`. */
export function unpackTo(tar: Buffer, dir: string): number {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true });
  let files = 0;
  for (let at = 0; at + BLOCK <= tar.length; ) {
    const e = readHeader(tar.subarray(at, at + BLOCK), root, at);
    at += BLOCK;
    if (!e) break;
    if (e.type === '5') mkdirSync(e.target, { recursive: true, mode: e.mode });
    else {
      mkdirSync(dirname(e.target), { recursive: true });
      writeFileSync(e.target, tar.subarray(at, at + e.size), { mode: e.mode });
      files++;
    }
    at += Math.ceil(e.size / BLOCK) * BLOCK;
  }
  return files;
}

/**
 * {@link unpackTo} as a stream sink: the archive is written to disk as it arrives (e.g.
 * from a decompressor), so it is never whole in memory. `files` counts what was written.
 */
export function untarStream(dir: string): Writable & { files: number } {
  const root = resolve(dir);
  mkdirSync(root, { recursive: true });
  let buf: Buffer = Buffer.alloc(0);
  let offset = 0;
  /** The file being written: its descriptor until its data is in, then the padding to skip. */
  let cur: { fd?: number; dataLeft: number; padLeft: number } | undefined;
  let ended = false;
  const take = (n: number) => {
    buf = buf.subarray(n);
    offset += n;
  };
  const sink = new Writable({
    write(chunk: Buffer, _enc, done) {
      try {
        buf = buf.length ? Buffer.concat([buf, chunk]) : chunk;
        while (!ended) {
          if (cur) {
            if (cur.dataLeft > 0) {
              const n = Math.min(cur.dataLeft, buf.length);
              if (n === 0) break;
              writeSync(cur.fd!, buf, 0, n);
              take(n);
              cur.dataLeft -= n;
              if (cur.dataLeft > 0) break;
            }
            if (cur.fd !== undefined) {
              closeSync(cur.fd);
              cur.fd = undefined;
            }
            if (cur.padLeft > 0) {
              const n = Math.min(cur.padLeft, buf.length);
              take(n);
              cur.padLeft -= n;
              if (cur.padLeft > 0) break;
            }
            cur = undefined;
          }
          if (buf.length < BLOCK) break;
          const e = readHeader(buf.subarray(0, BLOCK), root, offset);
          take(BLOCK);
          if (!e) {
            ended = true;
            break;
          }
          if (e.type === '5') {
            mkdirSync(e.target, { recursive: true, mode: e.mode });
            continue;
          }
          mkdirSync(dirname(e.target), { recursive: true });
          sink.files++;
          cur = { fd: openSync(e.target, 'w', e.mode), dataLeft: e.size, padLeft: (BLOCK - (e.size % BLOCK)) % BLOCK };
        }
        done();
      } catch (err) {
        if (cur?.fd !== undefined) closeSync(cur.fd);
        done(err as Error);
      }
    },
    final(done) {
      if (cur?.fd !== undefined) closeSync(cur.fd);
      done(cur && cur.dataLeft > 0 ? new Error('archive ends inside an entry') : null);
    },
  }) as Writable & { files: number };
  sink.files = 0;
  return sink;
}
