import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Matrix, inverse } from 'ml-matrix';
import { afterAll, describe, expect, it } from 'vitest';
import { run } from './optimize.js';

const peers = resolve(process.cwd(), '../shared/data/peers');
const stocks = join(peers, 'ppo_stock_prices.csv');
const work = mkdtempSync(join(tmpdir(), 'wd-optimize-'));
afterAll(() => rmSync(work, { recursive: true, force: true }));

type Out = { weights: Record<string, number>; performance: { expectedReturn: number; volatility: number; sharpe: number }; frontier?: (Out['performance'] & { weights: Record<string, number> })[] };
const opt = async (...args: string[]) => (await run(['--prices', stocks, ...args])) as Out;
const failure = async (...args: string[]) => {
  try {
    await run(args);
  } catch (e) {
    return e as { code: string; message: string };
  }
  throw new Error(`expected ${args.join(' ')} to fail`);
};

function cli(...args: string[]): { code: number | null; out: Record<string, unknown>; lines: number } {
  const r = spawnSync('npx', ['tsx', 'src/cli/main.ts', 'optimize', ...args], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: JSON.parse(r.stdout) as Record<string, unknown>, lines: r.stdout.trim().split('\n').length };
}

// Independent inputs: PyPortfolioOpt 1.5.6's own mean_historical_return and sample_cov of the same prices.
const rd = (f: string) => readFileSync(join(peers, f), 'utf8').trim().split('\n');
const covLines = rd('ppo_sample_cov.csv');
const tickers = covLines[0]!.split(',').slice(1);
const sigma = covLines.slice(1).map((l) => l.split(',').slice(1).map(Number));
const muPpo = rd('ppo_mu_mean_historical.csv').slice(1).map((l) => Number(l.split(',')[1]));
const matrixFile = (f: string) => rd(f).slice(1).map((l) => l.split(',').slice(1).map(Number));
const vec = (w: Record<string, number>) => tickers.map((t) => w[t]!);
const sigmaTimes = (S: number[][], w: number[]) => S.map((r) => r.reduce((a, v, j) => a + v * w[j]!, 0));
const dotp = (a: number[], b: number[]) => a.reduce((s, v, i) => s + v * b[i]!, 0);

/** Long-only max-Sharpe optimality: (μ_i − rf) = c·(Σw)_i where w_i > 0 and ≤ where w_i = 0. */
function expectMaxSharpeKkt(o: Out, mu: number[], S: number[][], rf: number, tol = 1e-7) {
  const w = vec(o.weights);
  const Sw = sigmaTimes(S, w);
  const c = (dotp(w, mu) - rf) / dotp(w, Sw);
  for (let i = 0; i < w.length; i++) {
    if (w[i]! > 1e-9) expect(Math.abs(mu[i]! - rf - c * Sw[i]!)).toBeLessThan(tol);
    else expect(mu[i]! - rf).toBeLessThanOrEqual(c * Sw[i]! + tol);
  }
  expect(o.performance.expectedReturn).toBeCloseTo(dotp(w, mu), 10);
  expect(o.performance.volatility).toBeCloseTo(Math.sqrt(dotp(w, Sw)), 10);
}

/** Long-only min-variance optimality: (Σw)_i equal where w_i > 0 and not smaller where w_i = 0. */
function expectMinVarKkt(o: Out, S: number[][], tol = 1e-9) {
  const w = vec(o.weights);
  const Sw = sigmaTimes(S, w);
  const lam = dotp(w, Sw);
  for (let i = 0; i < w.length; i++) {
    if (w[i]! > 1e-9) expect(Math.abs(Sw[i]! - lam)).toBeLessThan(tol);
    else expect(Sw[i]!).toBeGreaterThanOrEqual(lam - tol);
  }
}

const sumW = (o: Out) => Object.values(o.weights).reduce((a, b) => a + b, 0);

