/* WealthDesk demo page: pick a demo client, get a demo token, chat over socket.io with
 * streamed tokens and tool cards. Plain browser JS, no build step. All server text is
 * inserted with textContent (never innerHTML). */
(function () {
  'use strict';
  var I18N = {
    zh: {
      subtitle: '智能财富顾问', demo: '演示环境', who: '选择演示客户', whoHint: '以下为模拟客户数据，仅用于演示。',
      chatTitle: '对话', pickFirst: '请先在左侧选择一位客户', newChat: '新对话', placeholder: '问问您的资产、收益与风险…',
      send: '发送', disclaimer: '本服务提供的信息仅供参考，不构成投资建议。投资有风险，入市需谨慎。',
      chattingAs: '当前客户：', base: '本币', connecting: '连接中…', connected: '已连接', disconnected: '连接已断开，正在重连…',
      running: '查询中…', done: '完成', failed: '失败', total: '总市值', pnl: '浮动盈亏', items: '项', error: '出错了：',
      suggestions: ['我的组合现在值多少钱？', '我的资产配置是怎样的？', '我今年收益怎么样？', '我的组合风险有多大？95% VaR 是多少？', '我的风险等级是什么？'],
      profile: '风险等级', welcome: '您好！我是您的智能财富顾问，可以为您查询持仓、收益与风险。'
    },
    en: {
      subtitle: 'AI wealth advisor', demo: 'Demo', who: 'Pick a demo client', whoHint: 'Simulated client data, for demonstration only.',
      chatTitle: 'Conversation', pickFirst: 'Pick a client on the left first', newChat: 'New chat', placeholder: 'Ask about your holdings, returns and risk…',
      send: 'Send', disclaimer: 'Information only, not investment advice. Investing involves risk.',
      chattingAs: 'Client: ', base: 'base', connecting: 'Connecting…', connected: 'Connected', disconnected: 'Disconnected, reconnecting…',
      running: 'running…', done: 'done', failed: 'failed', total: 'Total value', pnl: 'Unrealized P&L', items: 'items', error: 'Error: ',
      suggestions: ['What is my portfolio worth now?', 'What is my allocation by asset class?', 'How did I do this year?', "How risky is my portfolio, what's my 95% VaR?", 'What is my risk profile?'],
      profile: 'Risk profile', welcome: 'Hello! I am your wealth assistant. Ask me about your holdings, returns and risk.'
    }
  };
  var CLASSES = {
    zh: { equity_cn: 'A股', equity_hk: '港股', equity_us: '美股', bond: '债券', fund: '公募基金', wealth: '银行理财', private: '私募', reit: 'REITs', cash: '现金' },
    en: { equity_cn: 'A-shares', equity_hk: 'HK equities', equity_us: 'US equities', bond: 'Bonds', fund: 'Public funds', wealth: 'Bank WMPs', private: 'Private funds', reit: 'REITs', cash: 'Cash' }
  };
  function classLabel(k) { return CLASSES[state.lang][k] || k; }
  var COLORS = ['#0b2545', '#c9a227', '#3e7cb1', '#8da9c4', '#b3261e', '#1e7b4a', '#7a5c99', '#e07a5f', '#6b7485'];
  var state = { lang: 'zh', token: null, persona: null, socket: null, conversationId: null, turns: {} };
  var $ = function (id) { return document.getElementById(id); };
  var t = function (k) { return I18N[state.lang][k]; };

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  function applyLang() {
    document.documentElement.lang = state.lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach(function (n) { n.textContent = t(n.getAttribute('data-i18n')); });
    document.querySelectorAll('[data-i18n-placeholder]').forEach(function (n) { n.placeholder = t(n.getAttribute('data-i18n-placeholder')); });
    $('lang-toggle').textContent = state.lang === 'zh' ? 'EN' : '中文';
    renderPersonas();
    renderWho();
    if (state.statusKey) status(state.statusKey);
    renderSuggestions();
  }

  function renderWho() {
    var p = state.persona;
    $('chat-who').textContent = p ? t('chattingAs') + personaName(p) + ' (' + p.id + ', ' + t('base') + ' ' + p.baseCurrency + ')' : t('pickFirst');
  }
  function personaName(p) { return state.lang === 'zh' ? p.name : p.nameEn; }

  var personas = [];
  function renderPersonas() {
    var list = $('persona-list');
    list.textContent = '';
    personas.forEach(function (p) {
      var li = el('li');
      var b = el('button');
      b.type = 'button';
      b.dataset.id = p.id;
      if (state.persona && state.persona.id === p.id) b.classList.add('active');
      var left = el('span');
      left.appendChild(el('div', 'p-name', personaName(p)));
      left.appendChild(el('div', 'p-meta', p.id));
      var right = el('span');
      right.appendChild(el('span', 'tag', p.baseCurrency));
      if (p.riskLevel) right.appendChild(el('span', 'tag', 'C' + p.riskLevel));
      b.appendChild(left);
      b.appendChild(right);
      b.addEventListener('click', function () { choose(p); });
      li.appendChild(b);
      list.appendChild(li);
    });
  }

  function renderSuggestions() {
    var box = $('suggestions');
    box.textContent = '';
    if (!state.token || state.asked) return;
    t('suggestions').forEach(function (q) {
      var b = el('button', null, q);
      b.type = 'button';
      b.addEventListener('click', function () { send(q); });
      box.appendChild(b);
    });
  }

  /* status(key) shows a translated message (re-translated on language change); status(null, text) a raw one. */
  function status(key, raw) { state.statusKey = key; $('persona-status').textContent = key ? t(key) : raw || ''; }

  function loadPersonas() {
    fetch('/api/v1/demo/clients').then(function (r) { return r.json(); }).then(function (body) {
      personas = body.clients || [];
      renderPersonas();
    }).catch(function (e) { status(null, t('error') + e.message); });
  }

  function choose(p) {
    status('connecting');
    fetch('/api/v1/demo/token', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ as: 'client:' + p.id }) })
      .then(function (r) { return r.json().then(function (b) { if (!r.ok) throw new Error(b.message); return b; }); })
      .then(function (b) {
        state.token = b.token;
        state.persona = p;
        if (p.language === 'en' || p.language === 'zh') state.lang = p.language;
        resetChat();
        connect();
        applyLang();
      })
      .catch(function (e) { status(null, t('error') + e.message); });
  }

  function resetChat() {
    state.conversationId = null;
    state.turns = {};
    state.asked = false;
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
    s.on('turn:start', function (e) { var turn = turnFor(e.requestId); state.conversationId = e.conversationId; turn.started = true; });
    s.on('token', function (e) { var turn = turnFor(e.requestId); turn.text += e.text; turn.bubble.textContent = turn.text; scroll(); });
    s.on('tool_call', function (e) { toolCard(turnFor(e.requestId), e); });
    s.on('tool_result', function (e) { toolResult(turnFor(e.requestId), e); });
    s.on('done', function (e) {
      var turn = turnFor(e.requestId);
      turn.bubble.classList.remove('streaming');
      turn.bubble.textContent = e.result.answer; // the guarded final answer
      state.conversationId = e.result.conversationId;
      var meta = e.result.model + ' · ' + e.result.latencyMs + ' ms';
      turn.box.appendChild(el('div', 'meta', meta));
      setBusy(false);
      scroll();
    });
    s.on('error', function (e) {
      var turn = turnFor(e.requestId);
      turn.bubble.classList.remove('streaming');
      turn.bubble.classList.add('error');
      turn.bubble.textContent = t('error') + e.message;
      setBusy(false);
    });
  }

  function turnFor(requestId) {
    var turn = state.turns[requestId];
    if (turn) return turn;
    var box = el('div', 'turn');
    var cards = el('div', 'turn');
    var bubble = el('div', 'msg bot streaming');
    box.appendChild(cards);
    box.appendChild(bubble);
    $('messages').appendChild(box);
    turn = state.turns[requestId] = { box: box, cards: cards, bubble: bubble, text: '', tools: {} };
    scroll();
    return turn;
  }

  function toolCard(turn, e) {
    var card = el('div', 'tool-card');
    card.appendChild(el('span', 'tool-state', t('running')));
    card.appendChild(el('div', 'tool-name', e.name));
    turn.cards.appendChild(card);
    turn.tools[e.id] = card;
    scroll();
  }

  function toolResult(turn, e) {
    var card = turn.tools[e.id];
    if (!card) { toolCard(turn, e); card = turn.tools[e.id]; }
    card.querySelector('.tool-state').textContent = e.ok ? t('done') : t('failed');
    if (!e.ok) card.classList.add('failed');
    card.appendChild(compact(e.name, e.result));
    scroll();
  }

  var PCT_KEY = /(weight|return|pct|volatility|drawdown|var\d|cvar|ratio)/i;
  function fmtNum(v, key) {
    if (typeof v === 'number') return key && PCT_KEY.test(key) && !/sharpe|sortino|calmar/i.test(key) ? (v * 100).toFixed(2) + '%' : v.toLocaleString(undefined, { maximumFractionDigits: 4 });
    if (typeof v === 'string' && /^-?\d+(\.\d+)?$/.test(v)) {
      var parts = v.split('.');
      var int = parts[0].replace(/\B(?=(\d{3})+(?!\d))/g, ',');
      return parts[1] ? int + '.' + parts[1].slice(0, 2) : int;
    }
    return String(v);
  }

  /* A compact view of a tool result: a portfolio as total + allocation bar, else the
   * scalar fields and the size of each list. */
  function compact(name, r) {
    var box = el('div');
    if (!r || typeof r !== 'object') { box.appendChild(el('div', 'kv', String(r))); return box; }
    if (r.error) { box.appendChild(el('div', 'k', r.error.code + ': ' + r.error.message)); return box; }
    if (r.totalValue && r.allocation && r.allocation.byAssetClass) {
      box.appendChild(el('div', 'k', t('total') + ' (' + r.currency + ')'));
      box.appendChild(el('div', 'big', fmtNum(r.totalValue)));
      if (r.unrealizedPnl) {
        var p = el('div', 'k', t('pnl') + ': ' + fmtNum(r.unrealizedPnl) + ' (' + fmtNum(r.unrealizedPnlPct, 'pct') + ')');
        box.appendChild(p);
      }
      var bar = el('div', 'bar');
      var legend = el('div', 'legend');
      r.allocation.byAssetClass.forEach(function (s, i) {
        var seg = el('span');
        seg.style.width = (s.weight * 100).toFixed(2) + '%';
        seg.style.background = COLORS[i % COLORS.length];
        seg.title = classLabel(s.key);
        bar.appendChild(seg);
        var item = el('span');
        var sw = el('i');
        sw.style.background = COLORS[i % COLORS.length];
        item.appendChild(sw);
        item.appendChild(document.createTextNode(classLabel(s.key) + ' ' + (s.weight * 100).toFixed(1) + '%'));
        legend.appendChild(item);
      });
      box.appendChild(bar);
      box.appendChild(legend);
      return box;
    }
    var kv = el('div', 'kv');
    var shown = 0;
    Object.keys(r).forEach(function (k) {
      if (shown >= 8) return;
      var v = r[k];
      var text = null;
      if (v === null || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') text = fmtNum(v, k);
      else if (Array.isArray(v)) text = v.length + ' ' + t('items');
      if (text === null || text.length > 60) return;
      kv.appendChild(el('span', 'k', k));
      kv.appendChild(el('span', 'v', text));
      shown++;
    });
    box.appendChild(kv);
    return box;
  }

  function addUser(text) { $('messages').appendChild(el('div', 'msg user', text)); scroll(); }
  function addBot(text) { $('messages').appendChild(el('div', 'msg bot', text)); scroll(); }
  function scroll() { var m = $('messages'); m.scrollTop = m.scrollHeight; }
  function setEnabled(on) { $('input').disabled = !on; $('send').disabled = !on; $('new-chat').disabled = !on; }
  function setBusy(busy) { $('send').disabled = busy || !state.token; }

  function send(text) {
    text = (text || '').trim();
    if (!text || !state.socket) return;
    addUser(text);
    if (!state.asked) { state.asked = true; renderSuggestions(); }
    setBusy(true);
    var payload = { text: text, lang: state.lang };
    if (state.conversationId) payload.conversationId = state.conversationId;
    state.socket.emit('message', payload, function (ack) {
      if (!ack || !ack.ok) {
        var turn = turnFor('rejected-' + Date.now());
        turn.bubble.classList.remove('streaming');
        turn.bubble.classList.add('error');
        turn.bubble.textContent = t('error') + (ack && ack.error ? ack.error.message : '?');
        setBusy(false);
      }
    });
  }

  $('composer').addEventListener('submit', function (ev) {
    ev.preventDefault();
    var input = $('input');
    send(input.value);
    input.value = '';
  });
  $('input').addEventListener('keydown', function (ev) {
    if (ev.key === 'Enter' && !ev.shiftKey && !ev.isComposing) { ev.preventDefault(); $('composer').requestSubmit(); }
  });
  $('lang-toggle').addEventListener('click', function () { state.lang = state.lang === 'zh' ? 'en' : 'zh'; applyLang(); });
  $('new-chat').addEventListener('click', resetChat);

  applyLang();
  loadPersonas();
})();
