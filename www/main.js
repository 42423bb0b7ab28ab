// baocao web page: input handling, parser worker management, language, service worker.
// The report panels are drawn by render.js (shared with the <baocao-report> element), the UI
// strings live in i18n.js (Vietnamese by default, English switch).
//
// Security: report data is only ever put into the page through textContent / createElement
// (never innerHTML), and the page needs no inline script or style, so it runs under
// `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'`.
//
// Two modes:
//  * served (www/): the worker is ./worker.js, it fetches ./pkg/baocao_bg.wasm itself; a service
//    worker (sw.js) keeps a copy of the page so it works again with the network off;
//  * single file (dist/baocao.html, built by scripts/build-single.mjs, which also inlines the
//    modules imported below): a classic script sets globalThis.__BAOCAO_EMBED__ = {worker:
//    <classic script source>, wasm: <base64>}; the worker is created from a Blob URL and receives
//    the wasm bytes in an init message. No service worker there.

import { translator, normLang } from './i18n.js';
import { el, isObj, arr, hasText, makeCtx, fmtNum, fmtBytes, fmtDate, encodingLabel, none, panelError, panelCount, PANELS } from './render.js';

const EMBED = globalThis.__BAOCAO_EMBED__ || null;
const MAX_INPUT_BYTES = 100 * 1024 * 1024; // same limit as the core (src/limits.rs); checked before reading
const PARSE_TIMEOUT_MS = 120_000;
const MAX_CONSECUTIVE_WORKER_FAILURES = 3;
const LANG_KEY = 'baocao.lang';

const $ = (id) => document.getElementById(id);

// ---------------------------------------------------------------------------------------------
// Language: Vietnamese by default, English on request (remembered in localStorage)

const ui = { lang: 'vi', t: translator('vi') };

function storedLang() {
  try {
    return normLang(localStorage.getItem(LANG_KEY) || 'vi');
  } catch {
    return 'vi'; // storage refused (privacy settings): the default
  }
}

/** A render context without a report: number formats and t() of the current language. */
function uiCtx() {
  return makeCtx({ report: null, lang: ui.lang });
}

/** Static strings of index.html: data-i18n="key" (text), data-i18n-attr="attr:key;attr:key". */
function applyStaticStrings() {
  const { t } = ui;
  document.documentElement.lang = ui.lang;
  document.title = t('app.title');
  for (const node of document.querySelectorAll('[data-i18n]')) node.textContent = t(node.dataset.i18n);
  for (const node of document.querySelectorAll('[data-i18n-attr]')) {
    for (const pair of node.dataset.i18nAttr.split(';')) {
      const [attr, key] = pair.split(':').map((x) => x.trim());
      if (attr && key) node.setAttribute(attr, t(key));
    }
  }
  const b = $('lang-toggle');
  if (b) {
    b.textContent = t('app.langButton');
    b.lang = ui.lang === 'vi' ? 'en' : 'vi';
    b.setAttribute('aria-label', t('app.langButtonLabel'));
  }
}

function setLang(lang, { remember = true } = {}) {
  ui.lang = normLang(lang);
  ui.t = translator(ui.lang);
  if (remember) {
    try {
      localStorage.setItem(LANG_KEY, ui.lang);
    } catch {
      /* not remembered, still switched */
    }
  }
  applyStaticStrings();
  for (const d of state.docs) renderDocItem(d);
  updateChrome();
  state.renderedKey = null;
  if (!$('compare-view').hidden) openCompare();
  else renderSelection();
}

/** The label shown for a document: the file name, or "Văn bản dán 2" in the current language. */
function docLabel(doc) {
  if (doc.kind === 'paste') return ui.t('docs.pasteLabel', { n: doc.pasteNo });
  return doc.label || ui.t('docs.unnamed');
}

/** The message of a document's error, in the current language when it is a UI message. */
function errorText(err) {
  if (!err) return ui.t('error.unknown');
  const byCode = `error.codes.${err.code}`;
  if (hasText(err.message)) {
    // The parser and the worker word their errors in Vietnamese: in English, lead with the code's label.
    return ui.lang !== 'vi' && ui.t.has(byCode) ? `${ui.t(byCode)} (${err.message})` : err.message;
  }
  if (err.key) {
    const vars = { ...(err.vars || {}) };
    for (const k of err.bytes || []) vars[k] = fmtBytes(uiCtx(), vars[k]);
    return ui.t(err.key, vars);
  }
  return ui.t.has(byCode) ? ui.t(byCode) : ui.t('error.unknown');
}

/** "baocao.txt" → "baocao.json"; anything unsafe in a file name becomes "_". */
function jsonFileName(name, suffix = '.json') {
  let base = String(name || 'van-ban').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  base = base.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'van-ban';
  return `${base}${suffix}`;
}

// ---------------------------------------------------------------------------------------------
// Service worker (served build only): caches the page so that it works with the network off.

let swRegistered = false;

function registerServiceWorker(version) {
  if (swRegistered || EMBED || !('serviceWorker' in navigator)) return;
  if (!/^https?:$/.test(location.protocol)) return;
  swRegistered = true;
  // The version in the script URL names the cache: a new release installs a new worker, which
  // drops the old cache when it activates.
  navigator.serviceWorker
    .register(`./sw.js?v=${encodeURIComponent(version || '0')}`, { scope: './' })
    .catch((err) => console.warn('baocao: service worker not registered:', err?.message || err));
}

// ---------------------------------------------------------------------------------------------
// Document state

/**
 * @typedef {{id:number, name:string, label:string, kind:'file'|'paste', size:number,
 *   status:'parsing'|'done'|'error'|'cancelled', started:boolean, file?:File|null, text?:string|null,
 *   report?:object|null, error?:{code:string,message:string}|null, ms?:number|null,
 *   phase?:'reading'|'parsing'|null, loaded?:number, parseStart?:number, abortRead?:Function|null}} Doc
 * status 'parsing' covers the whole wait: queued (!started), then phase 'reading' (a File being
 * read, `loaded` bytes so far), then phase 'parsing' (posted to the worker at `parseStart`).
 */
const state = {
  /** @type {Doc[]} */ docs: [],
  selectedId: null,
  nextId: 1,
  pasteCount: 0,
  renderedKey: null,
};