describe('wealthdesk optimize (spawned: the dispatcher, stdout and exit codes)', () => {
  it('max-sharpe at rf 0.02 reproduces PyPortfolioOpt max_sharpe().portfolio_performance()', () => {
    const r = cli('--prices', stocks, '--objective', 'max-sharpe', '--risk-free-rate', '0.02', '--json');
    expect(r.code).toBe(0);
    expect(r.lines).toBe(1);
    const o = r.out as unknown as Out;
    const [ret, vol, sharpe] = [0.3047768672819914, 0.22165566922402932, 1.2847714127003216];
    expect(Math.abs(o.performance.expectedReturn - ret)).toBeLessThan(1e-7);
    expect(Math.abs(o.performance.volatility - vol)).toBeLessThan(1e-7);
    expect(Math.abs(o.performance.sharpe - sharpe)).toBeLessThan(1e-6);
    expect(Object.keys(o.weights)).toEqual(tickers);
    expectMaxSharpeKkt(o, muPpo, sigma, 0.02);
  });

  it('malformed CSV and an unknown flag print {"error":{code,message}} and exit 1', () => {
    const bad = join(work, 'ragged.csv');
    writeFileSync(bad, 'date,A,B\n2020-01-01,1,2\n2020-01-02,1.1\n');
    const a = cli('--prices', bad);
    expect(a.code).toBe(1);
    expect(a.out).toEqual({ error: { code: 'WD_ERR_BAD_CSV', message: expect.stringContaining('line 3') } });
    const b = cli('--prices', stocks, '--objective', 'min-volatility', '--bogus', '1');
    expect(b.code).toBe(1);
    expect(b.out).toEqual({ error: { code: 'WD_ERR_VALIDATION', message: expect.stringContaining('--bogus') } });
  });
});

