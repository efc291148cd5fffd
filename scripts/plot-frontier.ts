/**
 * Draws the efficient frontier of a price table as a self-contained SVG (no plotting
 * library): the long-only frontier, the minimum-volatility and maximum-Sharpe portfolios,
 * each asset on its own, and the capital market line from the risk-free rate through the
 * maximum-Sharpe portfolio. Everything plotted is computed by `src/quant/` with the same
 * defaults as `wealthdesk optimize` (CAGR expected returns, pairwise sample covariance × 252).
 *
 *   npx tsx scripts/plot-frontier.ts [--prices <csv>] [--risk-free-rate 0.02] [--out docs/efficient-frontier.svg]
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { meanHistoricalReturn } from '../src/quant/expected-returns.js';
import { efficientFrontier, optimize } from '../src/quant/optim/index.js';
import { parsePriceCsv } from '../src/quant/price-table.js';
import { sampleCov } from '../src/quant/risk-models.js';

const { values } = parseArgs({
  options: {
    prices: { type: 'string', default: resolve(process.cwd(), '../shared/data/peers/ppo_stock_prices.csv') },
    'risk-free-rate': { type: 'string', default: '0.02' },
    out: { type: 'string', default: 'docs/efficient-frontier.svg' },
    points: { type: 'string', default: '80' },
  },
});
const rf = Number(values['risk-free-rate']);
const table = parsePriceCsv(readFileSync(values.prices!, 'utf8'));
const mu = meanHistoricalReturn(table);
const cov = sampleCov(table);
const { tickers } = table;
const problem = { mu, cov, tickers, riskFreeRate: rf };
const frontier = efficientFrontier(problem, Number(values.points)).points;
const minVol = optimize({ ...problem, objective: 'min-volatility' });
const maxSharpe = optimize({ ...problem, objective: 'max-sharpe' });
const assets = tickers.map((t, i) => ({ t, vol: Math.sqrt(cov[i]![i]!), ret: mu[i]! }));

// Plot area and scales (volatility on x, expected return on y, both in percent).
const W = 900;
const H = 600;
const m = { l: 80, r: 30, t: 60, b: 70 };
const xMax = Math.ceil((Math.max(...assets.map((a) => a.vol)) * 1.05) * 20) / 20;
const yMin = Math.min(0, Math.floor(Math.min(...assets.map((a) => a.ret), rf) * 20) / 20);
const yMax = Math.ceil(Math.max(...assets.map((a) => a.ret)) * 1.1 * 20) / 20;
const x = (v: number) => m.l + (v / xMax) * (W - m.l - m.r);
const y = (r: number) => H - m.b - ((r - yMin) / (yMax - yMin)) * (H - m.t - m.b);
const f = (v: number) => v.toFixed(1);
const pct = (v: number) => `${(v * 100).toFixed(0)}%`;
const esc = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

const parts: string[] = [];
parts.push(`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${H}" viewBox="0 0 ${W} ${H}" font-family="Helvetica, Arial, sans-serif" font-size="12">`);
parts.push(`<rect width="${W}" height="${H}" fill="#ffffff"/>`);
parts.push(`<text x="${W / 2}" y="28" text-anchor="middle" font-size="18" font-weight="bold">Efficient frontier — ${tickers.length} US stocks (PyPortfolioOpt test prices), long-only</text>`);
parts.push(`<text x="${W / 2}" y="47" text-anchor="middle" fill="#555">expected return = CAGR, covariance = pairwise sample × 252, risk-free rate ${pct(rf)}</text>`);
// Grid and ticks.
for (let v = 0; v <= xMax + 1e-9; v += 0.05) {
  parts.push(`<line x1="${f(x(v))}" y1="${m.t}" x2="${f(x(v))}" y2="${H - m.b}" stroke="#e5e5e5"/>`);
  parts.push(`<text x="${f(x(v))}" y="${H - m.b + 18}" text-anchor="middle">${pct(v)}</text>`);
}
for (let r = yMin; r <= yMax + 1e-9; r += 0.05) {
  parts.push(`<line x1="${m.l}" y1="${f(y(r))}" x2="${W - m.r}" y2="${f(y(r))}" stroke="#e5e5e5"/>`);
  parts.push(`<text x="${m.l - 8}" y="${f(y(r) + 4)}" text-anchor="end">${pct(r)}</text>`);
}
parts.push(`<line x1="${m.l}" y1="${H - m.b}" x2="${W - m.r}" y2="${H - m.b}" stroke="#333"/>`);
parts.push(`<line x1="${m.l}" y1="${m.t}" x2="${m.l}" y2="${H - m.b}" stroke="#333"/>`);
parts.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 25}" text-anchor="middle" font-size="14">Annual volatility</text>`);
parts.push(`<text transform="translate(24 ${(m.t + H - m.b) / 2}) rotate(-90)" text-anchor="middle" font-size="14">Expected annual return</text>`);
// Clip the capital market line to the plot area.
parts.push(`<clipPath id="plot"><rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}"/></clipPath>`);
const slope = (maxSharpe.expectedReturn - rf) / maxSharpe.volatility;
parts.push(`<line clip-path="url(#plot)" x1="${f(x(0))}" y1="${f(y(rf))}" x2="${f(x(xMax))}" y2="${f(y(rf + slope * xMax))}" stroke="#2a9d8f" stroke-width="2" stroke-dasharray="7 5"/>`);
// Assets.
for (const a of assets) {
  parts.push(`<circle cx="${f(x(a.vol))}" cy="${f(y(a.ret))}" r="4" fill="#9aa5b1"/>`);
  parts.push(`<text x="${f(x(a.vol) + 6)}" y="${f(y(a.ret) + 4)}" fill="#52606d" font-size="11">${esc(a.t)}</text>`);
}
// Frontier.
const path = frontier.map((p, i) => `${i === 0 ? 'M' : 'L'}${f(x(p.volatility))},${f(y(p.expectedReturn))}`).join(' ');
parts.push(`<path d="${path}" fill="none" stroke="#1d4ed8" stroke-width="3"/>`);
// Special portfolios.
const mark = (p: { volatility: number; expectedReturn: number; sharpe: number }, color: string, shape: 'star' | 'diamond', label: string, at?: [number, number]) => {
  const cx = x(p.volatility);
  const cy = y(p.expectedReturn);
  const pts =
    shape === 'star'
      ? Array.from({ length: 10 }, (_, k) => {
          const rad = k % 2 === 0 ? 11 : 4.5;
          const ang = -Math.PI / 2 + (k * Math.PI) / 5;
          return `${f(cx + rad * Math.cos(ang))},${f(cy + rad * Math.sin(ang))}`;
        }).join(' ')
      : `${f(cx)},${f(cy - 9)} ${f(cx + 9)},${f(cy)} ${f(cx)},${f(cy + 9)} ${f(cx - 9)},${f(cy)}`;
  parts.push(`<polygon points="${pts}" fill="${color}" stroke="#111" stroke-width="1"/>`);
  // The label sits beside the point, or at an explicit (volatility, return) spot with a leader line.
  const [lx0, ly0] = at ? [x(at[0]), y(at[1])] : [cx + 14, cy];
  if (at) parts.push(`<line x1="${f(cx)}" y1="${f(cy + 9)}" x2="${f(lx0 - 4)}" y2="${f(ly0 - 14)}" stroke="${color}" stroke-width="1"/>`);
  parts.push(`<text x="${f(lx0)}" y="${f(ly0 - 10)}" font-weight="bold" fill="${color}">${esc(label)}</text>`);
  parts.push(`<text x="${f(lx0)}" y="${f(ly0 + 5)}" fill="#333">return ${(p.expectedReturn * 100).toFixed(1)}%, volatility ${(p.volatility * 100).toFixed(1)}%, Sharpe ${p.sharpe.toFixed(2)}</text>`);
};
// Below the cluster of low-volatility stocks, right of the legend.
mark(minVol, '#d97706', 'diamond', 'Minimum volatility', [0.24, 0.015]);
mark(maxSharpe, '#dc2626', 'star', 'Maximum Sharpe (tangency)');
// Legend.
const lx = m.l + 12; // bottom left: below the capital market line, left of the assets
const ly = H - m.b - 95;
parts.push(`<rect x="${lx}" y="${ly}" width="240" height="84" fill="#ffffff" stroke="#ccc"/>`);
parts.push(`<line x1="${lx + 12}" y1="${ly + 18}" x2="${lx + 42}" y2="${ly + 18}" stroke="#1d4ed8" stroke-width="3"/><text x="${lx + 50}" y="${ly + 22}">Efficient frontier (${frontier.length} portfolios)</text>`);
parts.push(`<line x1="${lx + 12}" y1="${ly + 40}" x2="${lx + 42}" y2="${ly + 40}" stroke="#2a9d8f" stroke-width="2" stroke-dasharray="7 5"/><text x="${lx + 50}" y="${ly + 44}">Capital market line (rf ${pct(rf)})</text>`);
parts.push(`<circle cx="${lx + 27}" cy="${ly + 62}" r="4" fill="#9aa5b1"/><text x="${lx + 50}" y="${ly + 66}">Single asset</text>`);
parts.push('</svg>');

writeFileSync(values.out!, `${parts.join('\n')}\n`);
process.stderr.write(`wrote ${values.out}: ${frontier.length} frontier points, max Sharpe ${maxSharpe.sharpe.toFixed(4)}\n`);