const docById = (id) => state.docs.find((d) => d.id === id) || null;
const selectedDoc = () => docById(state.selectedId);

/**
 * User Timing marks, for a portal's monitoring and for bench/page-chromium.mjs: `baocao:interactive`
 * (the page answers input), `baocao:parser-ready` (the worker's wasm is compiled),
 * `baocao:parser-warm` (its warm-up parse is done: regexes built; detail.ms),
 * `baocao:parser-tiered` (its idle rounds that get the wasm optimised are done; detail.ms),
 * `baocao:doc-added`, `baocao:doc-rendered` (the report is usable: the panels on screen are built,
 * the others are built at once when needed — see `lazy`) and `baocao:doc-complete` (every panel
 * is built) (detail.id: the document). Never throws.
 */
function mark(name, detail) {
  try {
    performance.mark(name, detail === undefined ? undefined : { detail });
  } catch {
    /* a browser without User Timing level 3: no marks */
  }
}

function addDoc(doc) {
  const full = {
    id: state.nextId++,
    status: 'parsing',
    started: false,
    report: null,
    error: null,
    ms: null,
    ...doc,
  };
  state.docs.push(full);
  mark('baocao:doc-added', { id: full.id });
  return full;
}

function failDoc(doc, code, message) {
  doc.status = 'error';
  doc.phase = null;
  // message: the parser's own words (shown as is); key/vars: a UI message, translated when shown.
  doc.error = { code: code || 'ERROR', ...(typeof message === 'string' ? { message } : message || {}) };
  doc.file = null;
  doc.text = null;
  docChanged(doc);
}

function addFiles(fileList) {
  const files = Array.from(fileList || []);
  if (!files.length) return;
  const added = [];
  for (const file of files) {
    const doc = addDoc({ kind: 'file', name: file.name || 'tep-khong-ten', label: file.name || null, size: file.size, file });
    added.push(doc);
    if (file.size > MAX_INPUT_BYTES) {
      doc.status = 'error';
      doc.error = { code: 'INPUT_TOO_LARGE', key: 'error.tooLarge', vars: { size: file.size, max: MAX_INPUT_BYTES }, bytes: ['size', 'max'] };
      doc.file = null;
    }
  }
  afterAdd(added);
}

function addPaste() {
  const box = $('paste');
  const msg = $('paste-msg');
  const text = box.value;
  if (!text.trim()) {
    msg.textContent = ui.t('input.pasteEmpty');
    box.focus();
    return;
  }
  msg.textContent = '';
  state.pasteCount += 1;
  const n = state.pasteCount;
  const doc = addDoc({
    kind: 'paste',
    name: `van-ban-dan-${n}.txt`,
    label: null,
    pasteNo: n,
    size: new TextEncoder().encode(text).length,
    text,
  });
  box.value = '';
  afterAdd([doc]);
}

function afterAdd(added) {
  if (!added.length) return;
  for (const d of added) renderDocItem(d);
  select(added[0].id, { focusReport: false });
  updateChrome();
  pump();
}

function removeDoc(id) {
  const i = state.docs.findIndex((d) => d.id === id);
  if (i < 0) return;
  // A document still being read or parsed is cancelled first: its worker is not left busy.
  if (runner.inflight === state.docs[i]) cancelDoc(id, { quiet: true });
  const [doc] = state.docs.splice(i, 1);
  doc.removed = true;
  docItems.get(id)?.remove();
  docItems.delete(id);
  if (state.selectedId === id) {
    const next = state.docs[i] || state.docs[i - 1] || null;
    state.selectedId = next ? next.id : null;
  }
  updateChrome();
  renderSelection();
}

function clearDocs() {
  cancelAll({ quiet: true }); // one worker restart at most, no queued document started meanwhile
  for (const d of [...state.docs]) removeDoc(d.id);
}

// ---------------------------------------------------------------------------------------------
// Parser worker: one at a time, one document in flight, replaced after a crash.

const runner = {
  worker: null,
  inflight: null, // Doc being parsed
  timer: null,
  failures: 0, // consecutive worker deaths without any successful message
  unavailable: false,
  version: null,
  blobUrl: null,
  wasmBytes: null,
};

function embeddedWasm() {
  if (!runner.wasmBytes) {
    const bin = atob(EMBED.wasm);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    runner.wasmBytes = bytes;
  }
  return runner.wasmBytes;
}

function spawnWorker() {
  let w;
  if (EMBED) {
    runner.blobUrl ||= URL.createObjectURL(new Blob([EMBED.worker], { type: 'text/javascript' }));
    // Classic, not module: Chromium refuses module workers from blob: URLs of file:// pages.
    w = new Worker(runner.blobUrl, { name: 'baocao-parser' });
    w.postMessage({ init: embeddedWasm() }); // copied, so a re-spawned worker gets it again
  } else {
    w = new Worker(new URL('./worker.js', import.meta.url), { type: 'module', name: 'baocao-parser' });
    w.postMessage({ init: null });
  }
  w.addEventListener('message', (e) => onWorkerMessage(w, e.data));
  w.addEventListener('error', (e) => {
    e.preventDefault?.();
    onWorkerDied(w, e.message || null);
  });
  w.addEventListener('messageerror', () => onWorkerDied(w, ui.t('error.noReply')));
  runner.worker = w;
  return w;
}

function killWorker() {
  if (runner.worker) {
    runner.worker.terminate();
    runner.worker = null;
  }
  clearTimeout(runner.timer);
  runner.timer = null;
}

