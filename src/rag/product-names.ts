/**
 * Product slots: product names (zh/en, with or without the share-class and type
 * suffixes) and codes named in a message, resolved to product ids, in the order they
 * appear. The catalog feeds the planner through {@link catalogProducts}.
 */
import { A_SHARES, HK_SHARES, INDICES, PRODUCTS, US_SHARES } from '../db/seed/catalog.js';

export interface ProductName {
  id: string;
  names: string[];
}

const squash = (s: string) => s.toLowerCase().replace(/[\s()（）\-_.·,，]/g, '');

const EN_TAIL = new Set(['a', 'c', 'fund', '(qdii)', 'qdii', 'class', 'usd', 'index', 'equity', 'bond', 'hybrid', 'money', 'market', 'private', 'securities', 'etf', 'feeder']);
const ZH_TYPE = /(股票|债券|混合|货币|指数|私募证券投资基金|etf联接)$/;
const ZH_ISSUER = /^([\u4e00-\u9fff]{2}理财|[\u4e00-\u9fff]{2})/;

/** Names a client may use for a product: the full name and its shorter forms (no class/type suffix, no issuer). */
export function aliases(names: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of names) {
    const full = squash(raw);
    if (!full) continue;
    out.add(full);
    if (/[\u4e00-\u9fff]/.test(raw)) {
      const base = full.replace(/(qdii)?(a|c|美元现汇)$/, '').replace(/qdii/, '');
      const core = base.replace(ZH_TYPE, '');
      for (const a of [base, core, core.replace(ZH_ISSUER, ''), base.replace(ZH_ISSUER, '')]) if (a.length >= 4) out.add(a);
    } else {
      const words = raw.toLowerCase().replace(/\s+no\.?\s*\d+$/, '').split(/\s+/);
      if (words.length >= 2) out.add(squash(words.join(' ')));
      for (let k = words.length - 1; k >= 2; k--) {
        if (!EN_TAIL.has(words[k])) break;
        out.add(squash(words.slice(0, k).join(' ')));
      }
    }
  }
  return [...out].filter((a) => a.length >= 4);
}

interface Index {
  id: string;
  codes: string[];
  aliases: string[];
}

const cache = new WeakMap<readonly ProductName[], Index[]>();

function indexOf(products: readonly ProductName[]): Index[] {
  let idx = cache.get(products);
  if (!idx) {
    idx = products.map((p) => ({ id: p.id, codes: codesOf(p.id), aliases: aliases(p.names).sort((a, b) => b.length - a.length) }));
    cache.set(products, idx);
  }
  return idx;
}

/** Product ids named in `text` (names or codes), first mention first, without duplicates. */
export function productsIn(text: string, products: readonly ProductName[] | undefined): string[] {
  if (!products || products.length === 0) return [];
  const n = squash(text);
  const lower = text.toLowerCase();
  const hits: { at: number; len: number; id: string }[] = [];
  for (const p of indexOf(products)) {
    let best: { at: number; len: number } | undefined;
    for (const code of p.codes) {
      const at = findCode(lower, code);
      if (at >= 0 && (!best || code.length > best.len)) best = { at: squash(lower.slice(0, at)).length, len: squash(code).length };
    }
    for (const a of p.aliases) {
      const at = n.indexOf(a);
      if (at >= 0 && (!best || a.length > best.len)) best = { at, len: a.length };
    }
    if (best) hits.push({ ...best, id: p.id });
  }
  // A name found inside another product's longer match does not count twice.
  hits.sort((a, b) => b.len - a.len);
  const kept: typeof hits = [];
  for (const h of hits) if (!kept.some((k) => h.at >= k.at && h.at + h.len <= k.at + k.len)) kept.push(h);
  return kept.sort((a, b) => a.at - b.at).map((h) => h.id);
}

/** The code and, for listed codes like 180203.SZ, the bare number. */
function codesOf(id: string): string[] {
  const c = id.toLowerCase();
  const bare = /^(\d{6})\.[a-z]{2}$/.exec(c)?.[1];
  return bare ? [c, bare] : [c];
}

/** Index of `code` in `s` standing alone (not inside a longer code or word), or -1. */
function findCode(s: string, code: string): number {
  let at = s.indexOf(code);
  while (at >= 0) {
    const before = s[at - 1] ?? '';
    const after = s[at + code.length] ?? '';
    if (!/[0-9a-z.-]/.test(before) && !/[0-9a-z]/.test(after) && !(after === '.' && /[a-z]/.test(s[at + code.length + 1] ?? ''))) return at;
    at = s.indexOf(code, at + 1);
  }
  return -1;
}

