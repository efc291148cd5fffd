/* WealthDesk compliance console: plain JS, talks to /api/v1/compliance with a bearer token. */
(function () {
  'use strict';
  const T = {
    zh: { title: '合规控制台', verify: '校验审计链', chainUnknown: '审计链：未校验', chainOk: '审计链完整 · {n} 条事件', chainBad: '审计链异常：事件 #{id}', signIn: '合规人员登录', signInHint: '粘贴由身份系统签发的合规角色令牌。', signInBtn: '登录',
      from: '起', to: '止', advisor: '理财经理', client: '客户', flag: '标记类型', state: '状态', text: '关键词', search: '查询', any: '全部', pick: '从左侧队列选择一个会话。', items: '共 {n} 条',
      f_guard_input: '输入拦截', f_guard_output: '输出拦截', f_complaint: '投诉', f_low_confidence: '低置信度', f_suitability: '适当性', f_grounding: '数字溯源', f_sample: '随机抽样',
      s_open: '待处理', s_in_review: '复核中', s_escalated: '已升级', s_closed: '已结案', review: '复核', startReview: '开始复核', escalate: '升级', close: '结案', backToReview: '退回复核',
      disposition: '处置结论', d_no_issue: '无问题', d_coaching: '辅导整改', d_remediation: '客户补救', d_reported: '已上报', d_false_positive: '误报', notes: '备注', addNote: '添加备注',
      pii: '个人信息', piiMasked: '个人信息默认脱敏显示（{n} 项已加密保存）。', unmask: '查看原文', reason: '查看原因（将记入审计）', unmasked: '已显示原文，本次查看已记入审计 #{seq}。',
      evidence: '证据导出', timeline: '会话时间线', user: '客户', assistant: '助手', tools: '工具调用', guardIn: '输入守卫', guardOut: '输出守卫', events: '审计事件', actions: '复核记录', flags: '标记',
      conversation: '会话', back: '← 返回队列', started: '开始', signOut: '退出', errReason: '请填写至少 8 个字的原因。' },
    en: { title: 'Compliance console', verify: 'Verify audit chain', chainUnknown: 'Audit chain: not checked', chainOk: 'Chain intact · {n} events', chainBad: 'Chain broken at event #{id}', signIn: 'Compliance sign-in', signInHint: 'Paste a compliance-role token issued by your identity system.', signInBtn: 'Sign in',
      from: 'From', to: 'To', advisor: 'Advisor', client: 'Client', flag: 'Flag type', state: 'State', text: 'Text', search: 'Search', any: 'All', pick: 'Pick a conversation from the queue.', items: '{n} items',
      f_guard_input: 'Input guard', f_guard_output: 'Output guard', f_complaint: 'Complaint', f_low_confidence: 'Low confidence', f_suitability: 'Suitability', f_grounding: 'Grounding', f_sample: 'Random sample',
      s_open: 'Open', s_in_review: 'In review', s_escalated: 'Escalated', s_closed: 'Closed', review: 'Review', startReview: 'Start review', escalate: 'Escalate', close: 'Close', backToReview: 'Back to review',
      disposition: 'Disposition', d_no_issue: 'No issue', d_coaching: 'Coaching', d_remediation: 'Client remediation', d_reported: 'Reported', d_false_positive: 'False positive', notes: 'Notes', addNote: 'Add note',
      pii: 'Personal data', piiMasked: 'Personal data is masked by default ({n} originals kept encrypted).', unmask: 'Unmask', reason: 'Reason (recorded in the audit log)', unmasked: 'Originals shown; this access was audited as event #{seq}.',
      evidence: 'Evidence export', timeline: 'Timeline', user: 'Client', assistant: 'Assistant', tools: 'Tool calls', guardIn: 'Input guard', guardOut: 'Output guard', events: 'Audit events', actions: 'Review log', flags: 'Flags',
      conversation: 'Conversation', back: '← Back to queue', started: 'Started', signOut: 'Sign out', errReason: 'Give a reason of at least 8 characters.' },
  };
  const $ = (s, el = document) => el.querySelector(s);
  const h = (tag, attrs = {}, ...kids) => {
    const el = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === 'class') el.className = v; else if (k.startsWith('on')) el.addEventListener(k.slice(2), v); else if (v !== undefined && v !== null) el.setAttribute(k, v);
    }
    for (const k of kids.flat()) if (k !== null && k !== undefined && k !== false) el.append(k instanceof Node ? k : String(k));
    return el;
  };
  let lang = localStorage.getItem('wd.lang') || 'zh';
  let token = sessionStorage.getItem('wd.token') || '';
  let current = null; // {id, timeline, originals}
  const loc = () => (lang === 'zh' ? 'zh-CN' : 'en-GB');
  const when = (v) => new Date(v).toLocaleString(loc(), { hour12: false });
  const t = (k, vars) => (T[lang][k] || k).replace(/\{(\w+)\}/g, (_, v) => (vars && vars[v] !== undefined ? vars[v] : ''));

  function applyLang() {
    document.documentElement.lang = lang === 'zh' ? 'zh-CN' : 'en';
    document.querySelectorAll('[data-i18n]').forEach((el) => { el.textContent = t(el.dataset.i18n); });
    $('#lang').textContent = lang === 'zh' ? 'EN' : '中文';
    document.title = `WealthDesk ${t('title')}`;
  }

  async function api(path, opts = {}) {
    const res = await fetch(path, { ...opts, headers: { authorization: `Bearer ${token}`, ...(opts.body ? { 'content-type': 'application/json' } : {}) } });
    if (res.status === 401) { signOut(); throw new Error('unauthenticated'); }
    if (!res.ok) { const e = await res.json().catch(() => ({})); throw new Error(e.message || res.statusText); }
    return res;
  }
  const json = async (path, opts) => (await api(path, opts)).json();

  function claims(tok) {
    try { return JSON.parse(atob(tok.split('.')[1].replace(/-/g, '+').replace(/_/g, '/'))); } catch { return null; }
  }
  function signOut() { sessionStorage.removeItem('wd.token'); token = ''; show(); }
  function show() {
    const c = token && claims(token);
    const ok = c && c.role === 'compliance';
    $('#login').hidden = !!ok; $('#app').hidden = !ok;
    $('#who').textContent = ok ? `${c.reviewerId}` : '';
    if (ok) loadQueue();
  }

  const stateChip = (s) => h('span', { class: `chip ${s === 'open' ? 'amber' : s === 'escalated' ? 'red' : s === 'closed' ? 'green' : 'blue'}` }, t(`s_${s}`));
  const flagChip = (f) => h('span', { class: `chip ${f === 'sample' ? '' : f === 'complaint' || f.startsWith('guard') ? 'red' : 'amber'}` }, t(`f_${f}`));

  async function loadQueue() {
    const params = new URLSearchParams();
    for (const [k, v] of new FormData($('#filters'))) if (v) params.set(k, v);
    const data = await json(`/api/v1/compliance/queue?${params}`);
    $('#count').textContent = t('items', { n: data.total });
    const ul = $('#items'); ul.replaceChildren();
    for (const it of data.items) {
      ul.append(h('li', { 'data-conversation': it.conversationId, class: current && current.id === it.conversationId ? 'sel' : '', onclick: () => openConversation(it.conversationId) },
        h('div', { class: 'row1' }, h('span', {}, `${it.clientId || '-'} · ${it.advisorId || '-'}`), stateChip(it.state)),
        h('div', {}, it.flagTypes.map(flagChip)),
        h('div', { class: 'small muted' }, `${when(it.updatedAt)} · ${(it.reasons[it.reasons.length - 1] || {}).detail || ''}`)));
    }
  }

  function withOriginals(text, turnId) {
    const map = current && current.originals && current.originals[turnId];
    const parts = String(text || '').split(/(\[[A-Z_]+_\d+\])/g);
    return parts.map((p) => {
      if (!/^\[[A-Z_]+_\d+\]$/.test(p)) return p;
      const o = map && map.find((e) => e.mask === p);
      return o ? h('span', { class: 'unmasked', title: p }, o.original) : h('span', { class: 'mask' }, p);
    });
  }
  const guardChips = (g) => (g ? [h('span', { class: `chip ${g.decision === 'refuse' ? 'red' : g.decision === 'flag' ? 'amber' : 'green'}` }, g.decision), ...(g.categories || []).map((c) => h('span', { class: 'chip' }, c))] : []);

  async function openConversation(id) {
    const timeline = await json(`/api/v1/compliance/conversations/${id}`);
    current = { id, timeline, originals: current && current.id === id ? current.originals : null };
    document.querySelectorAll('#items li').forEach((li) => li.classList.toggle('sel', li.dataset.conversation === id));
    $('#app').classList.add('reading'); // on a phone the queue gives way to the conversation
    render();
    if (matchMedia('(max-width: 760px)').matches) window.scrollTo(0, 0);
  }

  function render() {
    const { timeline: tl } = current; const c = tl.conversation; const r = tl.review;
    const d = $('#detail'); d.replaceChildren();
    d.append(h('button', { class: 'back', id: 'back', onclick: () => $('#app').classList.remove('reading') }, t('back')));
    d.append(h('h2', {}, `${t('conversation')} ${c.id.slice(0, 8)}`),
      h('div', { class: 'facts' }, h('span', {}, `${t('client')}: ${c.clientId || '-'} ${c.clientName || ''}`), h('span', {}, `${t('advisor')}: ${c.advisorId || '-'}`), h('span', {}, `${t('started')}: ${when(c.createdAt)}`), r ? stateChip(r.state) : null));
    if (r) d.append(reviewPanel(r));
    d.append(piiPanel(tl), evidencePanel(c.id));
    const turns = h('div', { id: 'timeline' }, h('h3', {}, t('timeline')));
    for (const turn of tl.turns) {
      const gi = turn.guard && turn.guard.input; const go = turn.guard && turn.guard.output;
      const cls = turn.status === 'refused' ? 'refused' : turn.flags.length || (gi && gi.decision !== 'allow') || (go && go.decision !== 'allow') ? 'flagged' : '';
      turns.append(h('div', { class: `turn ${cls}`, 'data-turn': turn.id },
        h('div', { class: 'small muted' }, `${when(turn.at)} · ${turn.model} · ${turn.latencyMs ?? '-'} ms`),
        h('div', { class: 'role' }, t('user')), h('div', { class: 'bubble user' }, withOriginals(turn.userText, turn.id)),
        h('div', { class: 'small' }, `${t('guardIn')}: `, guardChips(gi)),
        turn.toolCalls.length ? h('div', {}, h('div', { class: 'role' }, t('tools')), turn.toolCalls.map((tc) => h('details', { class: 'tool' }, h('summary', {}, `${tc.ok ? '✔' : '✖'} ${tc.name} · ${tc.ms} ms`), h('pre', {}, `args ${JSON.stringify(tc.args, null, 2)}\nresult ${JSON.stringify(tc.result, null, 2)}`)))) : null,
        h('div', { class: 'role' }, t('assistant')), h('div', { class: 'bubble bot' }, withOriginals(turn.answer, turn.id)),
        h('div', { class: 'small' }, `${t('guardOut')}: `, guardChips(go), turn.flags.length ? [` ${t('flags')}: `, turn.flags.map((f) => h('span', { class: 'chip amber' }, f))] : null)));
    }
    d.append(turns);
    const ev = h('table', { class: 'events' }, h('tr', {}, h('th', {}, '#'), h('th', {}, 'time'), h('th', {}, 'kind'), h('th', {}, 'hash')));
    for (const e of tl.events) ev.append(h('tr', {}, h('td', {}, e.seq), h('td', {}, new Date(e.at).toLocaleTimeString(loc(), { hour12: false })), h('td', {}, e.kind), h('td', { class: 'hash' }, `${e.hash.slice(0, 16)}…`)));
    d.append(h('div', { class: 'panel' }, h('h3', {}, t('events')), ev));
  }

  function reviewPanel(r) {
    const notes = h('textarea', { id: 'notes', rows: 2, placeholder: t('notes') });
    const disp = h('select', { id: 'disposition' }, ['no_issue', 'coaching', 'remediation', 'reported', 'false_positive'].map((x) => h('option', { value: x }, t(`d_${x}`))));
    const act = (to) => async () => {
      const body = { ...(to ? { to } : {}), ...(to === 'closed' ? { disposition: disp.value } : {}), ...(notes.value.trim() ? { notes: notes.value.trim() } : {}) };
      try { await json(`/api/v1/compliance/reviews/${r.id}/actions`, { method: 'POST', body: JSON.stringify(body) }); await openConversation(current.id); await loadQueue(); } catch (e) { alert(e.message); }
    };
    const btns = [];
    if (r.state === 'open') btns.push(h('button', { class: 'primary', id: 'act-in_review', onclick: act('in_review') }, t('startReview')));
    if (r.state === 'in_review') btns.push(h('button', { class: 'danger', id: 'act-escalated', onclick: act('escalated') }, t('escalate')));
    if (r.state === 'escalated') btns.push(h('button', { id: 'act-in_review', onclick: act('in_review') }, t('backToReview')));
    if (r.state === 'in_review' || r.state === 'escalated') btns.push(h('label', { class: 'small' }, `${t('disposition')} `, disp), h('button', { class: 'primary', id: 'act-closed', onclick: act('closed') }, t('close')));
    if (r.state !== 'closed') btns.push(h('button', { id: 'act-note', onclick: act(null) }, t('addNote')));
    const log = h('ul', { class: 'small muted' }, r.actions.map((a) => h('li', {}, `${when(a.at)} · ${a.reviewerId} · ${a.action} ${a.fromState ? `${a.fromState}→${a.toState}` : ''} ${a.disposition ? t(`d_${a.disposition}`) : ''} ${a.notes || ''}`)));
    return h('div', { class: 'panel', id: 'review' }, h('h3', {}, t('review'), ' ', stateChip(r.state), r.disposition ? h('span', { class: 'chip green', id: 'disposition-chip' }, t(`d_${r.disposition}`)) : null),
      h('div', {}, r.flagTypes.map(flagChip)), h('ul', { class: 'small' }, r.reasons.map((x) => h('li', {}, `${t(`f_${x.type}`)}: ${x.detail}`))),
      r.state !== 'closed' ? notes : null, h('div', { class: 'actions' }, btns), r.actions.length ? h('div', {}, h('div', { class: 'role' }, t('actions')), log) : null);
  }

  function piiPanel(tl) {
    const reason = h('input', { id: 'unmask-reason', size: 40, placeholder: t('reason') });
    const msg = h('div', { class: 'small', id: 'unmask-msg' });
    const go = async () => {
      if ([...reason.value.trim()].length < 8) { msg.textContent = t('errReason'); msg.className = 'small error'; return; }
      try {
        const r = await json(`/api/v1/compliance/conversations/${current.id}/unmask`, { method: 'POST', body: JSON.stringify({ reason: reason.value.trim() }) });
        current.originals = r.originals; render(); $('#unmask-msg').textContent = t('unmasked', { seq: r.auditSeq });
      } catch (e) { msg.textContent = e.message; msg.className = 'small error'; }
    };
    return h('div', { class: 'panel' }, h('h3', {}, t('pii')), h('div', { class: 'small muted' }, t('piiMasked', { n: tl.vaultEntries })),
      current.originals ? null : h('div', { class: 'actions' }, reason, h('button', { id: 'unmask', onclick: go, disabled: tl.vaultEntries ? undefined : 'disabled' }, t('unmask'))), msg);
  }

  function evidencePanel(id) {
    const dl = (fmt) => async () => {
      const res = await api(`/api/v1/compliance/conversations/${id}/evidence?format=${fmt}`);
      const url = URL.createObjectURL(await res.blob());
      h('a', { href: url, download: `evidence-${id}.${fmt}` }).click(); setTimeout(() => URL.revokeObjectURL(url), 5000);
    };
    return h('div', { class: 'panel' }, h('h3', {}, t('evidence')), h('div', { class: 'actions' }, h('button', { onclick: dl('json') }, 'JSON'), h('button', { onclick: dl('pdf') }, 'PDF')));
  }

  async function verify() {
    const el = $('#chain');
    const r = await json('/api/v1/compliance/audit/verify', { method: 'POST', body: '{}' });
    el.textContent = r.ok ? t('chainOk', { n: r.events }) : t('chainBad', { id: r.firstBadEventId ?? r.reason });
    el.className = `chip ${r.ok ? 'green' : 'red'}`;
  }

  document.addEventListener('DOMContentLoaded', () => {
    const m = /token=([^&]+)/.exec(location.hash);
    if (m) { token = decodeURIComponent(m[1]); sessionStorage.setItem('wd.token', token); history.replaceState(null, '', location.pathname); }
    applyLang();
    $('#lang').onclick = () => { lang = lang === 'zh' ? 'en' : 'zh'; localStorage.setItem('wd.lang', lang); applyLang(); if (token) loadQueue(); if (current) render(); };
    $('#signin').onclick = () => { token = $('#token').value.trim(); const c = claims(token); if (!c || c.role !== 'compliance') { $('#login-error').textContent = 'compliance token required'; return; } sessionStorage.setItem('wd.token', token); show(); };
    $('#filters').onsubmit = (e) => { e.preventDefault(); loadQueue(); };
    $('#verify').onclick = verify;
    show();
  });
})();