function onWorkerMessage(w, m) {
  if (w !== runner.worker || !m) return;
  if (m.type === 'compare') {
    onCompareReply(m);
    return;
  }
  if (m.type === 'ready') {
    runner.failures = 0;
    mark('baocao:parser-ready', { version: m.version ?? null });
    if (m.version) {
      runner.version = m.version;
      $('version').textContent = `v${m.version}`;
      registerServiceWorker(m.version);
    }
    return;
  }
  if (m.type === 'warm') {
    mark('baocao:parser-warm', { ms: m.ms });
    if (m.report) warmRender(m.report);
    return;
  }
  if (m.type === 'tiered') {
    mark('baocao:parser-tiered', { ms: m.ms });
    return;
  }
  if (m.type === 'init-error') {
    console.error('baocao: wasm init failed:', m.message);
    return; // the document in flight gets its own INIT_FAILED reply
  }
  const doc = runner.inflight;
  if (!doc || m.id !== doc.id) return; // stale reply
  clearTimeout(runner.timer);
  runner.timer = null;
  runner.inflight = null;
  if (m.ok) {
    runner.failures = 0;
    doc.status = 'done';
    doc.phase = null;
    doc.report = m.report;
    doc.ms = typeof m.ms === 'number' ? m.ms : null;
    if (!doc.removed) docChanged(doc);
  } else {
    if (!doc.removed) failDoc(doc, m.code, m.message);
    if (m.code === 'INTERNAL') {
      // A trapped wasm instance is unsafe to reuse: replace the worker.
      killWorker();
    } else if (m.code === 'INIT_FAILED') {
      killWorker();
      runner.failures += 1;
      if (runner.failures >= MAX_CONSECUTIVE_WORKER_FAILURES) giveUp(m.message);
    }
  }
  pump();
}

function onWorkerDied(w, reason) {
  if (w !== runner.worker) return;
  const doc = runner.inflight;
  runner.inflight = null;
  killWorker();
  runner.failures += 1;
  if (doc && !doc.removed) {
    failDoc(doc, 'WORKER_CRASHED', reason ? { key: 'error.crashedWhy', vars: { why: reason } } : { key: 'error.crashed' });
  }
  if (runner.failures >= MAX_CONSECUTIVE_WORKER_FAILURES) giveUp(reason);
  pump();
}

function onTimeout() {
  const doc = runner.inflight;
  runner.inflight = null;
  killWorker();
  if (doc && !doc.removed) failDoc(doc, 'TIMEOUT', { key: 'error.timeout', vars: { s: PARSE_TIMEOUT_MS / 1000 } });
  pump();
}

function giveUp(reason) {
  runner.unavailable = true;
  for (const d of state.docs) {
    if (d.status === 'parsing') {
      failDoc(d, 'WORKER_UNAVAILABLE', { key: 'error.unavailable', vars: { why: reason || ui.t('error.unknown') } });
    }
  }
}

// --- cancelling ------------------------------------------------------------------------------
// A queued document just leaves the queue. The one in flight is either still being read (the
// read is aborted) or inside the worker, where the parse is one synchronous wasm call: the only
// way to stop it is to terminate the worker. That is the same path as after a trap (killWorker,
// then pump() starts a fresh worker for the next document); a cancel is not a worker failure.

function cancelDoc(id, { quiet = false } = {}) {
  const doc = docById(id);
  if (!doc || doc.status !== 'parsing') return;
  const wasInflight = runner.inflight === doc;
  const inWorker = wasInflight && doc.phase === 'parsing';
  doc.status = 'cancelled';
  doc.phase = null;
  doc.file = null;
  doc.text = null;
  if (doc.abortRead) {
    doc.abortRead();
    doc.abortRead = null;
  }
  if (wasInflight) {
    runner.inflight = null;
    if (inWorker) restartWorker();
  }
  if (!quiet && !doc.removed) {
    announce(ui.t('docs.announceCancelled', { name: docLabel(doc) }));
    renderDocItem(doc);
    if (doc.id === state.selectedId) renderSelection();
  }
  updateChrome();
  if (wasInflight) pump();
}

function cancelAll({ quiet = false } = {}) {
  const pending = state.docs.filter((d) => d.status === 'parsing');
  // Queued ones first, so that cancelling the one in flight does not start the next of them.
  pending.sort((a, b) => (a === runner.inflight) - (b === runner.inflight));
  for (const d of pending) cancelDoc(d.id, { quiet });
}

/** Terminates the worker (busy with a parse nobody wants any more) and starts a fresh one. */
function restartWorker() {
  const comparing = compare.timer !== null && !$('compare-view').hidden;
  killWorker();
  try {
    spawnWorker(); // compiles the wasm now, so the next document does not wait for it
  } catch (err) {
    console.error('baocao: cannot start worker', err);
  }
  // A comparison queued behind the cancelled parse died with the worker: ask again.
  if (comparing) openCompare();
}

// --- reading a File with progress -------------------------------------------------------------

/** Reads doc.file chunk by chunk (progress in doc.loaded); null when cancelled meanwhile. */
async function readFile(doc) {
  const file = doc.file;
  if (typeof file.stream !== 'function') return file.arrayBuffer();
  const reader = file.stream().getReader();
  doc.abortRead = () => reader.cancel().catch(() => {});
  let buf = new Uint8Array(file.size);
  let off = 0;
  let painted = 0;
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done || doc.status !== 'parsing') break;
      if (off + value.length > buf.length) {
        // The file grew since it was picked: make room.
        const bigger = new Uint8Array(Math.max(buf.length * 2, off + value.length));
        bigger.set(buf.subarray(0, off));
        buf = bigger;
      }
      buf.set(value, off);
      off += value.length;
      doc.loaded = off;
      const now = performance.now();
      if (now - painted > 50) {
        painted = now;
        updateProgress(doc);
      }
    }
  } finally {
    doc.abortRead = null;
  }
  if (doc.status !== 'parsing') return null;
  return off === buf.length ? buf.buffer : buf.slice(0, off).buffer;
}

// --- progress display -------------------------------------------------------------------------

let ticker = null; // once a second while a document is in the worker: elapsed seconds

function ensureTicker() {
  if (ticker) return;
  ticker = setInterval(() => {
    const doc = runner.inflight;
    if (!doc || doc.phase !== 'parsing') {
      clearInterval(ticker);
      ticker = null;
      return;
    }
    updateProgress(doc);
  }, 1000);
}

/** Determinate (reading: percent of bytes) or indeterminate (parsing: elapsed seconds). */
function progressInfo(doc) {
  if (doc.phase === 'reading') {
    const total = doc.size || 0;
    const loaded = doc.loaded || 0;
    const pct = total ? Math.min(100, Math.floor((loaded / total) * 100)) : 0;
    const ctx = uiCtx();
    return { value: pct, text: ui.t('progress.reading', { pct, loaded: fmtBytes(ctx, loaded), total: fmtBytes(ctx, total) }) };
  }
  const s = Math.max(0, Math.floor((performance.now() - (doc.parseStart || performance.now())) / 1000));
  return { value: null, text: ui.t('progress.parsing', { s }) };
}