describe('wealthdesk optimize (in process): every objective against PyPortfolioOpt or optimality conditions', () => {
  const rf = ['--risk-free-rate', '0.02'];
  const published: [string[], [number, number, number]][] = [
    [['--objective', 'min-volatility'], [0.15056821399482578, 0.15915084514118694, 0.8204054077060996]],
    [['--objective', 'efficient-risk', '--target-volatility', '0.19'], [0.2552422849133517, 0.1900000002876062, 1.2381172871434818]],
    [['--objective', 'efficient-return', '--target-return', '0.25'], [0.25, 0.18723269942026335, 1.2284179030274036]],
    [['--objective', 'max-utility', '--risk-aversion', '2'], [0.3677732711751504, 0.2921342197778279, 1.1904571516463793]],
    [['--objective', 'max-utility', '--weight-bounds=-1,1'], [1.4170505733098597, 1.0438577623242156, 1.3383533884915872]],
    [['--objective', 'efficient-risk', '--target-volatility', '0.19', '--weight-bounds=-1,1'], [0.30035471606347336, 0.1900000003049494, 1.4755511348079207]],
    [['--objective', 'max-sharpe', '--weight-bounds', 'none,none'], [0.4937195216716211, 0.29516576454651955, 1.6049270564945908]],
  ];
  for (const [args, [ret, vol, sharpe]] of published) {
    it(`${args.join(' ')} matches PyPortfolioOpt's test value`, async () => {
      const o = await opt(...args, ...rf);
      expect(sumW(o)).toBeCloseTo(1, 12);
      expect(Math.abs(o.performance.expectedReturn - ret)).toBeLessThan(1e-6);
      expect(Math.abs(o.performance.volatility - vol)).toBeLessThan(1e-6);
      expect(Math.abs(o.performance.sharpe - sharpe)).toBeLessThan(1e-5);
    });
  }

  it('min-volatility meets the min-variance optimality conditions on the published covariance', async () => {
    expectMinVarKkt(await opt('--objective', 'min-volatility'), sigma);
  });

  it('risk-parity equalizes risk contributions on the published covariance', async () => {
    const o = await opt('--objective', 'risk-parity');
    const w = vec(o.weights);
    const Sw = sigmaTimes(sigma, w);
    const v = dotp(w, Sw);
    for (let i = 0; i < w.length; i++) expect(Math.abs((w[i]! * Sw[i]!) / v - 1 / w.length)).toBeLessThan(1e-9);
    expect(o.performance.volatility).toBeCloseTo(Math.sqrt(v), 10);
  });

  it('hrp equals PyPortfolioOpt HRPOpt weights', async () => {
    const o = await opt('--objective', 'hrp');
    const want = Object.fromEntries(rd('ppo_weights_hrp.csv').slice(1).map((l) => [l.split(',')[0]!, Number(l.split(',')[1])]));
    expect(Object.keys(want).sort()).toEqual([...tickers].sort());
    for (const t of tickers) expect(Math.abs(o.weights[t]! - want[t]!)).toBeLessThan(1e-9);
  });

  // Black-Litterman, computed here with ml-matrix from the published covariance.
  const caps = Object.fromEntries(tickers.map((t, i) => [t, 10 + 7 * ((i * 13) % 11)]));
  const capsFile = join(work, 'caps.json');
  writeFileSync(capsFile, JSON.stringify(caps));
  function posterior(P: number[][], Q: number[], omegaDiag: (tauPSP: number) => number, tau = 0.05) {
    const S = new Matrix(sigma);
    const total = Object.values(caps).reduce((a, b) => a + b, 0);
    const wm = Matrix.columnVector(tickers.map((t) => caps[t]! / total));
    const pi = S.mmul(wm); // δ = 1, rf = 0
    const Pm = new Matrix(P);
    const tS = S.clone().mul(tau);
    const PtSPt = Pm.mmul(tS).mmul(Pm.transpose());
    const omega = Matrix.zeros(P.length, P.length);
    for (let k = 0; k < P.length; k++) omega.set(k, k, omegaDiag(PtSPt.get(k, k)));
    const A = inverse(PtSPt.clone().add(omega));
    const mu = pi.clone().add(tS.mmul(Pm.transpose()).mmul(A).mmul(Matrix.columnVector(Q).sub(Pm.mmul(pi))));
    const cov = S.clone().add(tS).sub(tS.mmul(Pm.transpose()).mmul(A).mmul(Pm).mmul(tS));
    return { mu: mu.getColumn(0), cov: cov.to2DArray() };
  }
  const e = (t: string) => tickers.map((x) => (x === t ? 1 : 0));

  it('black-litterman: --market-caps file and --views as a {"TICKER": return} object (He–Litterman Ω)', async () => {
    const o = await opt('--objective', 'black-litterman', '--market-caps', capsFile, '--views', '{"AAPL":0.12,"XOM":0.03}');
    const post = posterior([e('AAPL'), e('XOM')], [0.12, 0.03], (d) => d);
    expect(sumW(o)).toBeCloseTo(1, 12);
    expectMaxSharpeKkt(o, post.mu, post.cov, 0);
    // The same views as an array of absolute views: the same portfolio.
    const arr = await opt('--objective', 'black-litterman', '--market-caps', JSON.stringify(caps), '--views',
      JSON.stringify([{ type: 'absolute', asset: 'AAPL', return: 0.12 }, { type: 'absolute', asset: 'XOM', return: 0.03 }]));
    expect(arr).toEqual(o);
  });

  it('black-litterman: --views as an array with a relative view and confidences (Idzorek Ω)', async () => {
    const views = [
      { type: 'relative', long: ['AAPL'], short: ['XOM'], return: 0.05, confidence: 0.7 },
      { type: 'absolute', asset: 'JPM', return: 0.08, confidence: 0.4 },
    ];
    const viewsFile = join(work, 'views.json');
    writeFileSync(viewsFile, JSON.stringify(views));
    const o = await opt('--objective', 'black-litterman', '--market-caps', JSON.stringify(caps), '--views', viewsFile);
    const P = [e('AAPL').map((v, i) => v - e('XOM')[i]!), e('JPM')];
    const conf = [0.7, 0.4];
    let k = -1;
    const post = posterior(P, [0.05, 0.08], (d) => {
      k++;
      return (d * (1 - conf[k]!)) / conf[k]!;
    });
    expectMaxSharpeKkt(o, post.mu, post.cov, 0);
  });

  it('--frontier N: N points from the minimum-volatility to the maximum-return portfolio', async () => {
    const o = await opt('--objective', 'max-sharpe', '--frontier', '12', ...rf);
    const f = o.frontier!;
    expect(f).toHaveLength(12);
    expect(Math.abs(f[0]!.volatility - 0.15915084514118694)).toBeLessThan(1e-7);
    expect(Math.abs(f[11]!.expectedReturn - Math.max(...muPpo))).toBeLessThan(1e-9);
    for (let i = 1; i < f.length; i++) {
      expect(f[i]!.expectedReturn).toBeGreaterThan(f[i - 1]!.expectedReturn);
      expect(f[i]!.volatility).toBeGreaterThan(f[i - 1]!.volatility);
    }
    for (const p of f) {
      expect(p.sharpe).toBeLessThanOrEqual(o.performance.sharpe + 1e-12);
      expect(Object.values(p.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(1, 9);
    }
  });

  it('--returns mean-arithmetic uses the mean daily return × 252 over each asset\'s own observations', async () => {
    const lines = readFileSync(stocks, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
    const mu = tickers.map((t) => {
      const j = readFileSync(stocks, 'utf8').split('\n')[0]!.split(',').indexOf(t);
      let s = 0;
      let n = 0;
      for (let r = 1; r < lines.length; r++) {
        const a = lines[r - 1]![j]!;
        const b = lines[r]![j]!;
        if (a !== '' && b !== '') {
          s += Number(b) / Number(a) - 1;
          n++;
        }
      }
      return (s / n) * 252;
    });
    const o = await opt('--objective', 'max-sharpe', '--returns', 'mean-arithmetic', ...rf);
    expectMaxSharpeKkt(o, mu, sigma, 0.02);
  });

  it('--cov ledoit-wolf is PyPortfolioOpt\'s ledoit_wolf(); --cov exp, --returns ema and capm give other valid portfolios', async () => {
    const lw = matrixFile('ppo_ledoit_wolf_constant_variance_cov.csv');
    const o = await opt('--objective', 'min-volatility', '--cov', 'ledoit-wolf');
    expectMinVarKkt(o, lw);
    const base = await opt('--objective', 'max-sharpe');
    for (const args of [['--cov', 'exp'], ['--returns', 'ema'], ['--returns', 'capm']]) {
      const v = await opt('--objective', 'max-sharpe', ...args);
      expect(sumW(v)).toBeCloseTo(1, 12);
      expect(Object.values(v.weights).every((x) => x >= -1e-12 && x <= 1 + 1e-12)).toBe(true);
      expect(v.weights).not.toEqual(base.weights);
    }
  });
});

describe('wealthdesk optimize (in process): errors name the cause', () => {
  const csv = (name: string, text: string) => {
    const f = join(work, name);
    writeFileSync(f, text);
    return f;
  };
  it('fewer than two assets, NaN and negative prices, malformed CSV', async () => {
    const one = csv('one.csv', 'date,A\n2020-01-01,1\n2020-01-02,1.1\n2020-01-03,1.2\n');
    expect(await failure('--prices', one)).toMatchObject({ code: 'WD_ERR_QUANT_INPUT', message: expect.stringMatching(/two assets/) });
    const nan = csv('nan.csv', 'date,A,B\n2020-01-01,1,2\n2020-01-02,1.1,NaN\n2020-01-03,1.2,2.1\n');
    expect(await failure('--prices', nan)).toMatchObject({ code: 'WD_ERR_QUANT_INPUT', message: expect.stringMatching(/B on 2020-01-02/) });
    const neg = csv('neg.csv', 'date,A,B\n2020-01-01,1,2\n2020-01-02,1.1,-2\n2020-01-03,1.2,2.1\n');
    expect(await failure('--prices', neg)).toMatchObject({ code: 'WD_ERR_QUANT_INPUT', message: expect.stringMatching(/positive/) });
    const bad = csv('bad-date.csv', 'date,A,B\nyesterday,1,2\n2020-01-02,1.1,2.1\n');
    expect(await failure('--prices', bad)).toMatchObject({ code: 'WD_ERR_BAD_CSV' });
  });

  it('infeasible targets', async () => {
    expect(await failure('--prices', stocks, '--objective', 'efficient-return', '--target-return', '0.9')).toMatchObject({
      code: 'WD_ERR_INFEASIBLE',
      message: expect.stringMatching(/maximum achievable 0\.3886/),
    });
    expect(await failure('--prices', stocks, '--objective', 'efficient-risk', '--target-volatility', '0.05')).toMatchObject({
      code: 'WD_ERR_INFEASIBLE',
      message: expect.stringMatching(/minimum achievable 0\.1591/),
    });
    expect(await failure('--prices', stocks, '--weight-bounds', '0,0.02')).toMatchObject({ code: 'WD_ERR_INFEASIBLE' });
  });

  it('a singular covariance (a duplicated series with unbounded weights, a constant price) names the asset', async () => {
    const rows = readFileSync(stocks, 'utf8').trim().split('\n').map((l) => {
      const c = l.split(',');
      return [...c, c[0] === 'date' ? 'WMT2' : c[8]].join(',');
    });
    const dup = csv('dup.csv', `${rows.join('\n')}\n`);
    expect(await failure('--prices', dup, '--objective', 'min-volatility', '--weight-bounds', 'none,none')).toMatchObject({
      code: 'WD_ERR_SINGULAR_COVARIANCE',
      message: expect.stringMatching(/WMT2.*WMT/),
    });
    const flat = csv('flat.csv', 'date,A,B,C\n2020-01-01,1,2,5\n2020-01-02,1.1,2,5.5\n2020-01-03,1.2,2,5.4\n2020-01-04,1.1,2,5.7\n');
    expect(await failure('--prices', flat, '--objective', 'min-volatility')).toMatchObject({ code: expect.stringMatching(/SINGULAR|QUANT_INPUT/), message: expect.stringMatching(/B|constant/) });
  });

  it('bad flags: unknown objective, missing targets, bad numbers and bounds, unknown estimators, bad JSON', async () => {
    const cases: [string[], RegExp][] = [
      [['--objective', 'max-fun'], /Unknown --objective/],
      [['--objective', 'efficient-risk'], /needs --target-volatility/],
      [['--objective', 'efficient-return'], /needs --target-return/],
      [['--risk-free-rate', 'abc'], /--risk-free-rate must be a number/],
      [['--weight-bounds', '1'], /--weight-bounds/],
      [['--returns', 'median'], /Unknown --returns/],
      [['--cov', 'robust'], /Unknown --cov/],
      [['--objective', 'black-litterman', '--views', '{oops'], /--views/],
      [['--frontier', '1'], /frontier/],
    ];
    for (const [args, msg] of cases) {
      const err = await failure('--prices', stocks, ...args);
      expect(err.message, args.join(' ')).toMatch(msg);
      expect(err.code, args.join(' ')).toMatch(/^WD_ERR_/);
    }
    expect(await failure()).toMatchObject({ code: 'WD_ERR_VALIDATION', message: expect.stringMatching(/--prices/) });
    expect(await failure('--prices', join(work, 'missing.csv'))).toMatchObject({ message: expect.stringMatching(/not found/) });
  });
});

describe('--l2-gamma, --market-neutral, --cov semicovariance (PyPortfolioOpt tests/test_efficient_frontier.py)', () => {
  type Out = { weights: Record<string, number>; performance: { expectedReturn: number; volatility: number; sharpe: number } };
  it('test_min_volatility_L2_reg: gamma 1 gives (0.17356099, 0.19552541, 0.78537614) at rf 0.02', async () => {
    const r = (await run(['--prices', stocks, '--objective', 'min-volatility', '--l2-gamma', '1', '--risk-free-rate', '0.02'])) as Out;
    expect(r.performance.expectedReturn).toBeCloseTo(0.17356099329164965, 8);
    expect(r.performance.volatility).toBeCloseTo(0.1955254118258614, 8);
  });

  it('test_efficient_risk_market_neutral: weights sum to 0 and volatility is the target', async () => {
    const r = (await run(['--prices', stocks, '--objective', 'efficient-risk', '--target-volatility', '0.21', '--weight-bounds=-1,1', '--market-neutral'])) as Out;
    expect(Object.values(r.weights).reduce((a, b) => a + b, 0)).toBeCloseTo(0, 9);
    expect(r.performance.expectedReturn).toBeCloseTo(0.28640632960825885, 6);
    expect(r.performance.volatility).toBeCloseTo(0.21, 8);
  });

  it('--cov semicovariance is accepted; --market-neutral without shorting is a validation error', async () => {
    const r = (await run(['--prices', stocks, '--objective', 'min-volatility', '--cov', 'semicovariance'])) as Out;
    expect(r.performance.volatility).toBeGreaterThan(0);
    await expect(run(['--prices', stocks, '--objective', 'efficient-return', '--target-return', '0.2', '--market-neutral'])).rejects.toThrow(/negative lower weight bounds/);
  });
});
