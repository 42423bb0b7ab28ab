// baocao web page: input handling, parser worker management and report rendering.
//
// Security: report data is only ever put into the page through textContent / createElement
// (never innerHTML), and the page needs no inline script or style, so it runs under
// `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'`.
//
// Two modes:
//  * served (www/): the worker is ./worker.js, it fetches ./pkg/baocao_bg.wasm itself;
//  * single file (dist/baocao.html, built by scripts/build-single.mjs): a classic script sets
//    globalThis.__BAOCAO_EMBED__ = {worker: <classic script source>, wasm: <base64>}; the worker
//    is created from a Blob URL and receives the wasm bytes in an init message.

const EMBED = globalThis.__BAOCAO_EMBED__ || null;
const MAX_INPUT_BYTES = 100 * 1024 * 1024; // same limit as the core (src/limits.rs); checked before reading
const PARSE_TIMEOUT_MS = 120_000;
const MAX_CONSECUTIVE_WORKER_FAILURES = 3;

// ---------------------------------------------------------------------------------------------
// Small DOM helpers (text only, never HTML)

const $ = (id) => document.getElementById(id);

/**
 * el('span', {class: 'x', title: 't', dataset: {a: 1}}, 'text', childNode, …)
 * Strings become text nodes; null/undefined/false children are skipped.
 */
function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.className = v;
      else if (k === 'text') node.textContent = String(v);
      else if (k === 'dataset') Object.assign(node.dataset, v);
      else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
      else if (k === 'hidden') node.hidden = Boolean(v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  appendAll(node, children);
  return node;
}

function appendAll(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
const arr = (v) => (Array.isArray(v) ? v : []);
const hasText = (v) => typeof v === 'string' && v.trim() !== '';

// ---------------------------------------------------------------------------------------------
// Vietnamese labels and formatting

const NUM = new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 6 });
const fmtNum = (n) => (typeof n === 'number' && Number.isFinite(n) ? NUM.format(n) : String(n ?? '—'));