/** A progress bar: <progress role=progressbar> (no inline style: CSP) + a visible label. */
function progressWidget(doc) {
  const wrap = el('div', { class: 'progress' },
    el('progress', { role: 'progressbar', max: '100' }),
    el('span', { class: 'progress-label', 'aria-hidden': 'true' }));
  paintProgress(wrap, doc);
  return wrap;
}

function paintProgress(wrap, doc) {
  const bar = wrap.querySelector('progress');
  const label = wrap.querySelector('.progress-label');
  if (!bar || !label) return;
  const p = progressInfo(doc);
  bar.setAttribute('aria-label', ui.t('progress.label', { name: docLabel(doc) }));
  if (p.value === null) {
    bar.removeAttribute('value'); // indeterminate
    for (const a of ['aria-valuenow', 'aria-valuemin', 'aria-valuemax']) bar.removeAttribute(a);
  } else {
    bar.value = p.value;
    bar.setAttribute('aria-valuenow', String(p.value));
    bar.setAttribute('aria-valuemin', '0');
    bar.setAttribute('aria-valuemax', '100');
  }
  bar.setAttribute('aria-valuetext', p.text);
  wrap.dataset.phase = doc.phase || '';
  label.textContent = p.text;
}

/** Repaints a document's bars in place (list item and, when selected, the pending card). */
function updateProgress(doc) {
  if (doc.status !== 'parsing' || !doc.started) return;
  const w = docItems.get(doc.id)?.querySelector('.progress');
  if (w) paintProgress(w, doc);
  if (doc.id === state.selectedId && !$('doc-pending').hidden) paintProgress($('pending-progress'), doc);
}

async function pump() {
  if (runner.inflight) return;
  if (runner.unavailable) {
    for (const d of state.docs) {
      if (d.status === 'parsing') failDoc(d, 'WORKER_UNAVAILABLE', { key: 'error.unavailableShort' });
    }
    updateChrome();
    return;
  }
  const doc = state.docs.find((d) => d.status === 'parsing' && !d.started);
  if (!doc) {
    updateChrome();
    return;
  }
  doc.started = true;
  doc.phase = doc.kind === 'paste' ? 'parsing' : 'reading';
  doc.loaded = 0;
  runner.inflight = doc;
  renderDocItem(doc);
  if (state.selectedId === doc.id) renderSelection();
  updateChrome();

  let msg;
  const transfer = [];
  if (doc.kind === 'paste') {
    msg = { id: doc.id, name: null, text: doc.text };
  } else {
    let buf;
    try {
      buf = await readFile(doc);
    } catch (err) {
      if (runner.inflight !== doc) return; // cancelled meanwhile: the queue has moved on
      runner.inflight = null;
      failDoc(doc, 'READ_FAILED', { key: 'error.read', vars: { msg: String(err?.message || err) } });
      pump();
      return;
    }
    if (!buf || doc.removed || runner.inflight !== doc) {
      if (runner.inflight === doc) runner.inflight = null;
      pump();
      return;
    }
    msg = { id: doc.id, name: doc.name, bytes: buf };
    transfer.push(buf);
  }
  doc.text = null;
  doc.file = null;
  let w;
  try {
    w = runner.worker || spawnWorker();
  } catch (err) {
    runner.inflight = null;
    runner.unavailable = true;
    failDoc(doc, 'WORKER_UNAVAILABLE', { key: 'error.unavailable', vars: { why: String(err?.message || err) } });
    pump();
    return;
  }
  runner.timer = setTimeout(onTimeout, PARSE_TIMEOUT_MS);
  w.postMessage(msg, transfer);
  if (doc.phase !== 'parsing') {
    doc.phase = 'parsing';
    renderDocItem(doc); // determinate (reading) → indeterminate (parsing) bar
  }
  doc.parseStart = performance.now();
  updateProgress(doc);
  ensureTicker();
}

// ---------------------------------------------------------------------------------------------
// Document list

const docItems = new Map(); // id → <li>

function docSubtitle(doc) {
  const parts = [];
  if (doc.status === 'done' && isObj(doc.report)) {
    const md = doc.report.metadata || {};
    if (md.docType?.name) parts.push(md.docType.name);
    if (md.numberSymbol) parts.push(md.numberSymbol);
    if (md.date) parts.push(fmtDate(md.date));
  }
  if (!parts.length) parts.push(doc.kind === 'paste' ? ui.t('docs.pasted') : ui.t('docs.file'), fmtBytes(uiCtx(), doc.size));
  return parts.join(' · ');
}

function renderDocItem(doc) {
  let li = docItems.get(doc.id);
  if (!li) {
    li = el('li', { class: 'doc-item', dataset: { id: String(doc.id) } });
    docItems.set(doc.id, li);
    $('docs').append(li);
  }
  const statusText = doc.status === 'parsing' && !doc.started ? ui.t('docs.waiting') : ui.t(`status.${doc.status}`);
  li.dataset.status = doc.status;
  li.classList.toggle('is-selected', doc.id === state.selectedId);
  const label = docLabel(doc);

  const selectBtn = el(
    'button',
    {
      type: 'button',
      class: 'doc-select',
      'aria-current': doc.id === state.selectedId ? 'true' : null,
      title: doc.name,
      on: { click: () => onDocClick(doc.id) },
    },
    el('span', { class: 'doc-name', text: label }),
    el('span', { class: 'doc-sub', text: docSubtitle(doc) }),
    el(
      'span',
      { class: `doc-status status-${doc.status}` },
      doc.status === 'parsing' ? el('span', { class: 'mini-spinner', 'aria-hidden': 'true' }) : null,
      statusText,
    ),
    doc.status === 'error' && doc.error ? el('span', { class: 'doc-reason', text: errorText(doc.error) }) : null,
  );
  const remove = el('button', {
    type: 'button',
    class: 'doc-remove',
    title: ui.t('docs.removeTitle'),
    'aria-label': ui.t('docs.remove', { name: label }),
    text: '×',
    on: { click: () => removeDoc(doc.id) },
  });
  // Queued or in flight: a progress bar once started (else "waiting") and a Cancel button.
  let busy = null;
  let cancel = null;
  if (doc.status === 'parsing') {
    cancel = el('button', {
      type: 'button',
      class: 'button button-small doc-cancel',
      'aria-label': ui.t('docs.cancelLabel', { name: label }),
      text: ui.t('docs.cancel'),
      on: { click: () => cancelDoc(doc.id) },
    });
    busy = el('div', { class: 'doc-busy' },
      doc.started ? progressWidget(doc) : el('span', { class: 'progress-label', text: ui.t('progress.waiting') }),
      cancel);
  }
  const active = document.activeElement;
  const hadFocus = li.contains(active) && active.classList.contains('doc-select');
  const hadCancelFocus = li.contains(active) && active.classList.contains('doc-cancel');
  li.replaceChildren(selectBtn, remove, ...(busy ? [busy] : []));
  if (hadFocus || (hadCancelFocus && !cancel)) selectBtn.focus();
  else if (hadCancelFocus) cancel.focus();
}