let catalog: ProductName[] | undefined;
let listed: { stocks: ProductName[]; indices: ProductName[] } | undefined;

/** Stocks (ticker → names) and benchmark indices of the demo catalog, built once. */
export function catalogInstruments(): { stocks: readonly ProductName[]; indices: readonly ProductName[] } {
  listed ??= {
    stocks: [...A_SHARES, ...HK_SHARES, ...US_SHARES].map((i) => ({ id: i.id, names: [i.name, i.nameEn, ...stockShortNames(i.name, i.nameEn), ...(STOCK_ALIASES[i.id] ?? [])] })),
    indices: INDICES.map((i) => ({ id: i.id, names: [i.name, i.nameEn, i.nameEn.replace(/ Index$/, '')] })),
  };
  return listed;
}

/** Names people use for listed stocks that no rule derives from the listed names. */
const STOCK_ALIASES: Record<string, string[]> = {
  '600519.SH': ['茅台', 'Moutai'], '601398.SH': ['工行'], '600036.SH': ['招行'], '300750.SZ': ['宁德'], '601318.SH': ['平安'],
  '0388.HK': ['港交所', 'HKEX'], '2318.HK': ['平安H股', '中国平安H', 'Ping An H'], '9988.HK': ['阿里', 'Alibaba'], 'GOOGL': ['Google', '谷歌'],
  'META': ['Facebook'], 'BRK.B': ['Berkshire', '伯克希尔'], 'JNJ': ['J&J'], 'XOM': ['Exxon'], 'JPM': ['JPMorgan', 'JP Morgan', '小摩'], 'KO': ['Coke', '可口可乐'],
};

const CORPORATE = /\s+(holdings|group|platforms|class [ab]|insurance|information|electric appliances|green energy|yibin|\(h\))$/i;

/** Short forms that are also everyday words ("完美的"). */
const AMBIGUOUS_ZH = new Set(['美的']);

/** Short forms of a stock's names: "Tencent" for Tencent Holdings, "腾讯" for 腾讯控股, "阿里巴巴" for 阿里巴巴-W. */
function stockShortNames(name: string, nameEn: string): string[] {
  const out: string[] = [];
  const zh = name.replace(/-[A-Z]+$/, '');
  if (zh !== name) out.push(zh);
  const core = zh.replace(/(控股|集团)$/, '');
  if (core !== zh && core.length >= 2 && !AMBIGUOUS_ZH.has(core)) out.push(core);
  let en = nameEn;
  for (let prev = ''; prev !== en; ) {
    prev = en;
    en = en.replace(CORPORATE, '');
  }
  if (en !== nameEn && en.length >= 3) out.push(en);
  return out;
}