function fmtBytes(n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  if (n < 1024) return `${fmtNum(n)} byte`;
  const kb = n / 1024;
  if (kb < 1024) return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(kb)} KB`;
  return `${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 1 }).format(kb / 1024)} MB`;
}

/** "2023-11-09" → "09/11/2023"; other strings unchanged. */
function fmtDate(iso) {
  if (typeof iso !== 'string') return String(iso ?? '');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const ym = /^(\d{4})-(\d{2})$/.exec(iso);
  if (ym) return `${ym[2]}/${ym[1]}`;
  return iso;
}

function dateNode(iso) {
  if (!hasText(iso)) return null;
  const t = el('time', { text: fmtDate(iso) });
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(iso)) t.dateTime = iso;
  return t;
}

const FORMAT_LABELS = {
  text: 'Văn bản thuần (.txt)',
  docx: 'Word (.docx)',
  pdf: 'PDF',
  rtf: 'RTF',
  doc: 'Word 97–2003 (.doc)',
  html: 'HTML',
  markdown: 'Markdown',
};

const FAMILY_LABELS = {
  state: 'Văn bản hành chính nhà nước (Nghị định 30/2020/NĐ-CP)',
  party: 'Văn bản của Đảng (Quy định 66-QĐ/TW)',
};

const ROLE_LABELS = {
  context: 'Tình hình',
  achievements: 'Kết quả',
  limitations: 'Hạn chế',
  causes: 'Nguyên nhân',
  tasks: 'Nhiệm vụ',
  proposals: 'Kiến nghị',
  targets: 'Mục tiêu',
  assessment: 'Đánh giá',
  responsibility: 'Trách nhiệm',
  appendix: 'Phụ lục',
  other: 'Khác',
};

const COMPLIANCE_LABELS = { ok: 'Đạt', missing: 'Thiếu', malformed: 'Sai thể thức' };
const SEVERITY_LABELS = { error: 'Lỗi', warning: 'Cảnh báo', info: 'Thông tin' };
const COMPARISON_LABELS = {
  vsPlan: 'so với kế hoạch',
  vsPreviousPeriod: 'so với cùng kỳ / kỳ trước',
  vsTarget: 'so với chỉ tiêu',
  ratio: 'tỷ lệ',
};
const DIRECTION_LABELS = { up: '▲ tăng', down: '▼ giảm' };

const ENCODING_LABELS = {
  'utf-8': 'UTF-8',
  'utf-16le': 'UTF-16 LE',
  'utf-16be': 'UTF-16 BE',
  'windows-1258': 'Windows-1258',
  tcvn3: 'TCVN3 (ABC)',
  vni: 'VNI',
  viscii: 'VISCII',
  vps: 'VPS',
  viqr: 'VIQR',
  'unicode-nfd': 'Unicode tổ hợp',
  unknown: 'Không xác định',
};

const STAT_LABELS = {
  targetsMetOfTotal: 'Chỉ tiêu đạt',
  targetsMet: 'Chỉ tiêu đạt',
  targetsTotal: 'Tổng số chỉ tiêu',
  figuresUp: 'Số liệu tăng',
  figuresDown: 'Số liệu giảm',
  figuresBelowPlan: 'Dưới kế hoạch',
  sections: 'Đề mục',
  topSections: 'Đề mục cấp 1',
  topLevelSections: 'Đề mục cấp 1',
  figures: 'Số liệu',
  citations: 'Văn bản viện dẫn',
  footnotes: 'Chú thích',
  diagnostics: 'Chẩn đoán',
  keyPoints: 'Ý chính',
  words: 'Số từ',
  chars: 'Số ký tự',
  characters: 'Số ký tự',
  lines: 'Số dòng',
  paragraphs: 'Số đoạn',
  sentences: 'Số câu',
  pages: 'Số trang',
  tables: 'Bảng',
  achievements: 'Kết quả',
  limitations: 'Hạn chế',
  tasks: 'Nhiệm vụ',
  proposals: 'Kiến nghị',
  targets: 'Mục tiêu',
  byRole: 'Theo vai trò đề mục',
  roles: 'Theo vai trò đề mục',
  parseMs: 'Thời gian phân tích (ms)',
};

const ERROR_LABELS = {
  UNSUPPORTED_FORMAT: 'Định dạng tệp chưa được hỗ trợ',
  BINARY_INPUT: 'Tệp nhị phân, không phải văn bản đọc được',
  INPUT_TOO_LARGE: 'Tệp quá lớn',
  INVALID_OPTIONS: 'Tuỳ chọn không hợp lệ',
  INTERNAL: 'Lỗi nội bộ của bộ phân tích',
  INIT_FAILED: 'Không khởi tạo được bộ phân tích (WebAssembly)',
  WORKER_CRASHED: 'Bộ phân tích bị dừng đột ngột',
  WORKER_UNAVAILABLE: 'Không khởi động được bộ phân tích',
  TIMEOUT: 'Phân tích quá lâu, đã dừng',
  READ_FAILED: 'Không đọc được tệp',
  EMPTY_INPUT: 'Văn bản trống',
};

function humanizeKey(k) {
  return String(k)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .replace(/^./, (c) => c.toUpperCase());
}

/** "baocao.txt" → "baocao.json"; anything unsafe in a file name becomes "_". */
function jsonFileName(name, suffix = '.json') {
  let base = String(name || 'van-ban').replace(/\.[A-Za-z0-9]{1,5}$/, '');
  base = base.replace(/[\\/:*?"<>|\u0000-\u001f]+/g, '_').trim() || 'van-ban';
  return `${base}${suffix}`;
}

// ---------------------------------------------------------------------------------------------
// Document state

/**
 * @typedef {{id:number, name:string, label:string, kind:'file'|'paste', size:number,
 *   status:'parsing'|'done'|'error', started:boolean, file?:File|null, text?:string|null,
 *   report?:object|null, error?:{code:string,message:string}|null, ms?:number|null}} Doc
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
  return full;
}

function failDoc(doc, code, message) {
  doc.status = 'error';
  doc.error = { code: code || 'ERROR', message: message || ERROR_LABELS[code] || 'Lỗi không xác định' };
  doc.file = null;
  doc.text = null;
  docChanged(doc);
}

function addFiles(fileList) {
  const files = Array.from(fileList || []);
  if (!files.length) return;
  const added = [];
  for (const file of files) {
    const doc = addDoc({ kind: 'file', name: file.name || 'tep-khong-ten', label: file.name || 'Tệp không tên', size: file.size, file });
    added.push(doc);
    if (file.size > MAX_INPUT_BYTES) {
      doc.status = 'error';
      doc.error = { code: 'INPUT_TOO_LARGE', message: `Tệp quá lớn (${fmtBytes(file.size)}; tối đa ${fmtBytes(MAX_INPUT_BYTES)}).` };
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
    msg.textContent = 'Hãy dán nội dung văn bản vào ô trên trước khi phân tích.';
    box.focus();
    return;
  }
  msg.textContent = '';
  state.pasteCount += 1;
  const n = state.pasteCount;
  const doc = addDoc({
    kind: 'paste',
    name: `van-ban-dan-${n}.txt`,
    label: `Văn bản dán ${n}`,
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
  w.addEventListener('messageerror', () => onWorkerDied(w, 'Không nhận được kết quả từ bộ phân tích.'));
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
    if (m.version) {
      runner.version = m.version;
      $('version').textContent = `v${m.version}`;
    }
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
    failDoc(doc, 'WORKER_CRASHED', reason ? `Bộ phân tích bị dừng đột ngột (${reason}).` : 'Bộ phân tích bị dừng đột ngột.');
  }
  if (runner.failures >= MAX_CONSECUTIVE_WORKER_FAILURES) giveUp(reason);
  pump();
}

function onTimeout() {
  const doc = runner.inflight;
  runner.inflight = null;
  killWorker();
  if (doc && !doc.removed) failDoc(doc, 'TIMEOUT', `Phân tích quá ${PARSE_TIMEOUT_MS / 1000} giây, đã dừng.`);
  pump();
}

function giveUp(reason) {
  runner.unavailable = true;
  for (const d of state.docs) {
    if (d.status === 'parsing') {
      failDoc(d, 'WORKER_UNAVAILABLE', `Không khởi động được bộ phân tích: ${reason || 'lỗi không xác định'}. Hãy tải lại trang.`);
    }
  }
}

async function pump() {
  if (runner.inflight) return;
  if (runner.unavailable) {
    for (const d of state.docs) {
      if (d.status === 'parsing') failDoc(d, 'WORKER_UNAVAILABLE', 'Bộ phân tích không khởi động được. Hãy tải lại trang.');
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
      buf = await doc.file.arrayBuffer();
    } catch (err) {
      runner.inflight = null;
      failDoc(doc, 'READ_FAILED', `Không đọc được tệp: ${err?.message || err}`);
      pump();
      return;
    }
    if (doc.removed || runner.inflight !== doc) {
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
    failDoc(doc, 'WORKER_UNAVAILABLE', `Không khởi động được bộ phân tích: ${err?.message || err}`);
    pump();
    return;
  }
  runner.timer = setTimeout(onTimeout, PARSE_TIMEOUT_MS);
  w.postMessage(msg, transfer);
}

// ---------------------------------------------------------------------------------------------
// Document list

const docItems = new Map(); // id → <li>

const STATUS_TEXT = { parsing: 'Đang phân tích…', done: 'Xong', error: 'Lỗi' };

function docSubtitle(doc) {
  const parts = [];
  if (doc.status === 'done' && isObj(doc.report)) {
    const md = doc.report.metadata || {};
    if (md.docType?.name) parts.push(md.docType.name);
    if (md.numberSymbol) parts.push(md.numberSymbol);
    if (md.date) parts.push(fmtDate(md.date));
  }
  if (!parts.length) parts.push(doc.kind === 'paste' ? 'Nội dung dán' : 'Tệp', fmtBytes(doc.size));
  return parts.join(' · ');
}

function renderDocItem(doc) {
  let li = docItems.get(doc.id);
  if (!li) {
    li = el('li', { class: 'doc-item', dataset: { id: String(doc.id) } });
    docItems.set(doc.id, li);
    $('docs').append(li);
  }
  const statusText =
    doc.status === 'parsing' && !doc.started ? 'Đang chờ…' : STATUS_TEXT[doc.status] || doc.status;
  li.dataset.status = doc.status;
  li.classList.toggle('is-selected', doc.id === state.selectedId);

  const selectBtn = el(
    'button',
    {
      type: 'button',
      class: 'doc-select',
      'aria-current': doc.id === state.selectedId ? 'true' : null,
      title: doc.name,
      on: { click: () => onDocClick(doc.id) },
    },
    el('span', { class: 'doc-name', text: doc.label }),
    el('span', { class: 'doc-sub', text: docSubtitle(doc) }),
    el(
      'span',
      { class: `doc-status status-${doc.status}` },
      doc.status === 'parsing' ? el('span', { class: 'mini-spinner', 'aria-hidden': 'true' }) : null,
      statusText,
    ),
    doc.status === 'error' && doc.error
      ? el('span', { class: 'doc-reason', text: doc.error.message || ERROR_LABELS[doc.error.code] || doc.error.code })
      : null,
  );
  const remove = el('button', {
    type: 'button',
    class: 'doc-remove',
    title: 'Bỏ văn bản này khỏi danh sách',
    'aria-label': `Bỏ “${doc.label}” khỏi danh sách`,
    text: '×',
    on: { click: () => removeDoc(doc.id) },
  });
  const hadFocus = li.contains(document.activeElement) && document.activeElement.classList.contains('doc-select');
  li.replaceChildren(selectBtn, remove);
  if (hadFocus) selectBtn.focus();
}

function updateChrome() {
  const n = state.docs.length;
  $('docs-empty').hidden = n > 0;
  $('docs-count').textContent = n ? `(${n})` : '';
  $('clear-docs').disabled = n === 0;
  $('download-all').disabled = !state.docs.some((d) => d.status === 'done');
  $('compare-docs').disabled = state.docs.filter((d) => d.status === 'done').length < 2;
  const busy = state.docs.some((d) => d.status === 'parsing');
  document.body.dataset.state = n === 0 ? 'idle' : busy ? 'busy' : 'ready';
  document.body.setAttribute('aria-busy', busy ? 'true' : 'false');
}

function announce(text) {
  const a = $('announce');
  if (a) a.textContent = text;
}

function docChanged(doc) {
  if (doc.status === 'done') announce(`Đã phân tích xong “${doc.label}”.`);
  else if (doc.status === 'error') announce(`Không phân tích được “${doc.label}”: ${doc.error?.message || ''}`);
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
    $('welcome').hidden = which !== 'welcome';
    $('doc-pending').hidden = which !== 'pending';
    $('doc-error').hidden = which !== 'error';
    $('report-view').hidden = which !== 'report';
  };
  if (!doc) {
    state.renderedKey = null;
    show('welcome');
    return;
  }
  if (doc.status === 'parsing') {
    state.renderedKey = null;
    $('pending-name').textContent = `“${doc.label}”`;
    show('pending');
    return;
  }
  if (doc.status === 'error') {
    state.renderedKey = null;
    $('error-name').textContent = doc.label;
    $('error-message').textContent = doc.error?.message || ERROR_LABELS[doc.error?.code] || 'Lỗi không xác định.';
    $('error-code').textContent = doc.error?.code || '—';
    show('error');
    return;
  }
  const key = `${doc.id}`;
  if (state.renderedKey !== key) {
    renderReport(doc);
    state.renderedKey = key;
  }
  show('report');
}

// Each panel: [section id, render function]. A render function fills `body` and returns an
// optional count for the heading. One failing panel must not break the others.
const PANELS = [
  ['summary', renderSummary],
  ['metadata', renderMetadata],
  ['outline', renderOutline],
  ['figures', renderFigures],
  ['citations', renderCitations],
  ['footnotes', renderFootnotes],
  ['diagnostics', renderDiagnostics],
  ['text', renderText],
];

function renderReport(doc) {
  const report = isObj(doc.report) ? doc.report : {};
  const ctx = { doc, report, text: typeof report.text === 'string' ? report.text : null };
  guarded('source', () => renderHeader(ctx), (err) => {
    $('rh-title').textContent = doc.label;
    $('source-info').replaceChildren(panelError(err));
  });
  for (const [id, fn] of PANELS) {
    const section = $(id);
    const body = section.querySelector('.panel-body');
    body.replaceChildren();
    let count = null;
    guarded(
      id,
      () => {
        count = fn(ctx, body);
      },
      (err) => body.replaceChildren(panelError(err)),
    );
    for (const c of document.querySelectorAll(`[data-count-for="${id}"]`)) {
      c.textContent = typeof count === 'number' ? String(count) : '';
      c.classList.toggle('is-zero', count === 0);
    }
  }
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

function panelError(err) {
  return el(
    'p',
    { class: 'panel-error', role: 'alert' },
    'Không hiển thị được phần này: ',
    el('code', { class: 'mono', text: err?.message || String(err) }),
  );
}

function emptyNote(text) {
  return el('p', { class: 'empty', text });
}

/** Dash for absent values, with an explanation for screen readers. */
function none(label = 'Không tìm thấy') {
  return el('span', { class: 'none', title: label, 'aria-label': label, text: '—' });
}

/** A small "show in text" button for an item with a span. */
function spanButton(ctx, span, what = 'đoạn này') {
  if (!ctx.text || !isObj(span)) return null;
  const { start, end } = span;
  if (!Number.isInteger(start) || !Number.isInteger(end) || start < 0 || end < start || end > ctx.text.length) return null;
  return el('button', {
    type: 'button',
    class: 'span-link',
    title: 'Xem vị trí trong văn bản',
    'aria-label': `Xem ${what} trong văn bản`,
    text: '¶',
    on: { click: () => showSpan(ctx, span) },
  });
}

function showSpan(ctx, span) {
  const pre = document.querySelector('#text pre.text-view');
  if (!pre) return;
  const { start, end } = span;
  const mark = el('mark', { class: 'span-mark', tabindex: '-1', text: ctx.text.slice(start, end) || '\u200b' });
  pre.replaceChildren(document.createTextNode(ctx.text.slice(0, start)), mark, document.createTextNode(ctx.text.slice(end)));
  const details = pre.closest('details');
  if (details) details.open = true;
  mark.scrollIntoView({ block: 'center', behavior: 'smooth' });
  mark.focus({ preventScroll: true });
}

// --- header + source ---------------------------------------------------------------------------

function encodingLabel(enc) {
  if (!hasText(enc)) return null;
  const label = ENCODING_LABELS[enc];
  return label && label.toLowerCase() !== enc ? `${label} (${enc})` : label || enc;
}

function renderHeader(ctx) {
  const { report, doc } = ctx;
  const md = isObj(report.metadata) ? report.metadata : {};
  const kicker = [md.docType?.name, md.issuer?.name].filter(hasText).join(' · ');
  $('rh-kicker').textContent = kicker || 'Văn bản';
  $('rh-title').textContent = hasText(md.numberSymbol) ? `Số ${md.numberSymbol}` : doc.label;
  const subj = [];
  if (hasText(md.subject)) subj.push(md.subject);
  const when = [md.place, md.date ? `ngày ${fmtDate(md.date)}` : null].filter(hasText).join(', ');
  if (when) subj.push(when);
  $('rh-subject').textContent = subj.join(' — ');
  $('rh-subject').hidden = subj.length === 0;

  const src = isObj(report.source) ? report.source : {};
  const noise = isObj(src.noise) ? src.noise : {};
  const items = [
    ['Tệp', src.name || doc.name, 'mono'],
    ['Định dạng', FORMAT_LABELS[src.format] || src.format],
    ['Mã hoá', encodingLabel(src.encoding)],
    ['Dung lượng', typeof src.bytes === 'number' ? `${fmtNum(src.bytes)} byte` : null],
    ['Số ký tự', typeof src.chars === 'number' ? fmtNum(src.chars) : null],
  ];
  const flags = [];
  if (noise.ocr === true) flags.push('Văn bản OCR');
  if (noise.missingDiacritics === true) flags.push('Thiếu dấu');
  if (typeof noise.score === 'number') {
    flags.push(`Độ nhiễu ${new Intl.NumberFormat('vi-VN', { maximumFractionDigits: 2 }).format(noise.score)}`);
  }
  items.push(['Chất lượng', flags.length ? flags.join(' · ') : null]);
  if (typeof doc.ms === 'number') items.push(['Thời gian', `${fmtNum(Math.round(doc.ms))} ms`]);
  const dl = $('source-info');
  dl.replaceChildren();
  for (const [k, v, cls] of items) {
    dl.append(el('div', { class: 'source-item' }, el('dt', { text: k }), el('dd', { class: cls || null }, hasText(String(v ?? '')) ? String(v) : none())));
  }
}

// --- summary -----------------------------------------------------------------------------------

function renderSummary(ctx, body) {
  const s = isObj(ctx.report.summary) ? ctx.report.summary : {};
  const points = arr(s.keyPoints);
  if (hasText(s.headline)) body.append(el('p', { class: 'headline', text: s.headline }));
  if (points.length) {
    body.append(
      el('h3', { class: 'sub-title', text: 'Ý chính' }),
      el(
        'ul',
        { class: 'key-points' },
        points.map((p) => el('li', null, el('span', { text: isObj(p) ? p.text ?? '' : String(p) }), isObj(p) ? spanButton(ctx, p.span, 'ý này') : null)),
      ),
    );
  }
  const stats = isObj(s.stats) ? s.stats : null;
  if (stats && Object.keys(stats).length) {
    body.append(el('h3', { class: 'sub-title', text: 'Thống kê' }), statsList(stats));
  }
  if (!hasText(s.headline) && !points.length && !(stats && Object.keys(stats).length)) {
    body.append(emptyNote('Chưa tìm thấy nội dung tóm tắt cho văn bản này.'));
  }
  return null;
}

function statsList(stats) {
  const dl = el('dl', { class: 'stats' });
  const entries = Object.entries(stats);
  // "đạt và vượt 10/11 chỉ tiêu": show met/total as one figure.
  if ('targetsMet' in stats || 'targetsTotal' in stats) {
    const met = stats.targetsMet;
    const total = stats.targetsTotal;
    const value = typeof met === 'number' && typeof total === 'number' ? `${fmtNum(met)}/${fmtNum(total)}` : typeof met === 'number' ? fmtNum(met) : null;
    dl.append(el('div', { class: 'stat' }, el('dt', { text: STAT_LABELS.targetsMetOfTotal }), el('dd', null, value ?? none('Báo cáo không nêu'))));
  }
  for (const [k, v] of entries) {
    if (k === 'targetsMet' || k === 'targetsTotal') continue;
    const label = STAT_LABELS[k] || ROLE_LABELS[k] || humanizeKey(k);
    dl.append(el('div', { class: 'stat' }, el('dt', { text: label }), el('dd', null, statValue(v))));
  }
  return dl;
}

function statValue(v) {
  if (v === null || v === undefined) return none();
  if (typeof v === 'number') return fmtNum(v);
  if (typeof v === 'boolean') return v ? 'Có' : 'Không';
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => (isObj(x) || Array.isArray(x) ? JSON.stringify(x) : String(x))).join(', ');
  if (isObj(v)) {
    return el(
      'span',
      { class: 'stat-nested' },
      Object.entries(v).map(([k, x]) =>
        el('span', { class: 'stat-pair' }, `${STAT_LABELS[k] || ROLE_LABELS[k] || humanizeKey(k)}: `, el('strong', null, statValue(x))),
      ),
    );
  }
  return String(v);
}

// --- metadata ----------------------------------------------------------------------------------

function renderMetadata(ctx, body) {
  const md = isObj(ctx.report.metadata) ? ctx.report.metadata : null;
  if (!md) {
    body.append(emptyNote('Chưa tìm thấy thông tin văn bản.'));
    return null;
  }
  const issuer = isObj(md.issuer) ? md.issuer : {};
  const docType = isObj(md.docType) ? md.docType : null;
  const sig = isObj(md.signature) ? md.signature : null;
  const period = isObj(md.period) ? md.period : null;

  const groups = [
    [
      'Nhận dạng',
      [
        ['Loại văn bản', docType && (docType.name || docType.code) ? el('span', null, docType.name || '', docType.code ? [' ', el('span', { class: 'code-chip mono', text: docType.code })] : null) : null],
        ['Số, ký hiệu', md.numberSymbol ? el('span', { class: 'mono strong', text: md.numberSymbol }) : null],
        ['Số', md.number],
        ['Ký hiệu', md.symbol ? el('span', { class: 'mono', text: md.symbol }) : null],
        ['Trích yếu', md.subject],
        ['Hệ văn bản', md.family ? FAMILY_LABELS[md.family] || md.family : null],
        ['Quốc hiệu, tiêu ngữ', typeof md.motto === 'boolean' ? (md.motto ? 'Có' : 'Không') : null],
      ],
    ],
    [
      'Ban hành',
      [
        ['Cơ quan chủ quản', issuer.parent],
        ['Cơ quan ban hành', issuer.name],
        ['Địa danh', md.place],
        ['Ngày ban hành', dateNode(md.date)],
        ['Độ mật', md.confidentiality],
        ['Độ khẩn', md.urgency],
      ],
    ],
    [
      'Kỳ báo cáo',
      period
        ? [
            ['Kỳ', period.label],
            ['Năm', period.year],
            ['Quý', period.quarter],
            ['Số tháng', Array.isArray(period.months) ? period.months.join(', ') : period.months],
            ['Từ ngày', dateNode(period.from)],
            ['Đến ngày', dateNode(period.to)],
          ]
        : [['Kỳ', null]],
    ],
    [
      'Nơi gửi, nơi nhận',
      [
        ['Kính gửi', listOrNull(md.recipients)],
        ['Nơi nhận', listOrNull(md.distribution)],
        ['Lưu', md.archive],
      ],
    ],
    [
      'Chữ ký',
      sig
        ? [
            ['Thẩm quyền ký', sig.authority ? el('span', { class: 'mono', text: sig.authority }) : null],
            ['Tập thể / cơ quan', sig.body],
            ['Chức vụ', sig.title],
            ['Người ký', sig.name ? el('strong', { text: sig.name }) : null],
          ]
        : [['Người ký', null]],
    ],
  ];

  const grid = el('div', { class: 'meta-grid' });
  for (const [title, rows] of groups) {
    const dl = el('dl', { class: 'meta-list' });
    for (const [label, value] of rows) dl.append(metaRow(label, value));
    grid.append(el('div', { class: 'meta-group' }, el('h3', { class: 'sub-title', text: title }), dl));
  }
  body.append(grid);

  const comp = arr(md.compliance);
  body.append(el('h3', { class: 'sub-title', text: 'Kiểm tra thể thức' }));
  if (!comp.length) {
    body.append(emptyNote('Chưa có kết quả kiểm tra thể thức.'));
  } else {
    const okCount = comp.filter((c) => c?.status === 'ok').length;
    body.append(el('p', { class: 'muted compliance-summary', text: `${okCount}/${comp.length} thành phần đạt.` }));
    body.append(
      tableWrap(
        ['Thành phần', 'Kết quả', 'Ghi chú'],
        comp.map((c) => [
          c?.component ?? '',
          el('span', { class: `badge status-badge status-${c?.status || 'unknown'}`, text: COMPLIANCE_LABELS[c?.status] || c?.status || '—' }),
          c?.message ?? '',
        ]),
        'compliance-table',
        'Kết quả kiểm tra thể thức',
      ),
    );
  }
  return null;
}

function listOrNull(list) {
  const items = arr(list).filter((x) => x !== null && x !== undefined && String(x).trim() !== '');
  if (!items.length) return null;
  if (items.length === 1) return String(items[0]);
  return el('ul', { class: 'plain-list' }, items.map((x) => el('li', { text: String(x) })));
}

function metaRow(label, value) {
  const empty = value === null || value === undefined || (typeof value === 'string' && !value.trim());
  const dd = el('dd');
  if (empty) dd.append(none());
  else if (value instanceof Node) dd.append(value);
  else dd.textContent = String(value);
  return el('div', { class: `meta-row${empty ? ' is-empty' : ''}` }, el('dt', { text: label }), dd);
}

// --- outline -----------------------------------------------------------------------------------

function countSections(list) {
  let n = 0;
  for (const s of arr(list)) n += 1 + countSections(s?.children);
  return n;
}

function renderOutline(ctx, body) {
  const outline = arr(ctx.report.outline);
  if (!outline.length) {
    body.append(emptyNote('Chưa tìm thấy đề mục nào.'));
    return 0;
  }
  // Legend: roles present at the top level.
  const roles = new Map();
  const walk = (list) => {
    for (const s of arr(list)) {
      if (s?.role) roles.set(s.role, (roles.get(s.role) || 0) + 1);
      walk(s?.children);
    }
  };
  walk(outline);
  if (roles.size) {
    body.append(
      el(
        'p',
        { class: 'role-legend', 'aria-label': 'Số đề mục theo vai trò' },
        [...roles].map(([r, n]) => el('span', { class: `badge role role-${roleClass(r)}` }, `${ROLE_LABELS[r] || r} `, el('span', { class: 'role-count', text: String(n) }))),
      ),
    );
  }
  body.append(outlineList(ctx, outline, 1));
  return countSections(outline);
}

function roleClass(role) {
  return ROLE_LABELS[role] ? role : 'other';
}

function outlineList(ctx, sections, depth) {
  const ol = el('ol', { class: `outline-list depth-${Math.min(depth, 4)}` });
  for (const s of arr(sections)) {
    if (!isObj(s)) continue;
    const head = el(
      'div',
      { class: 'outline-row' },
      s.marker || s.rawMarker ? el('span', { class: 'outline-marker', text: s.marker || s.rawMarker }) : null,
      el('span', { class: 'outline-title', text: s.title || '(không có tiêu đề)' }),
      el(
        'span',
        { class: 'outline-tools' },
        s.rawMarker && s.marker && s.rawMarker !== s.marker
          ? el('span', { class: 'raw-marker mono', title: 'Số mục như trong bản gốc', text: `gốc: ${s.rawMarker}` })
          : null,
        s.role ? el('span', { class: `badge role role-${roleClass(s.role)}`, text: ROLE_LABELS[s.role] || s.role }) : null,
        spanButton(ctx, s.span, 'đề mục này'),
      ),
    );
    const li = el('li', { class: 'outline-item', dataset: { level: String(s.level ?? depth), role: s.role || '' } }, head);
    if (arr(s.children).length) li.append(outlineList(ctx, s.children, depth + 1));
    ol.append(li);
  }
  return ol;
}

// --- figures -----------------------------------------------------------------------------------

function sectionPathLabel(outline, path) {
  const p = arr(path);
  if (!p.length) return null;
  const markers = [];
  let level = arr(outline);
  let title = null;
  for (const i of p) {
    const s = Number.isInteger(i) ? level[i] : undefined;
    if (!isObj(s)) return { text: p.join('.'), title: null };
    markers.push(s.marker || s.rawMarker || String(i + 1));
    title = s.title || title;
    level = arr(s.children);
  }
  return { text: markers.join(' '), title };
}

function comparisonNode(c) {
  if (!isObj(c)) return null;
  const parts = [];
  if (c.direction && DIRECTION_LABELS[c.direction]) {
    parts.push(el('span', { class: `dir dir-${c.direction}`, text: DIRECTION_LABELS[c.direction] }));
  }
  if (typeof c.value === 'number') parts.push(el('strong', { text: fmtNum(c.value) }));
  if (c.kind === 'ratio' && (c.numerator != null || c.denominator != null)) {
    parts.push(el('span', { class: 'mono', text: `${c.numerator != null ? fmtNum(c.numerator) : '?'}/${c.denominator != null ? fmtNum(c.denominator) : '?'}` }));
  }
  if (c.kind) parts.push(el('span', { class: 'muted', text: COMPARISON_LABELS[c.kind] || c.kind }));
  if (hasText(c.raw)) parts.push(el('span', { class: 'quote', text: `“${c.raw}”` }));
  return el('span', { class: 'comparison' }, parts.map((p, i) => (i ? [' ', p] : p)));
}

function renderFigures(ctx, body) {
  const figures = arr(ctx.report.figures);
  if (!figures.length) {
    body.append(emptyNote('Chưa tìm thấy số liệu nào.'));
    return 0;
  }
  const outline = arr(ctx.report.outline);
  body.append(
    tableWrap(
      ['Số liệu', 'Giá trị', 'Đơn vị', 'Nội dung', 'Kỳ', 'So sánh', 'Mục', SPAN_COL],
      figures.map((f) => {
        if (!isObj(f)) return [String(f), '', '', '', '', '', '', ''];
        const sec = sectionPathLabel(outline, f.sectionPath);
        return [
          el('span', { class: 'quote', text: f.raw ?? '' }),
          el('span', { class: 'num', text: typeof f.value === 'number' ? fmtNum(f.value) : '—' }),
          f.unit ?? none(),
          f.what ?? none(),
          f.period ?? none(),
          comparisonNode(f.comparison) ?? none('Không có so sánh'),
          sec ? el('span', { class: 'mono section-path', title: sec.title || null, text: sec.text }) : none(),
          spanButton(ctx, f.span, 'số liệu này'),
        ];
      }),
      'figures-table',
      'Bảng số liệu',
    ),
  );
  return figures.length;
}

// --- citations ---------------------------------------------------------------------------------

function renderCitations(ctx, body) {
  const cites = arr(ctx.report.citations);
  if (!cites.length) {
    body.append(emptyNote('Chưa tìm thấy văn bản được viện dẫn nào.'));
    return 0;
  }
  body.append(
    tableWrap(
      ['Loại', 'Số, ký hiệu', 'Ngày', 'Cơ quan ban hành', 'Trích yếu', 'Nguyên văn', SPAN_COL],
      cites.map((c) => {
        if (!isObj(c)) return [String(c), '', '', '', '', '', ''];
        return [
          c.type ?? none(),
          c.numberSymbol ? el('span', { class: 'mono strong nowrap', text: c.numberSymbol }) : none(),
          dateNode(c.date) ?? none(),
          c.issuerText ?? none(),
          c.title ?? none(),
          el('span', { class: 'quote small', text: c.raw ?? '' }),
          spanButton(ctx, c.span, 'viện dẫn này'),
        ];
      }),
      'citations-table',
      'Văn bản được viện dẫn',
    ),
  );
  return cites.length;
}

// --- footnotes ---------------------------------------------------------------------------------

function renderFootnotes(ctx, body) {
  const notes = arr(ctx.report.footnotes);
  if (!notes.length) {
    body.append(emptyNote('Chưa tìm thấy chú thích nào.'));
    return 0;
  }
  body.append(
    el(
      'ol',
      { class: 'footnote-list' },
      notes.map((n) =>
        el(
          'li',
          { class: 'footnote' },
          el('span', { class: 'footnote-id mono', text: isObj(n) && n.id != null ? String(n.id) : '' }),
          el('span', { class: 'footnote-text', text: isObj(n) ? n.text ?? '' : String(n) }),
          isObj(n) ? spanButton(ctx, n.span, 'chú thích này') : null,
        ),
      ),
    ),
  );
  return notes.length;
}

// --- diagnostics -------------------------------------------------------------------------------

function renderDiagnostics(ctx, body) {
  const diags = arr(ctx.report.diagnostics);
  if (!diags.length) {
    body.append(emptyNote('Chưa tìm thấy vấn đề nào cần lưu ý.'));
    return 0;
  }
  const order = { error: 0, warning: 1, info: 2 };
  const sorted = [...diags].sort((a, b) => (order[a?.severity] ?? 3) - (order[b?.severity] ?? 3));
  body.append(
    el(
      'ul',
      { class: 'diag-list' },
      sorted.map((d) =>
        el(
          'li',
          { class: `diag diag-${isObj(d) && SEVERITY_LABELS[d.severity] ? d.severity : 'info'}` },
          el('span', { class: `badge sev sev-${isObj(d) && SEVERITY_LABELS[d.severity] ? d.severity : 'info'}`, text: SEVERITY_LABELS[d?.severity] || d?.severity || 'Thông tin' }),
          el('span', { class: 'diag-msg', text: isObj(d) ? d.message ?? '' : String(d) }),
          isObj(d) && d.code ? el('code', { class: 'diag-code mono', text: d.code }) : null,
          isObj(d) ? spanButton(ctx, d.span, 'vị trí này') : null,
        ),
      ),
    ),
  );
  return diags.length;
}

// --- normalised text ---------------------------------------------------------------------------

function renderText(ctx, body) {
  if (ctx.text === null) {
    body.append(emptyNote('Không có văn bản chuẩn hoá.'));
    return null;
  }
  body.append(
    el('p', { class: 'muted', text: `${fmtNum(ctx.text.length)} ký tự. Nhấn ¶ ở các phần trên để xem vị trí tương ứng trong văn bản.` }),
    el('pre', { class: 'text-view mono', tabindex: '0', 'aria-label': 'Văn bản đã chuẩn hoá', text: ctx.text }),
  );
  return null;
}

// --- tables ------------------------------------------------------------------------------------

const SPAN_COL = 'Vị trí';

function tableWrap(headers, rows, cls, caption) {
  const table = el(
    'table',
    { class: `data-table ${cls || ''}` },
    caption ? el('caption', { class: 'visually-hidden', text: caption }) : null,
    el(
      'thead',
      null,
      el('tr', null, headers.map((h) => el('th', { scope: 'col', class: h === SPAN_COL ? 'col-span' : null }, h === SPAN_COL ? el('span', { class: 'visually-hidden', text: h }) : h))),
    ),
    el(
      'tbody',
      null,
      rows.map((cells) =>
        el('tr', null, cells.map((c, i) => el('td', { 'data-label': headers[i] || null, class: headers[i] === SPAN_COL ? 'col-span' : null }, c ?? ''))),
      ),
    ),
  );
  return el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption || 'Bảng' }, table);
}

// ---------------------------------------------------------------------------------------------
// Comparing reports: the worker aligns the figures (same Rust code as `baocao compare`)

const compare = { seq: 0, csv: null, timer: null };
const COMPARE_TIMEOUT_MS = 30_000;

function openCompare() {
  const done = state.docs.filter((d) => d.status === 'done' && isObj(d.report));
  if (done.length < 2) return;
  for (const id of ['welcome', 'doc-pending', 'doc-error', 'report-view']) $(id).hidden = true;
  $('compare-view').hidden = false;
  $('compare-body').replaceChildren();
  $('compare-csv').disabled = true;
  compare.csv = null;
  $('compare-status').textContent = `Đang so sánh ${done.length} văn bản…`;
  const items = done.map((d) => ({ name: d.label, figures: arr(d.report.figures) }));
  compare.seq += 1;
  clearTimeout(compare.timer);
  compare.timer = setTimeout(() => onCompareReply({ seq: compare.seq, ok: false, message: 'Quá thời gian chờ.' }), COMPARE_TIMEOUT_MS);
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
  if (!m.ok) {
    $('compare-status').textContent = `Không so sánh được: ${m.message || 'lỗi không xác định'}`;
    return;
  }
  compare.csv = typeof m.csv === 'string' ? m.csv : null;
  $('compare-csv').disabled = !compare.csv;
  const t = isObj(m.table) ? m.table : { reports: [], rows: [] };
  const rows = arr(t.rows);
  const shared = rows.filter((r) => arr(r.missingIn).length === 0).length;
  $('compare-status').textContent = rows.length
    ? `${rows.length} chỉ tiêu, ${shared} chỉ tiêu có trong mọi văn bản.`
    : 'Các văn bản chưa có số liệu nào ghép được (cần số liệu có nội dung và đơn vị).';
  if (!rows.length) return;
  const head = el('tr', null,
    el('th', { scope: 'col' }, 'Chỉ tiêu'),
    el('th', { scope: 'col' }, 'Đơn vị'),
    ...arr(t.reports).map((name) => el('th', { scope: 'col', class: 'num' }, String(name))));
  const body = rows.map((r) => {
    const missing = new Set(arr(r.missingIn));
    const cells = arr(t.reports).map((_, i) => {
      if (missing.has(i)) return el('td', { class: 'num missing', title: 'Văn bản không nêu chỉ tiêu này' }, '—');
      const v = arr(r.values)[i];
      const ch = arr(r.changes)[i];
      const parts = [fmtNum(v)];
      if (isObj(ch) && typeof ch.delta === 'number' && ch.delta !== 0) {
        const up = ch.delta > 0;
        const pct = typeof ch.percent === 'number' ? ` ${up ? '+' : ''}${fmtNum(ch.percent)}%` : '';
        parts.push(el('span', { class: up ? 'change up' : 'change down', title: 'so với văn bản liền trước' }, ` ${up ? '▲' : '▼'}${pct}`));
      }
      return el('td', { class: 'num' }, ...parts);
    });
    return el('tr', null, el('th', { scope: 'row' }, String(r.what ?? '')), el('td', null, String(r.unit ?? '')), ...cells);
  });
  const table = el('table', { class: 'data-table compare-table' },
    el('caption', { class: 'visually-hidden' }, 'So sánh số liệu giữa các văn bản'),
    el('thead', null, head), el('tbody', null, ...body));
  $('compare-body').replaceChildren(el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': 'Bảng so sánh' }, table));
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

  updateChrome();
  renderSelection();
  // Start the parser early so the first document does not wait for wasm compilation.
  try {
    spawnWorker();
  } catch (err) {
    console.error('baocao: cannot start worker', err);
  }
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', wire);
else wire();

// For debugging and tests: read-only view of the documents.
globalThis.baocao = Object.freeze({
  docs: () => state.docs.map((d) => ({ id: d.id, name: d.name, status: d.status, error: d.error, report: d.report })),
  selected: () => selectedDoc()?.report ?? null,
});