function updateChrome() {
  const n = state.docs.length;
  $('docs-empty').hidden = n > 0;
  $('docs-count').textContent = n ? `(${n})` : '';
  $('clear-docs').disabled = n === 0;
  $('download-all').disabled = !state.docs.some((d) => d.status === 'done');
  $('compare-docs').disabled = state.docs.filter((d) => d.status === 'done').length < 2;
  const pending = state.docs.filter((d) => d.status === 'parsing').length;
  const busy = pending > 0;
  $('cancel-all').hidden = pending < 2;
  document.body.dataset.state = n === 0 ? 'idle' : busy ? 'busy' : 'ready';
  document.body.setAttribute('aria-busy', busy ? 'true' : 'false');
}

function announce(text) {
  const a = $('announce');
  if (a) a.textContent = text;
}

function docChanged(doc) {
  if (doc.status === 'cancelled') announce(ui.t('docs.announceCancelled', { name: docLabel(doc) }));
  else if (doc.status === 'done') announce(ui.t('docs.announceDone', { name: docLabel(doc) }));
  else if (doc.status === 'error') announce(ui.t('docs.announceError', { name: docLabel(doc), msg: errorText(doc.error) }));
  renderDocItem(doc);
  if (doc.id === state.selectedId) renderSelection();
  updateChrome();
}

function onDocClick(id) {
  select(id, { focusReport: false });
  // On narrow screens the report sits below the inputs: bring it into view.
  if (window.matchMedia('(max-width: 900px)').matches) $('report').scrollIntoView({ block: 'start' });
}

function select(id, { focusReport = false } = {}) {
  const prev = state.selectedId;
  state.selectedId = id;
  for (const [docId, li] of docItems) {
    const on = docId === id;
    li.classList.toggle('is-selected', on);
    const b = li.querySelector('.doc-select');
    if (b) {
      if (on) b.setAttribute('aria-current', 'true');
      else b.removeAttribute('aria-current');
    }
  }
  renderSelection();
  if (focusReport && prev !== id) $('report').focus({ preventScroll: true });
}

// ---------------------------------------------------------------------------------------------
// Selected document: welcome / pending / error / report

function renderSelection() {
  const doc = selectedDoc();
  $('compare-view').hidden = true;
  const show = (which) => {
    if (which !== 'report') stopLazy(); // the report's pending panels are not needed any more
    $('welcome').hidden = which !== 'welcome';
    $('doc-pending').hidden = which !== 'pending';
    $('doc-error').hidden = which !== 'error';
    $('doc-cancelled').hidden = which !== 'cancelled';
    $('report-view').hidden = which !== 'report';
  };
  if (!doc) {
    state.renderedKey = null;
    show('welcome');
    return;
  }
  if (doc.status === 'parsing') {
    state.renderedKey = null;
    $('pending-name').textContent = `“${docLabel(doc)}”`;
    $('pending-cancel').setAttribute('aria-label', ui.t('docs.cancelLabel', { name: docLabel(doc) }));
    show('pending');
    $('pending-progress').hidden = !doc.started;
    if (doc.started) paintProgress($('pending-progress'), doc);
    return;
  }
  if (doc.status === 'cancelled') {
    state.renderedKey = null;
    $('cancelled-name').textContent = docLabel(doc);
    show('cancelled');
    return;
  }
  if (doc.status === 'error') {
    state.renderedKey = null;
    $('error-name').textContent = docLabel(doc);
    $('error-message').textContent = errorText(doc.error);
    $('error-code').textContent = doc.error?.code || '—';
    show('error');
    return;
  }
  const key = `${doc.id}:${ui.lang}`;
  // Shown first: renderReport builds the panels that are on screen now, which it can tell only
  // when the report is laid out.
  show('report');
  if (state.renderedKey !== key) {
    renderReport(doc);
    state.renderedKey = key;
  }
}

/**
 * The panels of the shown report not built yet (progressive rendering). Building every panel
 * of a 100 KB report and laying it out in one go took most of the first document's time (trace of
 * the first document: style + layout ~170–290 ms for ~8,000 nodes, most of them in the figures
 * table and the text far below the screen). So renderReport builds the panels that are on screen
 * and leaves the others empty (`data-pending`, `aria-busy`); they are built afterwards, one at a
 * time in idle periods, at once when scrolled near, and all at once (synchronously) before
 * anything that needs the whole report laid out: a jump to the text, a jump from the panel list,
 * printing. Their counts are shown from the start.
 */
const lazy = {
  gen: 0, // bumped by every renderReport: callbacks of an older report do nothing
  ctx: null,
  docId: null,
  pending: new Map(), // section id → { fn, body }
  observer: null,
  idle: null,
};

const requestIdle = globalThis.requestIdleCallback
  ? (fn) => globalThis.requestIdleCallback(fn, { timeout: 1000 })
  : (fn) => setTimeout(() => fn({ didTimeout: true, timeRemaining: () => 0 }), 16);
const cancelIdle = globalThis.cancelIdleCallback ?? clearTimeout;

function setCount(id, count) {
  for (const c of document.querySelectorAll(`[data-count-for="${id}"]`)) {
    c.textContent = typeof count === 'number' ? String(count) : '';
    c.classList.toggle('is-zero', count === 0);
  }
}

