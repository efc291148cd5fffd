/* WealthDesk demo page: pick a demo client (or open `/?as=advisor:A001`), get a demo token,
 * chat over socket.io: a tool's activity as a status line in the answer bubble ("正在查询持仓…"),
 * replaced by the tokens as the output guard releases them, then by the final answer
 * (formatted); a card per tool result (figures and a hand-drawn SVG chart), the numbered
 * citations under the answer, a clarifying question's options as buttons. On a phone the
 * chat fills the screen and the composer stays in view. Plain browser JS, no build step.
 * All server text goes in with textContent (never innerHTML). Cards re-render on language
 * change and resize, so labels follow the toggle and charts are drawn at the real width. */
(function () {
  'use strict';
  /* UI strings as [zh, en], kept in the page (index.html #wd-strings, a JSON data block). */
  var S = JSON.parse(document.getElementById("wd-strings").textContent);
  var L = S.ui, TITLES = S.tools, CLASSES = S.classes, PERIODS = S.periods, STRATEGIES = S.strategies, FEES = S.fees;
  var COLORS = ['#0b2545', '#c9a227', '#3e7cb1', '#8da9c4', '#b3261e', '#1e7b4a', '#7a5c99', '#e07a5f', '#6b7485'];
  var state = { lang: 'zh', token: null, persona: null, socket: null, conversationId: null, turns: {}, cards: [], cites: [], optionButtons: [] };
  var $ = function (id) { return document.getElementById(id); };
  /* A card is first drawn in the language its turn is answered in (an English question on a
   * Chinese page gets English labels, like its answer); the toggle then relabels every card. */
  var drawLang = null;
  var zh = function () { return (drawLang || state.lang) === 'zh'; };
  /** fn() with the labels in `lang` (the page's when null). */
  function inLang(lang, fn) { drawLang = lang || null; try { return fn(); } finally { drawLang = null; } }
  function pick(pair, fallback) { return pair ? pair[zh() ? 0 : 1] : fallback; }
  function t(k, vars) { var s = pick(L[k], k); if (vars) Object.keys(vars).forEach(function (v) { s = s.split('{' + v + '}').join(vars[v]); }); return s; }
  function classLabel(k) { return pick(CLASSES[k], k); }

  /** A new element with class, text (as textContent) and parent, each optional. */
  function el(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return parent ? parent.appendChild(e) : e;
  }
  function attrs(e, o) { Object.keys(o).forEach(function (k) { e.setAttribute(k, o[k]); }); return e; }
  function button(parent, cls, text, onClick) { var b = el('button', cls, text, parent); b.type = 'button'; if (onClick) b.addEventListener('click', onClick); return b; }

  // ------------------------------------------------------------------ formatting
  /** A decimal money string with thousands separators, decimals cut to 2 (no float). */
  function money(v) {
    if (v === null || v === undefined || v === '') return '–';
    var s = String(v), parts = s.replace(/^\+/, '').split('.');
    if (!/^[+-]?\d+(\.\d+)?$/.test(s)) return s;
    var int = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
    return parts[1] ? int + '.' + parts[1].slice(0, 2) : int;
  }
  function smoney(v) { return (String(v).charAt(0) === '-' ? '' : '+') + money(v); }
  function pct(v, d) { return typeof v === 'number' && isFinite(v) ? (v * 100).toFixed(d === undefined ? 2 : d) + '%' : '–'; }
  function spct(v, d) { return (typeof v === 'number' && v > 0 ? '+' : '') + pct(v, d); }
  function num(v, d) { return typeof v === 'number' && isFinite(v) ? v.toFixed(d === undefined ? 2 : d) : '–'; }
  /** A decimal-string fraction ("0.0030") as a percent, by moving the point (no float). */
  function decPct(s) {
    var m = /^(\d+)\.?(\d*)$/.exec(String(s)), f = m ? m[2] + '00' : '', rest = f.slice(2).replace(/0+$/, '');
    return m ? String(Number(m[1] + f.slice(0, 2))) + '.' + (rest + '00').slice(0, Math.max(2, rest.length)) + '%' : String(s);
  }
  /** Axis labels only: 1.2亿 / 350万 or 1.2M / 350K. */
  function compact(n) {
    var a = Math.abs(n);
    if (zh()) return a >= 1e8 ? +(n / 1e8).toFixed(2) + '亿' : a >= 1e4 ? +(n / 1e4).toFixed(a >= 1e6 ? 0 : 1) + '万' : String(Math.round(n));
    return a >= 1e9 ? +(n / 1e9).toFixed(2) + 'B' : a >= 1e6 ? +(n / 1e6).toFixed(2) + 'M' : a >= 1e3 ? +(n / 1e3).toFixed(0) + 'K' : String(Math.round(n));
  }
  function signCls(v) { return v > 0 ? 'up' : v < 0 ? 'down' : ''; }
  function sideCls(side) { return side === 'buy' ? 'up' : 'down'; }

  // ------------------------------------------------------------------ building blocks
  function kv(box, rows) {
    var g = el('dl', 'kv', null, box);
    rows.forEach(function (r) { if (r[1] === null || r[1] === undefined) return; el('dt', 'k', r[0], g); el('dd', 'v ' + (r[2] || ''), r[1], g); });
    return g;
  }
  function stats(box, items) {
    var g = el('div', 'stats', null, box);
    items.forEach(function (i) { var s = el('div', 'stat', null, g); el('div', 'k', i[0], s); el('div', 'v ' + (i[2] || ''), i[1], s); });
    return g;
  }
  /** A table; cols: [{h, num?}], rows: arrays of text or {text, cls}. Wrapped so it scrolls sideways on a phone. */
  function table(box, cols, rows, caption) {
    var wrap = el('div', 'tbl-wrap', null, box);
    var tb = el('table', 'tbl', null, wrap);
    if (caption) el('caption', null, caption, tb);
    var hr = el('tr', null, null, el('thead', null, null, tb));
    cols.forEach(function (c) { var th = el('th', c.num ? 'num' : '', c.h, hr); th.scope = 'col'; });
    var body = el('tbody', null, null, tb);
    rows.forEach(function (r) {
      var tr = el('tr', null, null, body);
      r.forEach(function (c, i) { var o = c && typeof c === 'object' ? c : { text: c }; el(i === 0 ? 'th' : 'td', ((cols[i] && cols[i].num) ? 'num ' : '') + (o.cls || ''), o.text, tr).scope = i === 0 ? 'row' : ''; });
    });
    return tb;
  }
  /** A <details> whose open state survives re-rendering (kept on the card record under `key`). */
  function details(box, rec, key, summary) {
    var d = el('details', typeof key === 'number' ? null : 'more', null, box);
    el('summary', null, summary, d);
    rec.open = rec.open || {};
    if (rec.open[key]) d.open = true;
    d.addEventListener('toggle', function () { rec.open[key] = d.open; });
    return d;
  }
  function legend(box, items) {
    var g = el('div', 'legend', null, box);
    items.forEach(function (i) { var s = el('span', null, null, g); el('i', 'sw ' + i[1], null, s); s.appendChild(document.createTextNode(i[0])); });
    return g;
  }

  // ------------------------------------------------------------------ SVG charts
  var NS = 'http://www.w3.org/2000/svg';
  function sv(tag, o, parent, text) {
    var e = attrs(document.createElementNS(NS, tag), o);
    if (text !== undefined && text !== null) e.textContent = String(text);
    return parent ? parent.appendChild(e) : e;
  }
  function chartWidth(box) { return Math.max(240, Math.min(640, box.clientWidth || 320)); }
  function svgRoot(box, w, h, label) { return sv('svg', { viewBox: '0 0 ' + w + ' ' + h, width: w, height: h, role: 'img', 'aria-label': label, class: 'chart' }, box); }
  /** Estimated width in px of 11 px text (CJK about twice a Latin letter). */
  function textW(s) { var w = 0; for (var i = 0; i < s.length; i++) w += s.charCodeAt(i) > 0x2e80 ? 11 : 6.2; return w; }
  /** Cuts a label to about `px` pixels and adds "…". */
  function clip(s, px) { if (textW(s) <= px) return s; while (s.length && textW(s + '…') > px) s = s.slice(0, -1); return s + '…'; }
  function niceTicks(lo, hi, n) {
    var span = hi - lo || 1, step = Math.pow(10, Math.floor(Math.log10(span / n))), err = span / n / step, out = [];
    step *= err >= 7.5 ? 10 : err >= 3.5 ? 5 : err >= 1.5 ? 2 : 1;
    for (var v = Math.floor(lo / step) * step, i = 0; v <= hi + step * 0.999 && i < 20; v += step, i++) out.push(v);
    return out;
  }
  /**
   * Horizontal bars, a row per item and a bar per series, with a zero line; each value is
   * written at its bar end. rows: [{label, bars: [{v, cls, text}], band?}]; `band` shades ±band.
   */
  function hbars(box, rows, o) {
    var W = chartWidth(box), bh = 12, gap = 3, n = rows.length ? rows[0].bars.length : 1, rowH = n * (bh + gap) + 9;
    var lw = Math.min(o.labelW || 120, Math.round(W * 0.34), 14 + Math.max.apply(null, rows.map(function (r) { return textW(r.label); }).concat(0))), tw = 50, lo = 0, hi = 0;
    rows.forEach(function (r) {
      r.bars.forEach(function (b) { if (typeof b.v === 'number') { lo = Math.min(lo, b.v); hi = Math.max(hi, b.v); } });
      if (r.band) { lo = Math.min(lo, -r.band * 1.2); hi = Math.max(hi, r.band * 1.2); }
    });
    if (o.symmetric) { hi = Math.max(hi, -lo); lo = -hi; }
    if (hi - lo < 1e-9) hi = lo + 0.01;
    var x0 = lw + (lo < 0 ? tw : 4), x1 = W - (hi > 0 ? tw : 4), H = rows.length * rowH + 4;
    var X = function (v) { return x0 + (v - lo) / (hi - lo) * (x1 - x0); };
    var g = svgRoot(box, W, H, o.label);
    rows.forEach(function (r, i) {
      var y = i * rowH + 4, mid = y + (rowH - 9) / 2;
      var lab = sv('text', { x: lw - 6, y: mid, 'text-anchor': 'end', 'dominant-baseline': 'central', class: 'lbl' + (r.warn ? ' warn' : '') }, g, clip(r.label, lw - 8));
      sv('title', {}, lab, r.label);
      if (r.band) sv('rect', { x: X(-r.band), y: y - 2, width: X(r.band) - X(-r.band), height: rowH - 5, class: 'band' }, g);
      r.bars.forEach(function (b, j) {
        var v = typeof b.v === 'number' ? b.v : 0, by = y + j * (bh + gap), a = X(Math.min(0, v)), z = X(Math.max(0, v));
        if (typeof b.v === 'number') sv('rect', { x: a, y: by, width: Math.max(z - a, 1.5), height: bh, rx: 2, class: 'b ' + b.cls }, g);
        sv('text', { x: v >= 0 ? z + 4 : a - 4, y: by + bh / 2, 'text-anchor': v >= 0 ? 'start' : 'end', 'dominant-baseline': 'central', class: 'val' }, g, b.text);
      });
    });
    sv('line', { x1: X(0), x2: X(0), y1: 0, y2: H, class: 'zero' }, g);
    return g;
  }
  /**
   * A line chart over n points. o: {bands: [{lo, hi, cls}], lines: [{v, cls}], hlines: [{v, cls, text}],
   * xlabel(i), yfmt(v), xticks: [i…], zero: start the y axis at 0, label}.
   */
  function lineChart(box, n, o) {
    var W = chartWidth(box), H = o.h || 200, ml = 46, mr = 12, mt = 12, mb = 22, all = [];
    (o.bands || []).forEach(function (b) { all = all.concat(b.lo, b.hi); });
    (o.lines || []).forEach(function (l) { all = all.concat(l.v); });
    (o.hlines || []).forEach(function (h) { all.push(h.v); });
    var lo = Math.min.apply(null, all), hi = Math.max.apply(null, all);
    if (o.zero) lo = Math.min(0, lo); else lo -= (hi - lo) * 0.05;
    hi += (hi - lo) * 0.05;
    var ys = niceTicks(lo, hi, 4); lo = Math.min(lo, ys[0]); hi = Math.max(hi, ys[ys.length - 1]);
    var X = function (i) { return ml + (n > 1 ? i / (n - 1) : 0.5) * (W - ml - mr); };
    var Y = function (v) { return mt + (hi - v) / (hi - lo || 1) * (H - mt - mb); };
    var g = svgRoot(box, W, H, o.label);
    ys.forEach(function (v) { sv('line', { x1: ml, x2: W - mr, y1: Y(v), y2: Y(v), class: 'grid' }, g); sv('text', { x: ml - 5, y: Y(v), 'text-anchor': 'end', 'dominant-baseline': 'central', class: 'axis' }, g, o.yfmt(v)); });
    (o.xticks || []).forEach(function (i) { sv('text', { x: X(i), y: H - 6, 'text-anchor': i === 0 ? 'start' : i === n - 1 ? 'end' : 'middle', class: 'axis' }, g, o.xlabel(i)); });
    (o.bands || []).forEach(function (b) {
      var d = b.hi.map(function (v, i) { return (i ? 'L' : 'M') + X(i).toFixed(1) + ',' + Y(v).toFixed(1); }).join('');
      for (var i = b.lo.length - 1; i >= 0; i--) d += 'L' + X(i).toFixed(1) + ',' + Y(b.lo[i]).toFixed(1);
      sv('path', { d: d + 'Z', class: b.cls }, g);
    });
    (o.hlines || []).forEach(function (h) {
      sv('line', { x1: ml, x2: W - mr, y1: Y(h.v), y2: Y(h.v), class: h.cls }, g);
      sv('text', { x: ml + 4, y: Y(h.v) - 4, class: 'hl-text' }, g, h.text);
    });
    (o.lines || []).forEach(function (l) { sv('polyline', { points: l.v.map(function (v, i) { return X(i).toFixed(1) + ',' + Y(v).toFixed(1); }).join(' '), class: l.cls }, g); });
    return g;
  }

  // ------------------------------------------------------------------ one card per tool
  var CARDS = {
    get_portfolio: function (box, r, rec) {
      el('div', 'k', t('total') + ' (' + r.currency + ')', box);
      el('div', 'big', money(r.totalValue), box);
      if (r.unrealizedPnl) el('div', 'k', t('pnl') + ': ', box).appendChild(el('span', signCls(r.unrealizedPnlPct), smoney(r.unrealizedPnl) + ' (' + spct(r.unrealizedPnlPct) + ')'));
      var bar = el('div', 'bar', null, box), slices = r.allocation.byAssetClass;
      attrs(bar, { role: 'img', 'aria-label': slices.map(function (s) { return classLabel(s.key) + ' ' + pct(s.weight, 1); }).join(', ') });
      slices.forEach(function (s, i) {
        var seg = el('span', null, null, bar);
        seg.style.width = (s.weight * 100).toFixed(2) + '%';
        seg.style.background = COLORS[i % COLORS.length];
      });
      var lg = el('div', 'legend', null, box);
      slices.forEach(function (s, i) { var it = el('span', null, null, lg); el('i', null, null, it).style.background = COLORS[i % COLORS.length]; it.appendChild(document.createTextNode(classLabel(s.key) + ' ' + pct(s.weight, 1))); });
      var top = (r.holdings || []).slice(0, 5); // the tool sorts holdings by market value, largest first
      if (!top.length) return;
      table(details(box, rec, 'top', t('top5')), [{ h: t('name') }, { h: t('value'), num: true }, { h: t('weight'), num: true }, { h: t('pnl'), num: true }],
        top.map(function (h) { return [zh() ? h.name : h.nameEn || h.name, money(h.marketValue), pct(h.weight, 1), { text: spct(h.unrealizedPnlPct), cls: signCls(h.unrealizedPnlPct) }]; }));
    },
    get_performance: function (box, r, rec) {
      var ps = r.periods || [], first = ps.filter(function (p) { return p.period === 'YTD'; })[0] || ps[0];
      var bname = zh() ? r.benchmark.name : r.benchmark.nameEn || r.benchmark.name;
      if (first) {
        stats(box, [[pick(PERIODS[first.period], first.period) + ' · ' + t('portfolio'), spct(first.return), signCls(first.return)],
          [t('benchmark'), spct(first.benchmarkReturn)], [t('gain') + ' (' + r.currency + ')', smoney(first.pnl), signCls(first.return)]]);
      }
      legend(box, [[t('portfolio'), 'port'], [t('benchmark') + (zh() ? '：' : ': ') + bname, 'bench']]);
      hbars(box, ps.map(function (p) {
        return { label: pick(PERIODS[p.period], p.period), bars: [{ v: p.return, cls: 'port', text: spct(p.return) }, { v: p.benchmarkReturn, cls: 'bench', text: spct(p.benchmarkReturn) }] };
      }), { labelW: 90, label: t('ret') });
      table(details(box, rec, 'd', t('details')), [{ h: t('period') }, { h: t('ret'), num: true }, { h: t('benchmark'), num: true }, { h: t('excess'), num: true }, { h: t('gain'), num: true }],
        ps.map(function (p) {
          return [pick(PERIODS[p.period], p.period) + (p.annualized !== null ? ' (' + t('annualized') + ' ' + spct(p.annualized) + ')' : ''),
            { text: spct(p.return), cls: signCls(p.return) }, spct(p.benchmarkReturn), { text: spct(p.excessReturn), cls: signCls(p.excessReturn) }, smoney(p.pnl)];
        }));
    },
    portfolio_risk: function (box, r) {
      stats(box, [[t('vol'), pct(r.annualVolatility)], [t('sharpe'), num(r.sharpe)], [t('mdd'), pct(r.maxDrawdown), 'down'], [t('annRet'), spct(r.annualReturn), signCls(r.annualReturn)]]);
      var vf = function (c, h) {
        var f = (r.var || []).filter(function (x) { return x.confidence === c && x.horizonDays === h; });
        f = f.filter(function (x) { return x.method === 'historical'; })[0] || f[0];
        return f ? { text: pct(f.var) + ' · ' + money(f.varAmount) } : '–';
      };
      table(box, [{ h: 'VaR' }, { h: t('d1'), num: true }, { h: t('d10'), num: true }], [['95%', vf(0.95, 1), vf(0.95, 10)], ['99%', vf(0.99, 1), vf(0.99, 10)]],
        t('var') + ' · ' + r.currency + ' · ' + t('obs', { n: r.observations }));
      var top = (r.riskContributors || []).slice().sort(function (a, b) { return b.contribution - a.contribution; }).slice(0, 5);
      if (!top.length) return;
      el('div', 'sub', t('contrib'), box);
      legend(box, [[t('riskShare'), 'risk'], [t('weight'), 'cur']]);
      hbars(box, top.map(function (c) { return { label: c.name, bars: [{ v: c.contribution, cls: 'risk', text: pct(c.contribution, 1) }, { v: c.weight, cls: 'cur', text: pct(c.weight, 1) }] }; }), { label: t('contrib') });
    },
    assess_risk_profile: function (box, r, rec) {
      if (r.status === 'question' || r.status === 'invalid_answer') {
        var q = r.question;
        if (r.status === 'invalid_answer') el('div', 'note warn', r.message, box);
        el('div', 'k', t('question', { i: q.index, n: q.total }), box);
        var prog = el('div', 'progress', null, box);
        el('span', null, null, prog).style.width = ((q.index - 1) / q.total * 100).toFixed(1) + '%';
        el('div', 'q-text', q.text, box);
        var opts = attrs(el('div', 'options', null, box), { role: 'group', 'aria-label': q.text });
        q.options.forEach(function (o) {
          var b = button(opts, 'opt' + (rec.used === o.key ? ' chosen' : ''), null, function () { if (rec.used) return; rec.used = o.key; send(o.key); renderCard(rec); });
          b.dataset.key = o.key;
          el('b', null, o.key, b);
          b.appendChild(document.createTextNode(o.text));
          b.disabled = !!rec.used || !state.socket;
        });
        el('div', 'hint', t('answerHint'), box);
      } else if (r.status === 'profile' || r.status === 'completed') {
        var p = r.profile;
        if (!p) {
          el('div', 'q-text', t('noProfile'), box);
          return void button(box, 'ghost', t('startAssess'), function () { send(t('startAssessMsg')); });
        }
        var badge = el('div', 'profile-badge c' + p.level + (p.expired ? ' expired' : ''), null, box);
        el('span', 'lvl', 'C' + p.level, badge);
        var side = el('span', null, null, badge);
        el('span', 'label', p.label, side); el('span', 'k', t('maxRisk', { n: p.maxProductRisk }), side);
        kv(box, [[t('score'), String(p.score)], [t('assessed'), p.assessedAt], [t('expires'), p.expiresAt, p.expired ? 'down' : ''],
          [t('prevLevel'), r.status === 'completed' && r.previousLevel ? 'C' + r.previousLevel : null]]);
        if (p.expired) el('div', 'note warn', t('expired'), box);
        (p.reasons || []).forEach(function (x) { el('div', 'hint', x, box); });
      } else el('div', 'q-text', t('cancelled'), box);
    },
    optimize_portfolio: function (box, r, rec) {
      var b = r.before, a = r.after;
      stats(box, [[t('expRet'), pct(b.expectedReturn) + ' → ' + pct(a.expectedReturn)], [t('vol'), pct(b.volatility) + ' → ' + pct(a.volatility)], [t('sharpe'), num(b.sharpe) + ' → ' + num(a.sharpe)]]);
      legend(box, [[t('current'), 'cur'], [t('proposed'), 'prop']]);
      hbars(box, r.holdings.map(function (h) {
        return { label: (h.suitable ? '' : '⚠ ') + h.name, warn: !h.suitable, bars: [{ v: h.currentWeight, cls: 'cur', text: pct(h.currentWeight, 1) }, { v: h.proposedWeight, cls: 'prop', text: pct(h.proposedWeight, 1) }] };
      }), { label: t('current') + ' / ' + t('proposed') });
      if (r.holdings.some(function (h) { return !h.suitable; })) el('div', 'hint', '⚠ ' + t('unsuitable'), box);
      tradeTable(box, rec, r.trades.map(function (x) { return [x.side, x.name, money(x.quantity), money(x.amount)]; }), r.currency,
        [[t('buys'), money(r.tradeSummary.buys)], [t('sells'), money(r.tradeSummary.sells)]]);
    },
    check_rebalance: function (box, r, rec) {
      el('div', 'note ' + (r.rebalanceNeeded ? 'warn' : 'ok'), r.rebalanceNeeded ? t('rebalYes') : t('rebalNo'), box);
      legend(box, [[t('drift'), 'ok'], [t('band') + ' ±' + pct(r.rule.absoluteBand, 0) + ' / ±' + pct(r.rule.relativeBand, 0) + '×' + t('target'), 'band']]);
      var wide = chartWidth(box) >= 480; // current/target in the label only where it fits
      hbars(box, r.drift.map(function (d) {
        return { label: classLabel(d.assetClass) + (wide ? ' ' + pct(d.currentWeight, 1) + '/' + pct(d.targetWeight, 0) : ''), band: Math.min(r.rule.absoluteBand, r.rule.relativeBand * d.targetWeight),
          bars: [{ v: d.drift, cls: d.breach ? 'breach' : 'ok', text: spct(d.drift) }] };
      }), { symmetric: true, labelW: 150, label: t('drift') });
      tradeTable(box, rec, r.trades.map(function (x) { return [x.side, x.name || t('anyProduct') + '（' + classLabel(x.assetClass) + '）', x.quantity ? money(x.quantity) : '–', money(x.amount)]; }), r.currency,
        [[t('buys'), money(r.totals.buys)], [t('sells'), money(r.totals.sells)], [t('cost'), money(r.totals.costs)], [t('tax'), money(r.totals.estimatedTax)]]);
    },
    project_goal: function (box, r) {
      var head = el('div', 'goal-head', null, box);
      var prob = probText(r);
      el('div', 'big prob', prob, head);
      var hs = el('div', null, null, head);
      el('div', 'k', t('probability'), hs);
      el('div', 'k', t('goalLine', { y: r.years, d: r.horizonDate, t: money(r.targetAmount) + ' ' + r.currency }), hs);
      kv(box, [[t('medianFinal'), money(r.medianFinal) + ' ' + r.currency], [t('need50'), money(r.requiredMonthlyFor50) + ' ' + r.currency]]);
      var P = {};
      r.percentiles.forEach(function (p) { P[p.p] = p.values.map(Number); });
      var n = P[50].length, want = (n - 1) / (chartWidth(box) < 420 ? 4 : 6), xt = [];
      var step = [1, 2, 5, 10, 20, 25, 50].filter(function (x) { return x >= want; })[0] || 50;
      for (var i = 0; i < n; i += step) xt.push(i);
      if (xt[xt.length - 1] !== n - 1) { if (n - 1 - xt[xt.length - 1] < step * 0.7) xt.pop(); xt.push(n - 1); }
      lineChart(box, n, { zero: true, label: t('probability') + ' ' + prob,
        bands: [{ lo: P[5], hi: P[95], cls: 'fan-outer' }, { lo: P[25], hi: P[75], cls: 'fan-inner' }], lines: [{ v: P[50], cls: 'median' }],
        hlines: [{ v: Number(r.targetAmount), cls: 'target', text: t('target') + ' ' + compact(Number(r.targetAmount)) }],
        xticks: xt, xlabel: function (i) { return i === 0 ? (zh() ? '现在' : 'now') : t('year', { n: i }); }, yfmt: compact });
      legend(box, [[t('p5p95'), 'fan-outer'], [t('p25p75'), 'fan-inner'], [t('median'), 'median'], [t('target'), 'target']]);
    },
    backtest_strategy: function (box, r) {
      var sname = pick(STRATEGIES[r.strategy.strategy], r.strategy.strategy), ser = r.series || [];
      el('div', 'k', r.startDate + ' – ' + r.endDate + ' · ' + money(r.startValue) + ' ' + r.currency, box);
      legend(box, [[sname, 'l-strat'], [t('bh'), 'l-bh']]);
      var n = ser.length, xt = n > 1 ? [0, Math.round((n - 1) / 3), Math.round(2 * (n - 1) / 3), n - 1] : [0];
      if (n > 1) lineChart(box, n, { label: sname + ' / ' + t('bh'), lines: [{ v: ser.map(function (p) { return Number(p.buyAndHold); }), cls: 'l-bh' }, { v: ser.map(function (p) { return Number(p.strategy); }), cls: 'l-strat' }],
        xticks: xt, xlabel: function (i) { return ser[i].date.slice(0, 7); }, yfmt: compact, h: 180 });
      var s = r.strategy, b = r.buyAndHold;
      table(box, [{ h: '' }, { h: sname, num: true }, { h: t('bh'), num: true }], [
        [t('endValue'), money(s.endValue), money(b.endValue)], [t('totalRet'), { text: spct(s.totalReturn), cls: signCls(s.totalReturn) }, { text: spct(b.totalReturn), cls: signCls(b.totalReturn) }],
        [t('annRet'), spct(s.annualReturn), spct(b.annualReturn)], [t('vol'), pct(s.annualVolatility), pct(b.annualVolatility)], [t('sharpe'), num(s.sharpe), num(b.sharpe)],
        [t('mdd'), pct(s.maxDrawdown), pct(b.maxDrawdown)], [t('rebalances'), String(s.rebalances), String(b.rebalances)], [t('cost'), money(s.totalCost), money(b.totalCost)]]);
    },
    search_documents: function (box, r, rec) {
      var ps = r.passages || [];
      var d = details(box, rec, 'p', t('passages', { n: ps.length }));
      var ol = el('ol', 'passages', null, d);
      ps.forEach(function (p) {
        var li = el('li', p.flagged ? 'flagged' : '', null, ol);
        li.appendChild(document.createTextNode(citeLine(p)));
        if (p.flagged) el('span', 'tag warn', t('flagged'), li);
      });
      if (r.note) el('div', 'hint', r.note, box);
    },
    get_product: function (box, r) {
      var p = r.product, head = el('div', 'prod-head', null, box);
      var nm = el('div', null, null, head);
      el('div', 'prod-name', zh() ? p.name : p.nameEn || p.name, nm);
      el('div', 'k', p.id + ' · ' + classLabel(p.assetClass) + ' · ' + p.currency, nm);
      if (p.riskLevel) { var rb = el('span', 'rbadge r' + p.riskLevel, 'R' + p.riskLevel, head); rb.title = t('riskLevel') + ' R' + p.riskLevel; rb.setAttribute('aria-label', t('riskLevel') + ' R' + p.riskLevel); }
      var rows = [[t('manager'), p.manager ? (zh() ? p.manager : p.managerEn || p.manager) : null], [t('issuer'), p.issuer]];
      Object.keys(p.fees || {}).forEach(function (k) { rows.push([pick(FEES[k], k), decPct(p.fees[k]), 'fee-' + k]); });
      if (p.liquidity) rows.push([t('liquidity'), zh() ? p.liquidity.zh : p.liquidity.en]);
      if (p.liquidity && p.liquidity.lockupMonths) rows.push([t('lockup'), t('months', { n: p.liquidity.lockupMonths })]);
      if (p.minPurchase) rows.push([t('minPurchase'), money(p.minPurchase) + ' ' + p.currency]);
      if (p.benchmark) rows.push([t('bmk'), zh() ? p.benchmark.zh : p.benchmark.en]);
      kv(box, rows);
    },
    list_clients: function (box, r) {
      el('div', 'k', t('nClients', { n: r.total }) + ' · ' + r.asOf, box);
      table(box, [{ h: t('clients') }, { h: t('profile') }, { h: t('totalValue'), num: true }, { h: t('maxDrift'), num: true }], r.clients.map(function (c) {
        return [c.name + ' · ' + c.id, { text: c.riskProfile ? 'C' + c.riskProfile : '–', cls: c.profileExpired ? 'down' : '' }, money(c.totalValue) + ' ' + c.baseCurrency,
          pct(c.maxDrift, 1) + (c.maxDriftClass ? ' ' + classLabel(c.maxDriftClass) : '')];
      }));
    }
  };

  /** The goal's probability as the tool displays it ('>99%': a model never promises 0% or 100%), else formatted here. */
  function probText(r) { return r.probabilityDisplay && r.probabilityDisplay.text ? String(r.probabilityDisplay.text) : pct(r.probability, 1); }

  function tradeTable(box, rec, rows, ccy, totals) {
    if (!rows.length) { el('div', 'hint', t('noTrades'), box); return; }
    var d = details(box, rec, 'trades', t('trades') + ' (' + rows.length + ')');
    table(d, [{ h: '' }, { h: t('name') }, { h: t('qty'), num: true }, { h: t('amount') + ' ' + ccy, num: true }],
      rows.map(function (x) { return [{ text: t(x[0]), cls: 'side ' + sideCls(x[0]) }, x[1], x[2], x[3]]; }));
    kv(d, totals);
  }

  /** "[n] title — p. X" (the page, else nothing). */
  function citeLine(c) { return '[' + c.n + '] ' + c.title + (c.page ? ' — ' + t('page', { n: c.page }) : ''); }

  /** A tool error result, or anything unexpected: a calm message, never a stack. */
  function errorCard(box, r) {
    var e = (r && r.error) || {}, msg = String(e.message || '').split('\n')[0].slice(0, 200);
    el('div', 'q-text', t('errTitle'), box);
    if (msg) el('div', 'hint', msg, box);
    if (e.code) el('div', 'code', e.code, box);
  }
  /** Scalars and list sizes of a result no card knows. */
  function genericCard(box, r) {
    var rows = [];
    Object.keys(r).slice(0, 12).forEach(function (k) {
      var v = r[k];
      if (typeof v === 'number') rows.push([k, num(v, 4)]);
      else if (typeof v === 'string' && v.length <= 60) rows.push([k, money(v)]);
      else if (Array.isArray(v)) rows.push([k, v.length + ' ' + t('items')]);
    });
    kv(box, rows);
  }

  function renderCard(rec) {
    inLang(rec.lang, function () { drawCard(rec); });
  }
  function drawCard(rec) {
    var card = rec.card, r = rec.result;
    card.setAttribute('aria-label', pick(TITLES[rec.name], rec.name));
    card.querySelector('.tool-title').textContent = pick(TITLES[rec.name], rec.name);
    card.querySelector('.tool-state').textContent = !rec.settled ? t('running') : rec.ok ? t('done') : t('failed');
    var body = card.querySelector('.tool-body');
    body.textContent = '';
    if (!rec.settled) return;
    var isErr = !rec.ok || !r || typeof r !== 'object' || r.error;
    card.classList.toggle('failed', !!isErr);
    try {
      if (isErr) errorCard(body, r);
      else if (CARDS[rec.name]) CARDS[rec.name](body, r, rec);
      else genericCard(body, r);
    } catch { // a result the card did not expect: fall back to the plain view, never break the chat
      body.textContent = '';
      genericCard(body, r);
    }
  }

  function renderCites(rec) {
    inLang(rec.lang, function () { drawCites(rec); });
  }
  function drawCites(rec) {
    rec.box.setAttribute('aria-label', t('sources'));
    rec.box.textContent = '';
    el('div', 'sub', t('sources'), rec.box);
    var ol = el('ol', 'cites', null, rec.box);
    rec.citations.forEach(function (c) {
      var d = details(el('li', null, null, ol), rec, c.n, citeLine(c));
      d.id = rec.id + '-' + c.n;
      if (c.section) el('div', 'k', c.section, d);
      passage(el('div', 'passage', null, d), c.text || '');
    });
  }

  /** Passage text; its markdown-style table lines ("| a | b |") become a small table. */
  function passage(box, text) {
    var rows = [];
    text.split('\n').forEach(function (line) {
      var m = /^\|(.*)\|\s*$/.exec(line.trim());
      if (m) rows.push(m[1].split('|').map(function (c) { return c.trim(); }));
      else { if (rows.length) table(box, rows[0].map(function (h) { return { h: h }; }), rows.slice(1)); rows = []; el('p', null, line, box); }
    });
    if (rows.length) table(box, rows[0].map(function (h) { return { h: h }; }), rows.slice(1));
  }

  function rerenderAll() { state.cards.forEach(renderCard); state.cites.forEach(renderCites); }

  // ------------------------------------------------------------------ page chrome and chat
  function applyLang() {
    document.documentElement.lang = zh() ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach(function (n) { n.textContent = t(n.getAttribute('data-i18n')); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(function (n) { n.placeholder = t(n.getAttribute('data-i18n-placeholder')); });
    $('lang-toggle').textContent = zh() ? 'EN' : '中文';
    $('lang-toggle').setAttribute('aria-label', zh() ? 'Switch to English' : '切换到中文');
    state.cards.concat(state.cites).forEach(function (rec) { rec.lang = null; }); // the reader chose a language: every card follows
    renderPersonas(); renderWho(); renderSuggestions(); rerenderAll(); renderStartup();
    if (state.statusKey) status(state.statusKey);
  }

  function personaName(p) { return zh() ? p.name : p.nameEn; }
  function renderWho() {
    var p = state.persona;
    if (!p) { $('chat-who').textContent = t('pickFirst'); return; }
    $('chat-who').textContent = p.advisor ? t('advisorAs') + p.id : t('chattingAs') + personaName(p) + ' (' + p.id + ', ' + t('base') + ' ' + p.baseCurrency + ')';
  }

  var personas = [];
  function renderPersonas() {
    var list = $('persona-list');
    list.textContent = '';
    personas.forEach(function (p) {
      var b = button(el('li', null, null, list), null, null, function () { choose(p); });
      b.dataset.id = p.id;
      if (state.persona && state.persona.id === p.id) { b.classList.add('active'); b.setAttribute('aria-pressed', 'true'); }
      var left = el('span', null, null, b), right = el('span', null, null, b);
      el('div', 'p-name', personaName(p), left); el('div', 'p-meta', p.id, left);
      el('span', 'tag', p.baseCurrency, right);
      if (p.riskLevel) el('span', 'tag', 'C' + p.riskLevel, right);
    });
  }

  function renderSuggestions() {
    var box = $('suggestions');
    box.textContent = '';
    if (!state.token || state.asked) return;
    t(state.persona && state.persona.advisor ? 'advSuggestions' : 'suggestions').forEach(function (q) {
      button(box, null, q, function () { send(q); });
    });
  }

  /* status(key) shows a translated message (re-translated on language change); status(null, text) a raw one. */
  function status(key, raw) { state.statusKey = key; $('persona-status').textContent = key ? t(key) : raw || ''; }

  function loadPersonas() {
    fetch('/api/v1/demo/clients').then(function (r) { return r.json(); }).then(function (body) { personas = body.clients || []; renderPersonas(); }).catch(function (e) { status(null, t('error') + e.message); });
  }

  /** Gets a demo token for `as` ('client:C0001' | 'advisor:A001') and connects. */
  function login(as, p) {
    status('connecting');
    fetch('/api/v1/demo/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: as }) })
      .then(function (r) { return r.json().then(function (b) { if (!r.ok) throw new Error(b.message); return b; }); })
      .then(function (b) {
        state.token = b.token; state.persona = p;
        if (p.language === 'en' || p.language === 'zh') state.lang = p.language;
        resetChat();
        connect();
        applyLang();
      })
      .catch(function (e) { status(null, t('error') + e.message); });
  }
  function choose(p) { login('client:' + p.id, p); }

  function resetChat() {
    state.conversationId = null; state.asked = false;
    state.turns = {}; state.cards = []; state.cites = []; state.optionButtons = [];
    renderSuggestions();
    $('messages').textContent = '';
    addBot(t('welcome'));
  }

  function connect() {
    if (state.socket) state.socket.disconnect();
    /* global io */
    var s = io('/chat', { auth: { token: state.token }, transports: ['websocket', 'polling'] });
    state.socket = s;
    s.on('connect', function () { status('connected'); setEnabled(true); });
    s.on('disconnect', function () { status('disconnected'); });
    s.on('connect_error', function (e) { status(null, t('error') + e.message); setEnabled(false); });
    s.on('turn:start', function (e) { var turn = turnFor(e.requestId); turn.lang = e.lang; state.conversationId = e.conversationId; });
    // A tool started: its status line ("正在查询持仓…") shows in the bubble until the answer's first words replace it.
    s.on('activity', function (e) {
      var turn = turnFor(e.requestId);
      if (turn.text) return;
      turn.bubble.textContent = '';
      el('span', 'activity', e.text, turn.bubble);
      scroll();
    });
    s.on('token', function (e) { var turn = turnFor(e.requestId); turn.text += e.text; turn.bubble.textContent = turn.text; scroll(); });
    s.on('tool_call', function (e) { toolCard(turnFor(e.requestId), e); });
    s.on('tool_result', function (e) { toolResult(turnFor(e.requestId), e); });
    s.on('done', function (e) {
      var turn = turnFor(e.requestId), res = e.result;
      turn.bubble.classList.remove('streaming');
      var citeId = 'cite-' + res.turnId, ns = (res.citations || []).map(function (c) { return c.n; });
      turn.bubble.textContent = ''; // the guarded final answer, formatted (it streamed in as plain text)
      turn.bubble.appendChild(window.WDMarkdown.render(res.answer, { citeHref: function (n) { return ns.indexOf(n) >= 0 ? '#' + citeId + '-' + n : null; } }));
      if (!(res.toolCalls || []).length) optionButtons(turn);
      state.conversationId = res.conversationId;
      if (res.citations && res.citations.length) {
        var rec = { box: el('aside', 'citations', null, turn.box), citations: res.citations, id: citeId, lang: res.lang || turn.lang };
        state.cites.push(rec);
        renderCites(rec);
      }
      el('div', 'meta', res.model + ' · ' + res.latencyMs + ' ms', turn.box);
      setBusy(false);
      scroll();
      keepComposerInView();
    });
    s.on('error', function (e) { failTurn(turnFor(e.requestId), e.message); });
  }
  function failTurn(turn, message) {
    turn.bubble.classList.remove('streaming');
    turn.bubble.classList.add('error');
    turn.bubble.textContent = t('error') + message;
    setBusy(false);
  }

  function turnFor(requestId) {
    var turn = state.turns[requestId];
    if (turn) return turn;
    var box = el('div', 'turn', null, $('messages'));
    turn = state.turns[requestId] = { box: box, cards: el('div', 'cards', null, box), bubble: el('div', 'msg bot streaming', null, box), text: '', tools: {} };
    scroll();
    return turn;
  }

  function toolCard(turn, e) {
    var card = el('section', 'tool-card', null, turn.cards);
    card.dataset.tool = e.name;
    var head = el('div', 'tool-head', null, card);
    el('span', 'tool-title', null, head); el('span', 'tool-name', e.name, head); el('span', 'tool-state', null, head);
    el('div', 'tool-body', null, card);
    state.cards.push(turn.tools[e.id] = { card: card, name: e.name, settled: false, lang: turn.lang });
    renderCard(turn.tools[e.id]);
    scroll();
  }

  function toolResult(turn, e) {
    var rec = turn.tools[e.id];
    if (!rec && !e.id) { // no id to match: the open card of this tool, never a second card
      rec = Object.keys(turn.tools).map(function (k) { return turn.tools[k]; }).filter(function (x) { return x.name === e.name && !x.settled; })[0];
    }
    if (!rec) { toolCard(turn, e); rec = turn.tools[e.id]; }
    rec.settled = true; rec.ok = e.ok; rec.result = e.result;
    renderCard(rec);
    scroll();
  }

  /**
   * A clarifying question's numbered options ("1. 持仓与资产配置" in an answer whose turn
   * called no tool) become buttons that send their number; once anything is sent they stop working.
   */
  function optionButtons(turn) {
    turn.bubble.querySelectorAll('ol.md-list').forEach(function (ol) {
      Array.prototype.forEach.call(ol.children, function (li, i) {
        var n = (ol.start || 1) + i, b = button(null, 'opt-inline', null, function () { if (!b.disabled) send(String(n)); });
        while (li.firstChild) b.appendChild(li.firstChild);
        b.dataset.option = String(n);
        b.setAttribute('aria-label', n + '. ' + b.textContent);
        li.appendChild(b);
        state.optionButtons.push(b);
      });
    });
  }

  /** The composer stays on screen (a phone scrolls the page to the chat's bottom edge). */
  function keepComposerInView() {
    var c = $('composer').getBoundingClientRect();
    if (c.top < 0 || c.bottom > window.innerHeight) $('composer').scrollIntoView({ block: 'end' });
  }

  function addUser(text) { el('div', 'msg user', text, $('messages')); scroll(); }
  function addBot(text) { el('div', 'msg bot', text, $('messages')); scroll(); }
  function scroll() { var m = $('messages'); m.scrollTop = m.scrollHeight; }
  function setEnabled(on) { $('input').disabled = !on; $('send').disabled = !on; $('new-chat').disabled = !on; }
  function setBusy(busy) { $('send').disabled = busy || !state.token; }

  function send(text) {
    text = (text || '').trim();
    if (!text || !state.socket) return;
    state.optionButtons.forEach(function (b) { b.disabled = true; });
    state.optionButtons = [];
    addUser(text);
    keepComposerInView();
    if (!state.asked) { state.asked = true; renderSuggestions(); }
    // an open question can be answered once: older option buttons stop working
    state.cards.forEach(function (rec) { if (rec.name === 'assess_risk_profile' && rec.settled && !rec.used && rec.result && rec.result.question) { rec.used = true; renderCard(rec); } });
    setBusy(true);
    var payload = state.conversationId ? { text: text, lang: state.lang, conversationId: state.conversationId } : { text: text, lang: state.lang };
    state.socket.emit('message', payload, function (ack) {
      if (!ack || !ack.ok) failTurn(turnFor('rejected-' + Date.now()), ack && ack.error ? ack.error.message : '?');
    });
  }

  $('composer').addEventListener('submit', function (ev) { ev.preventDefault(); send($('input').value); $('input').value = ''; });
  $('input').addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); $('composer').requestSubmit(); }
  });
  $('lang-toggle').addEventListener('click', function () { state.lang = zh() ? 'en' : 'zh'; applyLang(); });
  $('new-chat').addEventListener('click', resetChat);
  var lastW = 0, timer = null;
  window.addEventListener('resize', function () {
    clearTimeout(timer);
    timer = setTimeout(function () { var w = $('messages').clientWidth; if (w !== lastW) { lastW = w; rerenderAll(); } }, 150);
  });

  /**
   * Start-up state: until `/readyz` is 200 (demo data seeded, library loaded) a banner names
   * each step and its state, and the page asks again every second; once ready, the banner
   * goes and the clients load (the advisor view logs in).
   */
  function renderStartup() {
    var box = $('startup'), r = state.startup;
    if (!r || r.ok) { box.hidden = true; box.textContent = ''; return; }
    box.hidden = false; box.textContent = '';
    var failed = (r.startupFailed || []).length > 0;
    box.classList.toggle('failed', failed);
    el('div', 'startup-title', t(failed ? 'startFailed' : 'starting'), box);
    var ul = el('ul', 'startup-steps', null, box), steps = r.startup || {};
    if (r.migrationsPending) steps = Object.assign({ migrations: 'running' }, steps);
    Object.keys(steps).forEach(function (k) {
      var li = el('li', 'step ' + steps[k], null, ul);
      li.dataset.step = k; li.dataset.state = steps[k];
      el('span', 'step-name', L['step_' + k] ? t('step_' + k) : k, li);
      el('span', 'step-state', t('state_' + steps[k]), li);
    });
    if (r.store === 'unreachable') el('li', 'step failed', t('storeDown'), ul);
  }
  function onReady() {
    loadPersonas();
    // `/?as=advisor:A001` opens the page as an advisor (the persona list is for clients)
    var as = new URLSearchParams(location.search).get('as');
    var m = as && /^advisor:([A-Za-z0-9_-]{1,32})$/.exec(as);
    if (m) login(as, { id: m[1], advisor: true, name: m[1], nameEn: m[1] });
  }
  function checkReady() {
    fetch('/readyz', { cache: 'no-store' })
      .then(function (r) { return r.json().then(function (b) { return { ok: r.ok, body: b }; }); })
      .then(function (x) {
        state.startup = Object.assign({}, x.body, { ok: x.ok });
        renderStartup();
        if (x.ok) onReady(); else setTimeout(checkReady, 1000);
      })
      .catch(function () { setTimeout(checkReady, 1000); });
  }
  applyLang();
  checkReady();
})();
