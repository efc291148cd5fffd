/* WealthDesk demo page: a small, safe Markdown subset for the agent's final answer.
 * Supported: paragraphs (blank line between), line breaks inside a paragraph, **bold**,
 * "- " / "* " and "1. " lists, pipe tables (a header row, then a |---| separator row),
 * and [n] citation markers (shown as superscript links; the caller decides where they go).
 * Everything else stays literal text. Safety: the text only ever reaches the page through
 * textContent / createTextNode on elements this file creates — never innerHTML — so an
 * answer holding "<img onerror=…>" shows those characters and nothing runs.
 * Exposes window.WDMarkdown = { render(text, opts) → DocumentFragment }. */
(function () {
  'use strict';
  var TABLE_ROW = /^\s*\|(.*)\|\s*$/;
  var TABLE_SEP = /^\s*\|?\s*:?-{3,}:?\s*(\|\s*:?-{3,}:?\s*)*\|?\s*$/;
  var BULLET = /^\s*[-*]\s+(.*)$/;
  var ORDERED = /^\s*(\d{1,3})\.\s+(.*)$/;
  // **bold** (no nesting) or a citation [n] with n of 1 to 3 digits.
  var INLINE = /\*\*([^*\n]+?)\*\*|\[(\d{1,3})\]/;

  function el(tag, cls, parent) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (parent) parent.appendChild(e);
    return e;
  }

  function cells(line) { return TABLE_ROW.exec(line)[1].split('|').map(function (c) { return c.trim(); }); }

  /** Appends `text` with its **bold** and [n] markers to `parent`. */
  function inline(parent, text, opts) {
    var re = new RegExp(INLINE.source, 'g'), last = 0, m;
    while ((m = re.exec(text)) !== null) {
      if (m.index > last) parent.appendChild(document.createTextNode(text.slice(last, m.index)));
      if (m[1] !== undefined) inline(el('strong', null, parent), m[1], opts); // bold text may hold [n]
      else citation(parent, Number(m[2]), opts);
      last = re.lastIndex;
    }
    if (last < text.length) parent.appendChild(document.createTextNode(text.slice(last)));
  }

  /** [n] as <sup><a>[n]</a></sup> when the caller knows citation n, else left as text. */
  function citation(parent, n, opts) {
    var href = opts.citeHref ? opts.citeHref(n) : null;
    if (!href) { parent.appendChild(document.createTextNode('[' + n + ']')); return; }
    var a = el('a', 'cite-ref', el('sup', null, parent));
    a.href = href;
    a.textContent = '[' + n + ']';
    a.setAttribute('data-cite', String(n));
    a.addEventListener('click', function (ev) { ev.preventDefault(); reveal(href.slice(1)); });
  }

  /** Scrolls to the element with this id; a <details> is opened (its toggle event fires, so
   * the page's record of open items follows) and its summary focused. */
  function reveal(id) {
    var target = document.getElementById(id);
    if (!target) return;
    if (target.tagName === 'DETAILS') target.open = true;
    target.scrollIntoView({ block: 'nearest' });
    var focus = target.tagName === 'DETAILS' ? target.querySelector('summary') : target;
    if (focus) focus.focus({ preventScroll: true });
  }

  function table(parent, header, rows, opts) {
    var wrap = el('div', 'tbl-wrap', parent);
    var tb = el('table', 'tbl md-tbl', wrap);
    var hr = el('tr', null, el('thead', null, tb));
    header.forEach(function (h) { var th = el('th', null, hr); th.scope = 'col'; inline(th, h, opts); });
    var body = el('tbody', null, tb);
    rows.forEach(function (r) {
      var tr = el('tr', null, body);
      for (var i = 0; i < header.length; i++) {
        var v = r[i] === undefined ? '' : r[i];
        // figures (+1.20%, 12,345.00 CNY, → arrows) align right like the cards' tables
        inline(el('td', /^[+\-−]?[\d,.]+%?( [A-Z]{3})?$/.test(v) ? 'num' : null, tr), v, opts);
      }
    });
  }

  /**
   * A fragment holding `text` formatted. opts.citeHref(n) → '#id' of citation n's element,
   * or null when there is no such citation (the marker then stays plain text). A click on
   * the link reveals that element (see reveal) without touching the address bar.
   */
  function render(text, opts) {
    opts = opts || {};
    var frag = document.createDocumentFragment();
    var lines = String(text || '').replace(/\r\n?/g, '\n').split('\n');
    var para = null, list = null, i = 0;
    function endBlocks() { para = null; list = null; }
    while (i < lines.length) {
      var line = lines[i];
      if (!line.trim()) { endBlocks(); i++; continue; }
      if (TABLE_ROW.test(line) && i + 1 < lines.length && TABLE_SEP.test(lines[i + 1])) {
        endBlocks();
        var header = cells(line), rows = [];
        i += 2;
        while (i < lines.length && TABLE_ROW.test(lines[i])) rows.push(cells(lines[i++]));
        table(frag, header, rows, opts);
        continue;
      }
      var b = BULLET.exec(line), o = b ? null : ORDERED.exec(line);
      if (b || o) {
        var tag = b ? 'UL' : 'OL';
        if (!list || list.tagName !== tag) {
          para = null;
          list = el(tag.toLowerCase(), 'md-list', frag);
          if (o && o[1] !== '1') list.start = Number(o[1]);
        }
        inline(el('li', null, list), b ? b[1] : o[2], opts);
        i++;
        continue;
      }
      list = null;
      if (para) el('br', null, para);
      else para = el('p', 'md-p', frag);
      inline(para, line, opts);
      i++;
    }
    return frag;
  }

  window.WDMarkdown = { render: render };
})();