function buildPanel(ctx, id, fn, body) {
  body.replaceChildren();
  let count = null;
  guarded(
    id,
    () => {
      count = fn(ctx, body);
    },
    (err) => body.replaceChildren(panelError(ctx, err)),
  );
  return count;
}

function stopLazy() {
  lazy.gen += 1;
  lazy.observer?.disconnect();
  lazy.observer = null;
  if (lazy.idle !== null) cancelIdle(lazy.idle);
  lazy.idle = null;
  for (const { body } of lazy.pending.values()) {
    delete body.dataset.pending;
    body.removeAttribute('aria-busy');
  }
  lazy.pending.clear();
  lazy.ctx = null;
}

/** Builds one pending panel of the shown report (nothing if it is built already). */
function buildPending(id) {
  const p = lazy.pending.get(id);
  if (!p) return;
  lazy.pending.delete(id);
  lazy.observer?.unobserve(p.body);
  delete p.body.dataset.pending;
  p.body.removeAttribute('aria-busy');
  setCount(id, buildPanel(lazy.ctx, id, p.fn, p.body));
  if (!lazy.pending.size) {
    const docId = lazy.docId;
    stopLazy();
    mark('baocao:doc-complete', { id: docId });
  }
}

/** Builds every pending panel now: for what needs the whole report (jumps, printing). */
function buildAllPending() {
  for (const id of [...lazy.pending.keys()]) buildPending(id);
}

function idleBuild(gen, deadline) {
  lazy.idle = null;
  if (gen !== lazy.gen) return;
  // One panel per idle period at least (the figures table of a 100 KB report takes ~10–40 ms),
  // more while the period lasts.
  do {
    const [id] = lazy.pending.keys();
    if (id === undefined) return;
    buildPending(id);
  } while (gen === lazy.gen && deadline.timeRemaining() > 10);
  if (gen === lazy.gen && lazy.pending.size) lazy.idle = requestIdle((d) => idleBuild(gen, d));
}

function renderReport(doc) {
  stopLazy();
  const gen = lazy.gen;
  for (const b of document.querySelectorAll('#report-view .panel-body.is-rendered')) b.classList.remove('is-rendered');
  const ctx = makeCtx({ report: doc.report, lang: ui.lang, showSpan: (span) => showSpan(ctx, span), idPrefix: `d${doc.id}` });
  guarded('source', () => renderHeader(ctx, doc), (err) => {
    $('rh-title').textContent = docLabel(doc);
    $('source-info').replaceChildren(panelError(ctx, err));
  });
  const todo = [];
  for (const [id, fn] of PANELS) {
    const section = $(id);
    if (!section) continue;
    const body = section.querySelector('.panel-body');
    body.replaceChildren();
    let count = null;
    guarded(id, () => {
      count = panelCount(ctx, id);
    }, () => {});
    setCount(id, count);
    todo.push({ id, fn, section, body });
  }
  // Panels are stacked in order: build them while the next one starts on screen (each rect is a
  // small layout of what is built so far; the frame reuses it). A report below the screen (narrow
  // screens: under the inputs) gets its first screenful, for the scroll that brings it into view.
  const screenBottom = Math.max(0, $('report-view').getBoundingClientRect().top) + (window.innerHeight || document.documentElement.clientHeight);
  let i = 0;
  for (; i < todo.length; i++) {
    const { id, fn, section, body } = todo[i];
    if (section.getBoundingClientRect().top >= screenBottom) break;
    setCount(id, buildPanel(ctx, id, fn, body));
  }
  lazy.ctx = ctx;
  lazy.docId = doc.id;
  for (const { id, fn, body } of todo.slice(i)) {
    body.dataset.pending = '';
    body.setAttribute('aria-busy', 'true');
    lazy.pending.set(id, { fn, body });
  }
  mark('baocao:doc-rendered', { id: doc.id });
  if (!lazy.pending.size) {
    stopLazy();
    mark('baocao:doc-complete', { id: doc.id });
    return;
  }
  // After the first frame: a panel scrolled near is built at once, the others when idle.
  requestAnimationFrame(() => {
    if (gen !== lazy.gen) return;
    if (globalThis.IntersectionObserver) {
      lazy.observer = new IntersectionObserver(
        (entries) => {
          if (gen !== lazy.gen) return;
          for (const e of entries) if (e.isIntersecting) buildPending(e.target.closest('.panel')?.id);
        },
        { rootMargin: '50% 0px' },
      );
      for (const { body } of lazy.pending.values()) lazy.observer.observe(body);
    }
    lazy.idle = requestIdle((d) => idleBuild(gen, d));
  });
}

/** Renders the worker's warm-up report once into detached elements, when the page is idle: the
 * first real report then runs compiled rendering code (measured: the first document's render took
 * ~100 ms against ~45 ms warm). Nothing is attached, so nothing is laid out or shown. */
function warmRender(report) {
  const idle = globalThis.requestIdleCallback ?? ((fn) => setTimeout(fn, 50));
  idle(() => {
    const t0 = performance.now();
    const ctx = makeCtx({ report, lang: ui.lang, idPrefix: 'warm' });
    for (const [, fn] of PANELS) {
      try {
        fn(ctx, document.createElement('div'));
      } catch {
        // A rendering bug shows on a real report with its own panel error; not here.
      }
    }
    mark('baocao:render-warm', { ms: performance.now() - t0 });
  });
}

function guarded(name, fn, onError) {
  try {
    fn();
  } catch (err) {
    console.error(`baocao: panel "${name}" failed to render`, err);
    try {
      onError(err);
    } catch {
      /* nothing more to do */
    }
  }
}

/**
 * Off-screen panel bodies are not laid out (content-visibility: auto), so the page below the
 * viewport has estimated heights and a jump would aim at the wrong place. The first jump lays out
 * the whole report once (renderReport resets this for the next document).
 */
function renderAllPanels() {
  buildAllPending();
  for (const b of document.querySelectorAll('#report-view .panel-body')) b.classList.add('is-rendered');
}

