/**
 * A synthetic corpus for the RAG bench with realistic term statistics: a vocabulary of
 * 6,000 Chinese and 6,000 English pseudo-words drawn by a Zipf law (s = 1.07, as in
 * natural text), plus product names and codes, so document frequencies span from a few
 * chunks to most of them. Seeded: the same sizes give the same corpus and queries.
 */
const CJK = '基金债券利率风险收益净值申购赎回管理托管费率封闭开放期限持有分红派息指数增强稳健成长价值平衡消费科技医疗能源地产信用久期流动性波动回撤配置策略量化对冲期货宏观行业板块估值盈利现金存款理财保险信托资产负债市场政策货币财政通胀汇率美元港币人民币国债地方城投可转银行证券保险公募私募产业园高速公路清洁光伏风电数据中心仓储物流';
const SYL = ['ba', 'ce', 'di', 'fo', 'gu', 'ha', 'je', 'ki', 'lo', 'mu', 'na', 'pe', 'qi', 'ro', 'su', 'ta', 've', 'wi', 'xo', 'yu', 'za', 'ri', 'te', 'lan', 'mor', 'sen', 'tor', 'vel', 'dar', 'quin'];

export class Rng {
  constructor(private s: number) {}
  next(): number {
    this.s = (Math.imul(this.s, 1664525) + 1013904223) >>> 0;
    return this.s / 4294967296;
  }
  int(n: number): number {
    return Math.floor(this.next() * n);
  }
}

function vocabulary(rng: Rng, n: number, zh: boolean): string[] {
  const out = new Set<string>();
  for (let guard = 0; out.size < n && guard < n * 50; guard++) {
    if (zh) {
      const len = 2 + (rng.next() < 0.3 ? 1 : 0) + (rng.next() < 0.1 ? 1 : 0);
      out.add(Array.from({ length: len }, () => CJK[rng.int(CJK.length)]).join(''));
    } else {
      const len = 2 + rng.int(3);
      out.add(Array.from({ length: len }, () => SYL[rng.int(SYL.length)]).join(''));
    }
  }
  return [...out];
}

/** Sampler of ranks 0..n-1 with P(r) ∝ 1 / (r + 1)^s. */
function zipf(n: number, s = 1.07): (rng: Rng) => number {
  const cdf = new Float64Array(n);
  let acc = 0;
  for (let r = 0; r < n; r++) cdf[r] = acc += 1 / (r + 1) ** s;
  return (rng) => {
    const x = rng.next() * acc;
    let lo = 0;
    let hi = n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cdf[mid]! < x) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  };
}

export interface BenchCorpus {
  chunkText(i: number): string;
  /** Queries of 3–6 words taken from random chunks (so each has matches), half Chinese. */
  queries(n: number): string[];
}

export function benchCorpus(seed = 42, vocab = 6000): BenchCorpus {
  const rng = new Rng(seed);
  const zhV = vocabulary(rng, vocab, true);
  const enV = vocabulary(rng, vocab, false);
  const draw = zipf(vocab);
  const words = (i: number): string[] => {
    const r = new Rng(seed * 7919 + i);
    const zh = i % 2 === 0;
    const n = 60 + r.int(80);
    return Array.from({ length: n }, () => (zh ? zhV : enV)[draw(r)]!);
  };
  return {
    chunkText(i) {
      const zh = i % 2 === 0;
      const w = words(i);
      const name = zh ? `产品${i % 997}号` : `Product ${i % 997}`;
      if (zh) return `${name}：${w.map((x, j) => x + (j % 12 === 11 ? '。' : '，')).join('')}`;
      return `${name}: ${w.map((x, j) => x + (j % 12 === 11 ? '.' : '')).join(' ')}`;
    },
    queries(n) {
      const r = new Rng(seed + 1);
      return Array.from({ length: n }, () => {
        const w = words(r.int(100_000));
        const k = 3 + r.int(4);
        const start = r.int(w.length - k);
        return w.slice(start, start + k).join(' ');
      });
    },
  };
}