/** Instruments named in full (name or code) in `text`, first mention first. */
export function namedInstruments(text: string, list: readonly ProductName[]): string[] {
  const t = text.toLowerCase().replace(/-/g, ' ');
  const hits: { at: number; id: string }[] = [];
  for (const i of list) {
    let at = -1;
    for (const n of [i.id, ...i.names]) {
      const k = n.toLowerCase().replace(/-/g, ' ');
      if (k.length < 2) continue;
      const re = /[\u4e00-\u9fff]/.test(k) ? new RegExp(k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')) : new RegExp(`(?<![a-z0-9])${k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9])`);
      const m = re.exec(t);
      if (m && (at < 0 || m.index < at)) at = m.index;
    }
    if (at >= 0) hits.push({ at, id: i.id });
  }
  return hits.sort((a, b) => a.at - b.at).map((h) => h.id);
}

/** The demo catalog's products (names zh/en and codes), built once. */
export function catalogProducts(): readonly ProductName[] {
  catalog ??= PRODUCTS.map((p) => ({ id: p.id, names: [p.name, p.nameEn] }));
  return catalog;
}

const GENERIC_EN = new Set(['fund', 'a', 'c', 'class', 'the', 'of', 'and', 'no', 'no.1', 'no.2', 'no.3', 'index', 'usd', 'qdii', 'feeder', 'etf', 'one', 'product', 'products', 'securities', 'private', 'year', 'years', 'month', 'months', 'day', 'days', 'us', 'hk', 'china', 'global', 'new', 'plus', 'select', 'steady', 'income', 'growth', 'value', 'holding', 'period', 'open', 'daily', 'equity', 'stock']);
const GENERIC_ZH = /基金|债券|股票|混合|指数|理财|产品|私募|证券|投资|联接|持有期|号$/g;

/** Distinctive words of a product name: English words of 2+ letters not generic; Chinese two-character pieces outside generic words. */
function nameWords(name: string): { brand: string; words: string[]; tri: string[] } {
  if (/[\u4e00-\u9fff]/.test(name)) {
    const core = name.replace(/\(.*?\)|（.*?）/g, '').replace(/[A-Za-z0-9]+$/, '');
    const brand = core.slice(0, 2);
    const rest = core.slice(2).replace(GENERIC_ZH, ' ');
    const words: string[] = [];
    const tri: string[] = [];
    // Latin words inside a Chinese name ("CTA", "ESG") count as words too.
    for (const w of rest.match(/[A-Za-z]{2,}/g) ?? []) words.push(w.toLowerCase());
    for (const part of rest.replace(/[A-Za-z0-9]+/g, ' ').split(/\s+/)) {
      for (let i = 0; i + 2 <= part.length; i += 2) words.push(part.slice(i, i + 2));
      // three characters in a row ("美元债", "纳斯达"): a word of the name whatever the two-character cut
      for (let i = 0; i + 3 <= part.length; i++) tri.push(part.slice(i, i + 3));
    }
    return { brand, words: words.filter((w) => w.length >= 2), tri };
  }
  const toks = name.toLowerCase().replace(/[()]/g, ' ').replace(/-/g, ' ').split(/\s+/).filter(Boolean);
  return { brand: toks[0] ?? '', words: toks.slice(1).filter((t) => !GENERIC_EN.has(t) && t.length >= 2), tri: [] };
}

const PRODUCT_WORD = /基金|产品|理财|\b(fund|product|etf)s?\b/;
const rareCache = new WeakMap<readonly ProductName[], Set<string>>();

/** Distinctive name words that only one product of the list has. */
function rareWords(products: readonly ProductName[]): Set<string> {
  const hit = rareCache.get(products);
  if (hit) return hit;
  const df = new Map<string, Set<string>>();
  for (const p of products) for (const n of p.names) for (const w of [...nameWords(n).words, ...nameWords(n).tri]) df.set(w, (df.get(w) ?? new Set()).add(p.id));
  const out = new Set([...df].filter(([, ids]) => ids.size === 1).map(([w]) => w));
  rareCache.set(products, out);
  return out;
}

/**
 * Products named by a short form no alias covers: "the Qingsong 90-day one", "Yuanlan
 * multi-strategy", "景和短债". Over the whole catalog the brand (first word / first two
 * characters) and at least one more distinctive word must appear; over `among` (the
 * products in focus or held) one distinctive word is enough; with a word for a product ("the
 * nasdaq fund"), a name word no other product has is enough too (`rare`: a good guess, not a
 * name). Only a unique best match counts; `score` is how many words of the name matched.
 */
export function productsByNameWordsScored(text: string, products: readonly ProductName[] | undefined, among?: readonly string[]): { ids: string[]; score: number; rare?: boolean } {
  if (!products || products.length === 0) return { ids: [], score: 0 };
  const t = text.toLowerCase();
  const hasWord = (w: string) => (/[\u4e00-\u9fff]/.test(w) ? t.includes(w) : new RegExp(`(?<![a-z0-9])${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(?![a-z0-9])`).test(t));
  const scored: { id: string; score: number; rare?: boolean }[] = [];
  // "the nasdaq fund": a word only one product's name has, with a word for a product, names it without the brand.
  const rare = !among && PRODUCT_WORD.test(t) ? rareWords(products) : undefined;
  for (const p of products) {
    if (among && !among.includes(p.id)) continue;
    let best = 0;
    let byRare = false;
    for (const n of p.names) {
      const { brand, words, tri } = nameWords(n);
      const brandHit = brand.length >= 2 && hasWord(brand);
      const hits = new Set(words.filter(hasWord)).size;
      // a rare three-character run of a Chinese name ("美元债那只") counts as two rare words
      const unique = rare
        ? new Set(words.filter((w) => rare.has(w) && (/[\u4e00-\u9fff]/.test(w) || w.length >= 4) && hasWord(w))).size + 2 * new Set(tri.filter((w) => rare.has(w) && hasWord(w))).size
        : 0;
      const zhName = /[\u4e00-\u9fff]/.test(n);
      const score = among ? hits + (brandHit ? 1 : 0) : brandHit && hits >= 1 ? hits + 1 : unique >= (zhName ? 2 : 1) ? unique : 0;
      if (score > best) byRare = !among && !(brandHit && hits >= 1);
      best = Math.max(best, score);
    }
    if (best > 0) scored.push({ id: p.id, score: best, rare: byRare });
  }
  scored.sort((a, b) => b.score - a.score);
  return scored.length > 0 && (scored.length === 1 || scored[0].score > scored[1].score) ? { ids: [scored[0].id], score: scored[0].score, ...(scored[0].rare ? { rare: true } : {}) } : { ids: [], score: 0 };
}