/** Scrolls the text panel to a span and highlights it (the previous highlight goes away). */
function showSpan(ctx, span) {
  buildAllPending(); // the text panel may not be built yet
  const pre = document.querySelector('#text pre.text-view');
  if (!pre || !ctx.text) return;
  const { start, end } = span;
  const mark = el('mark', { class: 'span-mark', tabindex: '-1', text: ctx.text.slice(start, end) || '\u200b' });
  pre.replaceChildren(document.createTextNode(ctx.text.slice(0, start)), mark, document.createTextNode(ctx.text.slice(end)));
  const details = pre.closest('details');
  if (details) details.open = true;
  renderAllPanels();
  const reduce = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
  mark.scrollIntoView({ block: 'center', behavior: reduce ? 'auto' : 'smooth' });
  mark.focus({ preventScroll: true });
}

// --- header + source ---------------------------------------------------------------------------

function renderHeader(ctx, doc) {
  const { report, t } = ctx;
  const md = isObj(report.metadata) ? report.metadata : {};
  const kicker = [md.docType?.name, md.issuer?.name].filter(hasText).join(' · ');
  $('rh-kicker').textContent = kicker || t('common.document');
  $('rh-title').textContent = hasText(md.numberSymbol) ? t('common.number', { n: md.numberSymbol }) : docLabel(doc);
  const subj = [];
  if (hasText(md.subject)) subj.push(md.subject);
  const when = [md.place, md.date ? t('common.dateOn', { d: fmtDate(md.date) }) : null].filter(hasText).join(', ');
  if (when) subj.push(when);
  $('rh-subject').textContent = subj.join(' — ');
  $('rh-subject').hidden = subj.length === 0;

  const src = isObj(report.source) ? report.source : {};
  const noise = isObj(src.noise) ? src.noise : {};
  const fmtKey = `format.${src.format}`;
  const items = [
    ['source.file', src.name || doc.name, 'mono'],
    ['source.format', src.format ? (t.has(fmtKey) ? t(fmtKey) : src.format) : null],
    ['source.encoding', encodingLabel(ctx, src.encoding)],
    ['source.size', typeof src.bytes === 'number' ? t('common.bytes', { n: fmtNum(ctx, src.bytes) }) : null],
    ['source.chars', typeof src.chars === 'number' ? fmtNum(ctx, src.chars) : null],
  ];
  const flags = [];
  if (noise.ocr === true) flags.push(t('source.ocr'));
  if (noise.missingDiacritics === true) flags.push(t('source.noDiacritics'));
  if (typeof noise.score === 'number') flags.push(t('source.noise', { n: ctx.num2.format(noise.score) }));
  items.push(['source.quality', flags.length ? flags.join(' · ') : null]);
  if (typeof doc.ms === 'number') items.push(['source.time', `${fmtNum(ctx, Math.round(doc.ms))} ms`]);
  const dl = $('source-info');
  dl.replaceChildren();
  for (const [k, v, cls] of items) {
    dl.append(el('div', { class: 'source-item' }, el('dt', { text: t(k) }), el('dd', { class: cls || null }, hasText(String(v ?? '')) ? String(v) : none(ctx))));
  }
}

// ---------------------------------------------------------------------------------------------
// Comparing reports: the worker aligns the figures (same Rust code as `baocao compare`)

const compare = { seq: 0, csv: null, timer: null };
const COMPARE_TIMEOUT_MS = 30_000;

function openCompare() {
  const done = state.docs.filter((d) => d.status === 'done' && isObj(d.report));
  if (done.length < 2) return;
  for (const id of ['welcome', 'doc-pending', 'doc-error', 'doc-cancelled', 'report-view']) $(id).hidden = true;
  $('compare-view').hidden = false;
  $('compare-body').replaceChildren();
  $('compare-csv').disabled = true;
  compare.csv = null;
  $('compare-status').textContent = ui.t('compare.running', { n: done.length });
  const items = done.map((d) => ({ name: docLabel(d), figures: arr(d.report.figures) }));
  compare.seq += 1;
  clearTimeout(compare.timer);
  compare.timer = setTimeout(() => onCompareReply({ seq: compare.seq, ok: false, message: ui.t('compare.timeout') }), COMPARE_TIMEOUT_MS);
  let w;
  try {
    w = runner.worker || spawnWorker();
  } catch (err) {
    onCompareReply({ seq: compare.seq, ok: false, message: String(err?.message || err) });
    return;
  }
  w.postMessage({ type: 'compare', seq: compare.seq, items });
  $('compare-title').focus?.();
}

