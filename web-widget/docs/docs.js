/* /docs: renders this server's OpenAPI document (no build step, no outside resources:
 * the service runs air-gapped). Text goes in with textContent only. */
(function () {
  'use strict';
  function el(tag, cls, text, parent) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    if (parent) parent.appendChild(e);
    return e;
  }
  function json(v) { return JSON.stringify(v, null, 2); }
  function render(doc) {
    var main = document.getElementById('ops');
    main.textContent = '';
    el('p', null, doc.info.title + ' ' + doc.info.version + ' · ' + Object.keys(doc.paths).length + ' paths', main);
    Object.keys(doc.paths).sort().forEach(function (path) {
      var item = doc.paths[path];
      Object.keys(item).forEach(function (method) {
        var op = item[method];
        var d = el('details', 'op', null, main);
        d.id = method + ' ' + path;
        var s = el('summary', null, null, d);
        el('span', 'method ' + method, method, s);
        el('span', 'path', path, s);
        if (op.security && op.security.length) el('span', 'lock', op['x-roles'] ? 'token · ' + op['x-roles'].join(', ') : 'token', s);
        el('span', 'summary', op.summary, s);
        var b = el('div', 'body', null, d);
        if (op.parameters) {
          el('h4', null, 'Parameters', b);
          var t = el('table', null, null, b);
          op.parameters.forEach(function (p) { var tr = el('tr', null, null, t); el('td', null, p.name, tr); el('td', null, p.in, tr); });
        }
        if (op.requestBody) {
          el('h4', null, 'Request body (application/json)', b);
          el('pre', null, json(op.requestBody.content['application/json'].schema), b);
        }
        el('h4', null, 'Responses', b);
        var rt = el('table', null, null, b);
        Object.keys(op.responses).forEach(function (code) {
          var tr = el('tr', null, null, rt);
          el('td', null, code, tr);
          el('td', null, op.responses[code].description, tr);
        });
        var sse = op.responses['200'] && op.responses['200']['x-sse-events'];
        if (sse) {
          el('h4', null, 'Server-sent events (Accept: text/event-stream), in order', b);
          var st = el('table', null, null, b);
          Object.keys(sse).forEach(function (name) { var tr = el('tr', null, null, st); el('td', null, name, tr); el('td', null, sse[name].description || '', tr); });
        }
      });
    });
  }
  fetch('/api/v1/openapi.json').then(function (r) { return r.json(); }).then(render).catch(function (e) {
    document.getElementById('ops').textContent = 'Could not load /api/v1/openapi.json: ' + e.message;
  });
})();