function onCompareReply(m) {
  if (m.seq !== compare.seq) return; // an older request
  clearTimeout(compare.timer);
  compare.timer = null;
  if (!m.ok) {
    $('compare-status').textContent = ui.t('compare.failed', { msg: m.message || ui.t('error.unknown') });
    return;
  }
  compare.csv = typeof m.csv === 'string' ? m.csv : null;
  $('compare-csv').disabled = !compare.csv;
  const t = isObj(m.table) ? m.table : { reports: [], rows: [] };
  const rows = arr(t.rows);
  const shared = rows.filter((r) => arr(r.missingIn).length === 0).length;
  $('compare-status').textContent = rows.length ? ui.t('compare.status', { rows: rows.length, shared }) : ui.t('compare.none');
  if (!rows.length) return;
  const head = el('tr', null,
    el('th', { scope: 'col' }, ui.t('compare.indicator')),
    el('th', { scope: 'col' }, ui.t('compare.unit')),
    ...arr(t.reports).map((name) => el('th', { scope: 'col', class: 'num' }, String(name))));
  const body = rows.map((r) => {
    const missing = new Set(arr(r.missingIn));
    const cells = arr(t.reports).map((_, i) => {
      if (missing.has(i)) return el('td', { class: 'num missing', title: ui.t('compare.missing') }, '—');
      const v = arr(r.values)[i];
      const ch = arr(r.changes)[i];
      const parts = [fmtNum(uiCtx(), v)];
      if (isObj(ch) && typeof ch.delta === 'number' && ch.delta !== 0) {
        const up = ch.delta > 0;
        const pct = typeof ch.percent === 'number' ? ` ${up ? '+' : ''}${fmtNum(uiCtx(), ch.percent)}%` : '';
        parts.push(el('span', { class: up ? 'change up' : 'change down', title: ui.t('compare.vsPrev') }, ` ${up ? '▲' : '▼'}${pct}`));
      }
      return el('td', { class: 'num' }, ...parts);
    });
    return el('tr', null, el('th', { scope: 'row' }, String(r.what ?? '')), el('td', null, String(r.unit ?? '')), ...cells);
  });
  const table = el('table', { class: 'data-table compare-table' },
    el('caption', { class: 'visually-hidden' }, ui.t('compare.caption')),
    el('thead', null, head), el('tbody', null, ...body));
  $('compare-body').replaceChildren(el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': ui.t('compare.region') }, table));
}

function closeCompare() {
  $('compare-view').hidden = true;
  renderSelection();
}

// ---------------------------------------------------------------------------------------------
// Downloads

function downloadBlob(name, type, text) {
  const blob = new Blob([text], { type });
  const url = URL.createObjectURL(blob);
  const a = el('a', { href: url, download: name, class: 'visually-hidden' });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

function downloadSelected() {
  const doc = selectedDoc();
  if (!doc || doc.status !== 'done' || !doc.report) return;
  downloadBlob(jsonFileName(doc.name), 'application/json', `${JSON.stringify(withoutExports(doc.report), null, 2)}\n`);
}

// The exports ride along with the report (rendered by the same Rust code as the CLI's
// --format md/csv); the JSON download is the Report itself, without them.
function withoutExports(report) {
  if (!report || typeof report !== 'object') return report;
  const { exports: _ignored, ...rest } = report;
  return rest;
}

const EXPORTS = {
  md: { key: 'markdown', suffix: '.md', type: 'text/markdown;charset=utf-8' },
  'csv-figures': { key: 'figuresCsv', suffix: '-so-lieu.csv', type: 'text/csv;charset=utf-8' },
  'csv-citations': { key: 'citationsCsv', suffix: '-vien-dan.csv', type: 'text/csv;charset=utf-8' },
};

function downloadExport(kind) {
  const doc = selectedDoc();
  const spec = EXPORTS[kind];
  const text = doc && doc.status === 'done' && doc.report && doc.report.exports ? doc.report.exports[spec.key] : null;
  if (typeof text !== 'string') return;
  downloadBlob(jsonFileName(doc.name, spec.suffix), spec.type, text);
}

function downloadAll() {
  const done = state.docs.filter((d) => d.status === 'done' && d.report);
  if (!done.length) return;
  downloadBlob('baocao.jsonl', 'application/x-ndjson', done.map((d) => JSON.stringify(withoutExports(d.report))).join('\n') + '\n');
}

// ---------------------------------------------------------------------------------------------
// Wiring

function wire() {
  const drop = $('drop');
  const file = $('file');
  let depth = 0;
  const hasFiles = (e) => Array.from(e.dataTransfer?.types || []).includes('Files');

  drop.addEventListener('dragenter', (e) => {
    e.preventDefault();
    depth += 1;
    drop.classList.add('is-over');
  });
  drop.addEventListener('dragover', (e) => {
    e.preventDefault();
    if (e.dataTransfer) e.dataTransfer.dropEffect = 'copy';
    drop.classList.add('is-over');
  });
  drop.addEventListener('dragleave', () => {
    depth = Math.max(0, depth - 1);
    if (!depth) drop.classList.remove('is-over');
  });
  drop.addEventListener('drop', (e) => {
    e.preventDefault();
    e.stopPropagation();
    depth = 0;
    drop.classList.remove('is-over');
    addFiles(e.dataTransfer?.files);
  });
  drop.addEventListener('click', (e) => {
    if (e.target === drop || e.target.closest('.drop-icon, .drop-title, .drop-or')) file.click();
  });

  // A file dropped anywhere else must not make the browser navigate away (losing results).
  window.addEventListener('dragover', (e) => {
    if (hasFiles(e)) e.preventDefault();
  });
  window.addEventListener('drop', (e) => {
    if (!e.dataTransfer?.files?.length) return;
    e.preventDefault();
    addFiles(e.dataTransfer.files);
  });

  file.addEventListener('change', () => {
    addFiles(file.files);
    file.value = '';
  });

  $('parse-paste').addEventListener('click', addPaste);
  $('paste').addEventListener('keydown', (e) => {
    if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) {
      e.preventDefault();
      addPaste();
    }
  });
  $('paste').addEventListener('input', () => {
    $('paste-msg').textContent = '';
  });

  $('download-json').addEventListener('click', downloadSelected);
  $('compare-docs').addEventListener('click', openCompare);
  $('compare-close').addEventListener('click', closeCompare);
  $('compare-csv').addEventListener('click', () => {
    if (compare.csv) downloadBlob('so-sanh-so-lieu.csv', 'text/csv;charset=utf-8', compare.csv);
  });
  for (const b of document.querySelectorAll('[data-export]')) {
    b.addEventListener('click', () => downloadExport(b.getAttribute('data-export')));
  }
  $('download-all').addEventListener('click', downloadAll);
  $('clear-docs').addEventListener('click', clearDocs);
  $('cancel-all').addEventListener('click', cancelAll);
  $('pending-cancel').addEventListener('click', () => {
    if (state.selectedId !== null) cancelDoc(state.selectedId);
  });
  $('print-report').addEventListener('click', () => window.print());
  // Printing (the button or the browser's menu) shows every panel: build the pending ones first.
  window.addEventListener('beforeprint', buildAllPending);
  // A jump from the panel list lands where the panel really is only if the panels above it have
  // their real heights: lay the report out once (as the first click-to-highlight does).
  for (const a of document.querySelectorAll('.panel-nav a')) a.addEventListener('click', renderAllPanels);
  $('lang-toggle').addEventListener('click', () => setLang(ui.lang === 'vi' ? 'en' : 'vi'));

  ui.lang = storedLang();
  ui.t = translator(ui.lang);
  applyStaticStrings();
  updateChrome();
  renderSelection();
  // Start the parser early so the first document does not wait for wasm compilation.
  try {
    spawnWorker();
  } catch (err) {
    console.error('baocao: cannot start worker', err);
  }
  mark('baocao:interactive');
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
else wire();

// For debugging and tests: read-only view of the documents.
globalThis.baocao = Object.freeze({
  docs: () => state.docs.map((d) => ({ id: d.id, name: d.name, status: d.status, phase: d.phase ?? null, error: d.error, report: d.report, ms: d.ms })),
  selected: () => selectedDoc()?.report ?? null,
  lang: () => ui.lang,
});
