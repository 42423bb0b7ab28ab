// baocao report renderers, shared by the page (main.js) and the <baocao-report> element.
//
// Security: report data only ever reaches the DOM through textContent / createTextNode /
// setAttribute (never innerHTML), and nothing here sets an inline style, so the renderers work
// under `default-src 'self'; script-src 'self' 'wasm-unsafe-eval'`.
//
// No global state: every function works from a context made by makeCtx():
//   { report, text, lang, t, num, showSpan(span)|null, uid(prefix) }
// showSpan is the page's "scroll the text panel to this span" (null in the element: no text).

import { translator, fold, normLang } from './i18n.js';

export { fold, translator, normLang };

// ---------------------------------------------------------------------------------------------
// DOM helpers (text only, never HTML)

/**
 * el('span', {class: 'x', title: 't', dataset: {a: 1}}, 'text', childNode, …)
 * Strings become text nodes; null/undefined/false children are skipped.
 */
export function el(tag, attrs, ...children) {
  return fill(document.createElement(tag), attrs, children);
}

const SVG_NS = 'http://www.w3.org/2000/svg';

/** Same as el() for SVG elements (presentation attributes only, no style=). */
export function svgEl(tag, attrs, ...children) {
  return fill(document.createElementNS(SVG_NS, tag), attrs, children);
}

function fill(node, attrs, children) {
  if (attrs) {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') node.setAttribute('class', v);
      else if (k === 'text') node.textContent = String(v);
      else if (k === 'dataset') Object.assign(node.dataset, v);
      else if (k === 'on') for (const [ev, fn] of Object.entries(v)) node.addEventListener(ev, fn);
      else if (k === 'hidden') node.hidden = Boolean(v);
      else node.setAttribute(k, v === true ? '' : String(v));
    }
  }
  return appendAll(node, children);
}

export function appendAll(node, children) {
  for (const c of children.flat(Infinity)) {
    if (c === null || c === undefined || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export const isObj = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
export const arr = (v) => (Array.isArray(v) ? v : []);
export const hasText = (v) => typeof v === 'string' && v.trim() !== '';

// ---------------------------------------------------------------------------------------------
// Context and formatting

/**
 * @param {{report: object, lang?: string, showSpan?: ((span: {start:number,end:number}) => void)|null, idPrefix?: string}} o
 */
export function makeCtx({ report, lang = 'vi', showSpan = null, idPrefix = 'bc' }) {
  const l = normLang(lang);
  const r = isObj(report) ? report : {};
  const locale = l === 'en' ? 'en-GB' : 'vi-VN';
  let seq = 0;
  return {
    report: r,
    text: typeof r.text === 'string' ? r.text : null,
    lang: l,
    locale,
    t: translator(l),
    num: new Intl.NumberFormat(locale, { maximumFractionDigits: 6 }),
    num2: new Intl.NumberFormat(locale, { maximumFractionDigits: 2 }),
    showSpan,
    uid: (p) => `${idPrefix}-${p}-${++seq}`,
  };
}

export function fmtNum(ctx, n) {
  return typeof n === 'number' && Number.isFinite(n) ? ctx.num.format(n) : String(n ?? '—');
}

export function fmtBytes(ctx, n) {
  if (typeof n !== 'number' || !Number.isFinite(n)) return '—';
  if (n < 1024) return ctx.t('common.bytes', { n: fmtNum(ctx, n) });
  const one = new Intl.NumberFormat(ctx.locale, { maximumFractionDigits: 1 });
  const kb = n / 1024;
  if (kb < 1024) return `${one.format(kb)} KB`;
  return `${one.format(kb / 1024)} MB`;
}

/** "2023-11-09" → "09/11/2023"; other strings unchanged. */
export function fmtDate(iso) {
  if (typeof iso !== 'string') return String(iso ?? '');
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (m) return `${m[3]}/${m[2]}/${m[1]}`;
  const ym = /^(\d{4})-(\d{2})$/.exec(iso);
  if (ym) return `${ym[2]}/${ym[1]}`;
  return iso;
}

export function dateNode(iso) {
  if (!hasText(iso)) return null;
  const t = el('time', { text: fmtDate(iso) });
  if (/^\d{4}-\d{2}(-\d{2})?$/.test(iso)) t.dateTime = iso;
  return t;
}

function humanizeKey(k) {
  return String(k)
    .replace(/([a-z])([A-Z])/g, '$1 $2')
    .replace(/[_-]+/g, ' ')
    .replace(/^./, (c) => c.toUpperCase());
}

/** Label from a group of the string table, else the raw value. */
function label(ctx, group, value) {
  const key = `${group}.${value}`;
  return ctx.t.has(key) ? ctx.t(key) : String(value);
}

export const ROLES = ['context', 'achievements', 'limitations', 'causes', 'tasks', 'proposals', 'targets', 'assessment', 'responsibility', 'appendix', 'other'];

export function roleClass(role) {
  return ROLES.includes(role) ? role : 'other';
}

export function roleBadge(ctx, role) {
  if (!role) return null;
  return el('span', { class: `badge role role-${roleClass(role)}`, dataset: { role }, text: label(ctx, 'role', role) });
}

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
};

export function encodingLabel(ctx, enc) {
  if (!hasText(enc)) return null;
  const lab = enc === 'unknown' ? ctx.t('encodingUnknown') : enc === 'unicode-nfd' ? ctx.t('encodingNfd') : ENCODING_LABELS[enc];
  return lab && lab.toLowerCase() !== enc ? `${lab} (${enc})` : lab || enc;
}

// ---------------------------------------------------------------------------------------------
// Small building blocks

export function emptyNote(text) {
  return el('p', { class: 'empty', text });
}

/** Dash for absent values, with an explanation for screen readers. */
export function none(ctx, lab) {
  const l = lab || ctx.t('common.notFound');
  return el('span', { class: 'none', title: l, 'aria-label': l, text: '—' });
}

export function panelError(ctx, err) {
  return el('p', { class: 'panel-error', role: 'alert' }, ctx.t('panel.failed'), el('code', { class: 'mono', text: err?.message || String(err) }));
}

export function validSpan(ctx, span) {
  if (!ctx.text || !isObj(span)) return false;
  const { start, end } = span;
  return Number.isInteger(start) && Number.isInteger(end) && start >= 0 && end >= start && end <= ctx.text.length;
}

/** A small "show in text" button for an item with a span. */
export function spanButton(ctx, span, whatKey = 'what.default') {
  if (!ctx.showSpan || !validSpan(ctx, span)) return null;
  return el('button', {
    type: 'button',
    class: 'span-link',
    title: ctx.t('common.showInText'),
    'aria-label': ctx.t('common.showWhat', { what: ctx.t(whatKey) }),
    text: '¶',
    on: { click: () => ctx.showSpan(span) },
  });
}

export function countSections(list) {
  let n = 0;
  for (const s of arr(list)) n += 1 + countSections(s?.children);
  return n;
}

// ---------------------------------------------------------------------------------------------
// Summary card

/** The headline card: headline, period, issuer, date, then key points and stats. */
export function renderSummary(ctx, body, { stats = true } = {}) {
  const { t } = ctx;
  const s = isObj(ctx.report.summary) ? ctx.report.summary : {};
  const md = isObj(ctx.report.metadata) ? ctx.report.metadata : {};
  const points = arr(s.keyPoints);
  if (hasText(s.headline)) body.append(el('p', { class: 'headline', text: s.headline }));
  const facts = [
    ['summary.period', isObj(md.period) && hasText(md.period.label) ? md.period.label : null],
    ['summary.issuer', isObj(md.issuer) && hasText(md.issuer.name) ? md.issuer.name : null],
    ['summary.date', dateNode(md.date)],
  ].filter(([, v]) => v);
  if (facts.length) {
    body.append(el('dl', { class: 'summary-facts' }, facts.map(([k, v]) => el('div', { class: 'summary-fact' }, el('dt', { text: t(k) }), el('dd', null, v)))));
  }
  if (points.length) {
    body.append(
      el('h3', { class: 'sub-title', text: t('summary.keyPoints') }),
      el(
        'ul',
        { class: 'key-points' },
        points.map((p) => el('li', null, el('span', { text: isObj(p) ? p.text ?? '' : String(p) }), isObj(p) ? spanButton(ctx, p.span, 'what.point') : null)),
      ),
    );
  }
  const st = isObj(s.stats) ? s.stats : null;
  if (stats && st && Object.keys(st).length) {
    body.append(el('h3', { class: 'sub-title', text: t('summary.stats') }), statsList(ctx, st));
  }
  if (!hasText(s.headline) && !points.length && !(st && Object.keys(st).length)) {
    body.append(emptyNote(t('summary.empty')));
  }
  return null;
}

function statLabel(ctx, k) {
  if (ctx.t.has(`stat.${k}`)) return ctx.t(`stat.${k}`);
  if (ctx.t.has(`role.${k}`)) return ctx.t(`role.${k}`);
  return humanizeKey(k);
}

function statsList(ctx, stats) {
  const dl = el('dl', { class: 'stats' });
  // "đạt và vượt 10/11 chỉ tiêu": show met/total as one figure.
  if ('targetsMet' in stats || 'targetsTotal' in stats) {
    const met = stats.targetsMet;
    const total = stats.targetsTotal;
    const value = typeof met === 'number' && typeof total === 'number' ? `${fmtNum(ctx, met)}/${fmtNum(ctx, total)}` : typeof met === 'number' ? fmtNum(ctx, met) : null;
    dl.append(el('div', { class: 'stat' }, el('dt', { text: ctx.t('stat.targetsMetOfTotal') }), el('dd', null, value ?? none(ctx, ctx.t('common.notStated')))));
  }
  for (const [k, v] of Object.entries(stats)) {
    if (k === 'targetsMet' || k === 'targetsTotal') continue;
    dl.append(el('div', { class: 'stat' }, el('dt', { text: statLabel(ctx, k) }), el('dd', null, statValue(ctx, v))));
  }
  return dl;
}

function statValue(ctx, v) {
  if (v === null || v === undefined) return none(ctx);
  if (typeof v === 'number') return fmtNum(ctx, v);
  if (typeof v === 'boolean') return v ? ctx.t('common.yes') : ctx.t('common.no');
  if (typeof v === 'string') return v;
  if (Array.isArray(v)) return v.map((x) => (isObj(x) || Array.isArray(x) ? JSON.stringify(x) : String(x))).join(', ');
  if (isObj(v)) {
    return el(
      'span',
      { class: 'stat-nested' },
      Object.entries(v).map(([k, x]) => el('span', { class: 'stat-pair' }, `${statLabel(ctx, k)}: `, el('strong', null, statValue(ctx, x)))),
    );
  }
  return String(v);
}

// ---------------------------------------------------------------------------------------------
// Metadata + compliance checklist

export function renderMetadata(ctx, body) {
  const { t } = ctx;
  const md = isObj(ctx.report.metadata) ? ctx.report.metadata : null;
  if (!md) {
    body.append(emptyNote(t('meta.empty')));
    return null;
  }
  const issuer = isObj(md.issuer) ? md.issuer : {};
  const docType = isObj(md.docType) ? md.docType : null;
  const sig = isObj(md.signature) ? md.signature : null;
  const period = isObj(md.period) ? md.period : null;
  const yesNo = (b) => (typeof b === 'boolean' ? (b ? t('common.yes') : t('common.no')) : null);

  const groups = [
    [
      'meta.gIdentity',
      [
        ['meta.docType', docType && (docType.name || docType.code) ? el('span', null, docType.name || '', docType.code ? [' ', el('span', { class: 'code-chip mono', text: docType.code })] : null) : null],
        ['meta.numberSymbol', md.numberSymbol ? el('span', { class: 'mono strong', text: md.numberSymbol }) : null],
        ['meta.number', md.number],
        ['meta.symbol', md.symbol ? el('span', { class: 'mono', text: md.symbol }) : null],
        ['meta.subject', md.subject],
        ['meta.family', md.family ? label(ctx, 'family', md.family) : null],
        ['meta.motto', yesNo(md.motto)],
      ],
    ],
    [
      'meta.gIssue',
      [
        ['meta.parent', issuer.parent],
        ['meta.issuer', issuer.name],
        ['meta.place', md.place],
        ['meta.date', dateNode(md.date)],
        ['meta.confidentiality', md.confidentiality],
        ['meta.urgency', md.urgency],
      ],
    ],
    [
      'meta.gPeriod',
      period
        ? [
            ['meta.period', period.label],
            ['meta.year', period.year],
            ['meta.quarter', period.quarter],
            ['meta.months', Array.isArray(period.months) ? period.months.join(', ') : period.months],
            ['meta.from', dateNode(period.from)],
            ['meta.to', dateNode(period.to)],
          ]
        : [['meta.period', null]],
    ],
    [
      'meta.gRecipients',
      [
        ['meta.recipients', listOrNull(md.recipients)],
        ['meta.distribution', listOrNull(md.distribution)],
        ['meta.archive', md.archive],
      ],
    ],
    [
      'meta.gSignature',
      sig
        ? [
            ['meta.authority', sig.authority ? el('span', { class: 'mono', text: sig.authority }) : null],
            ['meta.body', sig.body],
            ['meta.title', sig.title],
            ['meta.signer', sig.name ? el('strong', { text: sig.name }) : null],
          ]
        : [['meta.signer', null]],
    ],
  ];

  const grid = el('div', { class: 'meta-grid' });
  for (const [title, rows] of groups) {
    const dl = el('dl', { class: 'meta-list' });
    for (const [key, value] of rows) dl.append(metaRow(ctx, t(key), value));
    grid.append(el('div', { class: 'meta-group' }, el('h3', { class: 'sub-title', text: t(title) }), dl));
  }
  body.append(grid);
  body.append(renderCompliance(ctx, md));
  return null;
}

/**
 * The Decree 30 / Party-format checklist: one line per metadata.compliance item, passed (ok) or
 * failed (missing / malformed), with the parser's Vietnamese message.
 */
export function renderCompliance(ctx, md) {
  const { t } = ctx;
  const comp = arr(md?.compliance).filter(isObj);
  const headId = ctx.uid('compliance');
  const box = el('div', { class: 'compliance' });
  const rule = md?.family === 'party' ? t('compliance.partyRule') : md?.family === 'state' ? t('compliance.stateRule') : null;
  box.append(el('h3', { class: 'sub-title', id: headId }, t('compliance.title'), rule ? el('span', { class: 'muted sub-note', text: ` (${rule})` }) : null));
  if (!comp.length) {
    box.append(emptyNote(t('compliance.empty')));
    return box;
  }
  const okCount = comp.filter((c) => c.status === 'ok').length;
  box.append(
    el(
      'p',
      { class: 'compliance-summary', dataset: { ok: String(okCount), total: String(comp.length) } },
      el('span', { class: `meter ${okCount === comp.length ? 'meter-ok' : 'meter-bad'}`, 'aria-hidden': 'true' }),
      t('compliance.summary', { ok: okCount, total: comp.length }),
    ),
  );
  box.append(
    el(
      'ul',
      { class: 'checklist', 'aria-labelledby': headId },
      comp.map((c) => {
        const ok = c.status === 'ok';
        const status = ['ok', 'missing', 'malformed'].includes(c.status) ? c.status : 'unknown';
        return el(
          'li',
          { class: `check check-${ok ? 'pass' : 'fail'}`, dataset: { status: c.status ?? '' } },
          el('span', { class: `check-icon`, 'aria-hidden': 'true', text: ok ? '✓' : '✗' }),
          el('span', { class: 'visually-hidden', text: `${ok ? t('compliance.passed') : t('compliance.failed')}: ` }),
          el('span', { class: 'check-main' },
            el('span', { class: 'check-component', text: c.component ?? '' }),
            ' ',
            el('span', { class: `badge status-badge status-${status}`, text: label(ctx, 'compliance.status', c.status ?? '—') }),
            hasText(c.message) ? el('span', { class: 'check-message', text: c.message }) : null,
            hasText(c.note) ? el('span', { class: 'check-message check-note muted', text: c.note }) : null,
          ),
        );
      }),
    ),
  );
  return box;
}

function listOrNull(list) {
  const items = arr(list).filter((x) => x !== null && x !== undefined && String(x).trim() !== '');
  if (!items.length) return null;
  if (items.length === 1) return String(items[0]);
  return el('ul', { class: 'plain-list' }, items.map((x) => el('li', { text: String(x) })));
}

function metaRow(ctx, lab, value) {
  const empty = value === null || value === undefined || (typeof value === 'string' && !value.trim());
  const dd = el('dd');
  if (empty) dd.append(none(ctx));
  else if (value instanceof Node) dd.append(value);
  else dd.textContent = String(value);
  return el('div', { class: `meta-row${empty ? ' is-empty' : ''}` }, el('dt', { text: lab }), dd);
}

// ---------------------------------------------------------------------------------------------
// Outline: a collapsible tree with role badges

export function renderOutline(ctx, body) {
  const { t } = ctx;
  const outline = arr(ctx.report.outline);
  if (!outline.length) {
    body.append(emptyNote(t('outline.empty')));
    return 0;
  }
  const roles = new Map();
  let parents = 0;
  const walk = (list) => {
    for (const s of arr(list)) {
      if (s?.role) roles.set(s.role, (roles.get(s.role) || 0) + 1);
      if (arr(s?.children).length) parents += 1;
      walk(s?.children);
    }
  };
  walk(outline);
  const tools = el('div', { class: 'outline-head' });
  if (roles.size) {
    tools.append(
      el(
        'p',
        { class: 'role-legend', 'aria-label': t('outline.legend') },
        [...roles].map(([r, n]) => el('span', { class: `badge role role-${roleClass(r)}` }, `${label(ctx, 'role', r)} `, el('span', { class: 'role-count', text: String(n) }))),
      ),
    );
  }
  const tree = outlineList(ctx, outline, 1);
  tree.setAttribute('aria-label', t('outline.tree'));
  if (parents) {
    const setAll = (open) => {
      for (const b of tree.querySelectorAll('.outline-toggle')) setExpanded(ctx, b, open);
    };
    tools.append(
      el(
        'div',
        { class: 'outline-buttons' },
        el('button', { type: 'button', class: 'button button-small button-ghost outline-expand-all', text: t('outline.expandAll'), on: { click: () => setAll(true) } }),
        el('button', { type: 'button', class: 'button button-small button-ghost outline-collapse-all', text: t('outline.collapseAll'), on: { click: () => setAll(false) } }),
      ),
    );
  }
  body.append(tools, tree);
  return countSections(outline);
}

function setExpanded(ctx, button, open) {
  const target = button.closest('.outline-item')?.querySelector(':scope > .outline-list');
  button.setAttribute('aria-expanded', open ? 'true' : 'false');
  const title = button.dataset.title || '';
  button.setAttribute('aria-label', ctx.t(open ? 'outline.collapse' : 'outline.expand', { title }));
  button.closest('.outline-item')?.classList.toggle('is-collapsed', !open);
  if (target) target.hidden = !open;
}

// A marker as compared for the "gốc:" note: the note is for a marker the parser repaired ("Il." read
// as "II."), not for punctuation or case it only tidied ("Điều 1" shown as "Điều 1.").
function markerKey(m) {
  return String(m).trim().replace(/[\s.):]+$/u, '').toLocaleLowerCase('vi');
}

function outlineList(ctx, sections, depth) {
  const { t } = ctx;
  const ol = el('ol', { class: `outline-list depth-${Math.min(depth, 4)}` });
  for (const s of arr(sections)) {
    if (!isObj(s)) continue;
    const title = hasText(s.title) ? s.title : t('outline.untitled');
    const marker = s.marker || s.rawMarker || '';
    const kids = arr(s.children);
    const childId = kids.length ? ctx.uid('outline') : null;
    const toggle = kids.length
      ? el('button', {
          type: 'button',
          class: 'outline-toggle',
          'aria-expanded': 'true',
          'aria-controls': childId,
          'aria-label': t('outline.collapse', { title }),
          dataset: { title },
        })
      : el('span', { class: 'outline-toggle-spacer', 'aria-hidden': 'true' });
    if (kids.length) toggle.addEventListener('click', () => setExpanded(ctx, toggle, toggle.getAttribute('aria-expanded') !== 'true'));
    const canJump = Boolean(ctx.showSpan) && validSpan(ctx, s.span);
    const headContent = [marker ? el('span', { class: 'outline-marker', text: marker }) : null, el('span', { class: 'outline-title', text: title })];
    const head = canJump
      ? el('button', { type: 'button', class: 'outline-heading', title: t('outline.goTo', { title }), on: { click: () => ctx.showSpan(s.span) } }, headContent)
      : el('span', { class: 'outline-heading' }, headContent);
    const row = el(
      'div',
      { class: 'outline-row' },
      toggle,
      head,
      el(
        'span',
        { class: 'outline-tools' },
        s.rawMarker && s.marker && markerKey(s.rawMarker) !== markerKey(s.marker)
          ? el('span', { class: 'raw-marker mono', title: t('outline.rawTitle'), text: t('outline.raw', { m: s.rawMarker }) })
          : null,
        roleBadge(ctx, s.role),
        spanButton(ctx, s.span, 'what.heading'),
      ),
    );
    const li = el('li', { class: 'outline-item', dataset: { level: String(s.level ?? depth), role: s.role || '' } }, row);
    if (kids.length) {
      const sub = outlineList(ctx, kids, depth + 1);
      sub.id = childId;
      li.append(sub);
    }
    ol.append(li);
  }
  return ol;
}

// ---------------------------------------------------------------------------------------------
// Figures: sortable, filterable table

export function sectionPathLabel(outline, path) {
  const p = arr(path);
  if (!p.length) return null;
  const markers = [];
  let level = arr(outline);
  let title = null;
  for (const [i, idx] of p.entries()) {
    const s = Number.isInteger(idx) ? level[idx] : undefined;
    if (!isObj(s)) return { text: p.join('.'), title: null };
    markers.push(s.marker || s.rawMarker || String(i + 1));
    title = s.title || title;
    level = arr(s.children);
  }
  return { text: markers.join(' '), title };
}

function comparisonNode(ctx, c) {
  if (!isObj(c)) return null;
  const parts = [];
  if (c.direction === 'up' || c.direction === 'down') {
    parts.push(el('span', { class: `dir dir-${c.direction}`, text: ctx.t(`comparison.${c.direction}`) }));
  }
  if (typeof c.value === 'number') parts.push(el('strong', { text: fmtNum(ctx, c.value) }));
  if (c.kind === 'ratio' && (c.numerator != null || c.denominator != null)) {
    parts.push(el('span', { class: 'mono', text: `${c.numerator != null ? fmtNum(ctx, c.numerator) : '?'}/${c.denominator != null ? fmtNum(ctx, c.denominator) : '?'}` }));
  }
  if (c.kind) parts.push(el('span', { class: 'muted', text: label(ctx, 'comparison', c.kind) }));
  if (hasText(c.raw)) parts.push(el('span', { class: 'quote', text: `“${c.raw}”` }));
  return el('span', { class: 'comparison' }, parts.map((p, i) => (i ? [' ', p] : p)));
}

/** The text a figure is searched in (folded): raw, what, unit, period. Same rule as the tests. */
export function figureSearchText(f) {
  return fold([f?.raw, f?.what, f?.unit, f?.period].filter((x) => typeof x === 'string').join(' '));
}

/** Comparison filters of the figures table. */
export const FIGURE_FILTERS = {
  all: () => true,
  abovePlan: (f) => f?.comparison?.kind === 'vsPlan' && typeof f.comparison.value === 'number' && f.comparison.value >= 100,
  belowPlan: (f) => f?.comparison?.kind === 'vsPlan' && typeof f.comparison.value === 'number' && f.comparison.value < 100,
  up: (f) => f?.comparison?.kind === 'vsPreviousPeriod' && f.comparison.direction === 'up',
  down: (f) => f?.comparison?.kind === 'vsPreviousPeriod' && f.comparison.direction === 'down',
};

const FIGURE_COLUMNS = [
  // [key, label key, sort value (null = not sortable), numeric]
  ['raw', 'figures.colRaw', (f) => fold(f.raw), false],
  ['value', 'figures.colValue', (f) => (typeof f.value === 'number' ? f.value : null), true],
  ['unit', 'figures.colUnit', (f) => fold(f.unit), false],
  ['what', 'figures.colWhat', (f) => fold(f.what), false],
  ['period', 'figures.colPeriod', (f) => fold(f.period), false],
  ['comparison', 'figures.colComparison', (f) => (typeof f.comparison?.value === 'number' ? f.comparison.value : null), true],
  ['section', 'figures.colSection', null, false],
  ['span', 'common.position', null, false],
];

export function renderFigures(ctx, body) {
  const { t } = ctx;
  const figures = arr(ctx.report.figures);
  if (!figures.length) {
    body.append(emptyNote(t('figures.empty')));
    return 0;
  }
  const outline = arr(ctx.report.outline);
  const filterId = ctx.uid('fig-filter');
  const cmpId = ctx.uid('fig-cmp');
  const statusId = ctx.uid('fig-status');
  const input = el('input', { type: 'search', id: filterId, class: 'fig-filter', placeholder: t('figures.filterPlaceholder'), autocomplete: 'off', spellcheck: 'false' });
  const select = el(
    'select',
    { id: cmpId, class: 'fig-cmp' },
    [
      ['all', 'figures.cmpAll'],
      ['abovePlan', 'figures.cmpAbovePlan'],
      ['belowPlan', 'figures.cmpBelowPlan'],
      ['up', 'figures.cmpUp'],
      ['down', 'figures.cmpDown'],
    ].map(([v, k]) => el('option', { value: v, text: t(k) })),
  );
  const status = el('p', { class: 'fig-status muted', id: statusId, role: 'status', 'aria-live': 'polite' });
  const controls = el(
    'div',
    { class: 'fig-controls' },
    el('div', { class: 'field' }, el('label', { for: filterId, class: 'field-label', text: t('figures.filterLabel') }), input),
    el('div', { class: 'field' }, el('label', { for: cmpId, class: 'field-label', text: t('figures.cmpLabel') }), select),
  );

  const rows = figures.map((f, index) => {
    const fig = isObj(f) ? f : { raw: String(f) };
    const sec = sectionPathLabel(outline, fig.sectionPath);
    const cells = [
      el('span', { class: 'quote', text: fig.raw ?? '' }),
      el('span', { class: 'num', text: typeof fig.value === 'number' ? fmtNum(ctx, fig.value) : '—' }),
      fig.unit ?? none(ctx),
      fig.what ?? none(ctx),
      fig.period ?? none(ctx),
      comparisonNode(ctx, fig.comparison) ?? none(ctx, t('figures.noComparison')),
      sec ? el('span', { class: 'mono section-path', title: sec.title || null, text: sec.text }) : none(ctx),
      spanButton(ctx, fig.span, 'what.figure'),
    ];
    const jump = ctx.showSpan && validSpan(ctx, fig.span);
    const tr = el(
      'tr',
      { class: jump ? 'is-clickable' : null, dataset: { index: String(index) } },
      cells.map((c, i) =>
        el('td', { 'data-label': FIGURE_COLUMNS[i][0] === 'span' ? null : t(FIGURE_COLUMNS[i][1]), class: FIGURE_COLUMNS[i][0] === 'span' ? 'col-span' : FIGURE_COLUMNS[i][0] === 'value' ? 'col-value' : null }, c ?? ''),
      ),
    );
    if (jump) {
      tr.addEventListener('click', (e) => {
        if (e.target.closest('button, a, input, select')) return; // the ¶ button does it itself
        ctx.showSpan(fig.span);
      });
    }
    return { tr, fig, index, search: figureSearchText(fig) };
  });

  const tbody = el('tbody', null, rows.map((r) => r.tr));
  const sort = { key: null, dir: 'ascending' };
  const headCells = FIGURE_COLUMNS.map(([key, labKey, getter, numeric]) => {
    const lab = t(labKey);
    if (key === 'span') return el('th', { scope: 'col', class: 'col-span' }, el('span', { class: 'visually-hidden', text: lab }));
    if (!getter) return el('th', { scope: 'col' }, lab);
    const th = el('th', { scope: 'col', class: numeric ? 'num sortable' : 'sortable', dataset: { key } });
    const b = el('button', { type: 'button', class: 'sort-button', title: t('figures.sortBy', { col: lab }) }, lab, el('span', { class: 'sort-icon', 'aria-hidden': 'true' }));
    b.addEventListener('click', () => {
      sort.dir = sort.key === key && sort.dir === 'ascending' ? 'descending' : 'ascending';
      sort.key = key;
      applySort();
    });
    th.append(b);
    return th;
  });

  const applySort = () => {
    const col = FIGURE_COLUMNS.find((c) => c[0] === sort.key);
    for (const th of headCells) {
      if (th.dataset.key === sort.key) th.setAttribute('aria-sort', sort.dir);
      else th.removeAttribute('aria-sort');
    }
    if (!col) return;
    const [, , getter, numeric] = col;
    const sign = sort.dir === 'ascending' ? 1 : -1;
    const coll = new Intl.Collator(ctx.locale);
    const sorted = [...rows].sort((a, b) => {
      const x = getter(a.fig);
      const y = getter(b.fig);
      // Missing values last whichever the direction.
      const xm = x === null || x === '';
      const ym = y === null || y === '';
      if (xm || ym) return xm && ym ? a.index - b.index : xm ? 1 : -1;
      const c = numeric ? x - y : coll.compare(x, y);
      return c ? sign * c : a.index - b.index;
    });
    tbody.append(...sorted.map((r) => r.tr));
  };

  const applyFilter = () => {
    const q = fold(input.value);
    const pass = FIGURE_FILTERS[select.value] || FIGURE_FILTERS.all;
    let n = 0;
    for (const r of rows) {
      const on = (!q || r.search.includes(q)) && pass(r.fig);
      r.tr.hidden = !on;
      if (on) n += 1;
    }
    status.textContent = t('figures.shown', { n, total: rows.length });
    status.dataset.shown = String(n);
  };
  input.addEventListener('input', applyFilter);
  select.addEventListener('change', applyFilter);

  const table = el(
    'table',
    { class: 'data-table figures-table', 'aria-describedby': statusId },
    el('caption', { class: 'visually-hidden', text: t('figures.caption') }),
    el('thead', null, el('tr', null, headCells)),
    tbody,
  );
  body.append(
    controls,
    status,
    ctx.showSpan ? el('p', { class: 'hint fig-hint', text: t('figures.rowHint') }) : null,
    el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': t('figures.caption') }, table),
  );
  applyFilter();
  return figures.length;
}

// ---------------------------------------------------------------------------------------------
// Charts: inline SVG, no network resource

/** Figures drawn on the plan chart: a vsPlan comparison with a percentage. */
export const isPlanFigure = (f) => isObj(f) && f.comparison?.kind === 'vsPlan' && typeof f.comparison.value === 'number' && Number.isFinite(f.comparison.value);
/** Figures drawn on the change chart: a vsPreviousPeriod comparison going up or down. */
export const isChangeFigure = (f) => isObj(f) && f.comparison?.kind === 'vsPreviousPeriod' && (f.comparison.direction === 'up' || f.comparison.direction === 'down');

function shortLabel(f, max = 40) {
  const what = hasText(f.what) ? f.what.trim() : '';
  let raw = hasText(f.raw) ? f.raw.trim() : '';
  if (raw && hasText(f.unit) && !raw.includes(f.unit)) raw = `${raw} ${f.unit}`; // "107" → "107 cơ sở"
  const base = what && raw && !what.includes(raw) ? `${what} · ${raw}` : what || raw;
  const s = String(base).replace(/\s+/g, ' ').trim();
  return s.length > max ? `${s.slice(0, max - 1)}…` : s;
}

const CH = { width: 720, labelW: 250, row: 24, bar: 15, top: 28, bottom: 14, right: 70 };

function chartShell(ctx, cls, titleText, descText, rowsCount) {
  const height = CH.top + rowsCount * CH.row + CH.bottom;
  const titleId = ctx.uid('chart-title');
  const descId = ctx.uid('chart-desc');
  const svg = svgEl('svg', {
    class: `chart ${cls}`,
    viewBox: `0 0 ${CH.width} ${height}`,
    width: CH.width,
    height,
    role: 'img',
    'aria-labelledby': `${titleId} ${descId}`,
    preserveAspectRatio: 'xMinYMin meet',
  });
  svg.append(svgEl('title', { id: titleId, text: titleText }), svgEl('desc', { id: descId, text: descText }));
  return { svg, height };
}

function barGroup(ctx, f, tip) {
  const g = svgEl('g', { class: 'bar-row' }, svgEl('title', { text: tip }));
  if (ctx.showSpan && validSpan(ctx, f.span)) {
    g.classList.add('is-clickable');
    g.addEventListener('click', () => ctx.showSpan(f.span));
  }
  return g;
}

export function planChart(ctx) {
  const { t } = ctx;
  const figs = arr(ctx.report.figures).filter(isPlanFigure);
  if (!figs.length) return null;
  const maxV = Math.max(100, ...figs.map((f) => f.comparison.value));
  const scaleMax = Math.min(Math.max(120, Math.ceil((maxV * 1.05) / 10) * 10), 250);
  const x0 = CH.labelW;
  const w = CH.width - CH.labelW - CH.right;
  const xOf = (v) => x0 + (Math.min(v, scaleMax) / scaleMax) * w;
  const { svg, height } = chartShell(ctx, 'chart-plan', t('charts.planTitle'), `${t('charts.planDesc', { n: figs.length })} ${t('charts.alt')}`, figs.length);
  // Axis ticks every 50 %.
  const axis = svgEl('g', { class: 'axis', 'aria-hidden': 'true' });
  for (let v = 0; v <= scaleMax; v += 50) {
    axis.append(
      svgEl('line', { class: 'grid', x1: xOf(v), x2: xOf(v), y1: CH.top - 6, y2: height - CH.bottom }),
      svgEl('text', { class: 'tick', x: xOf(v), y: CH.top - 10, 'text-anchor': 'middle', text: `${v}%` }),
    );
  }
  svg.append(axis);
  figs.forEach((f, i) => {
    const v = f.comparison.value;
    const y = CH.top + i * CH.row;
    const lab = shortLabel(f);
    const vText = ctx.num2.format(v);
    const g = barGroup(ctx, f, `${t('charts.barPlan', { label: f.what || f.raw || '', v: vText })} — ${f.raw || ''}`);
    g.append(
      svgEl('text', { class: 'bar-label', x: x0 - 8, y: y + CH.bar - 3, 'text-anchor': 'end', text: lab }),
      svgEl('rect', {
        class: `bar ${v >= 100 ? 'bar-met' : 'bar-below'}${v > scaleMax ? ' bar-clipped' : ''}`,
        x: x0,
        y,
        width: Math.max(1, xOf(v) - x0),
        height: CH.bar,
        rx: 2,
        dataset: { index: String(arr(ctx.report.figures).indexOf(f)), value: String(v) },
      }),
      svgEl('text', { class: 'bar-value', x: xOf(v) + 5, y: y + CH.bar - 3, text: `${vText}%${v > scaleMax ? ' ›' : ''}` }),
    );
    svg.append(g);
  });
  svg.append(
    svgEl('line', { class: 'ref-100', x1: xOf(100), x2: xOf(100), y1: CH.top - 4, y2: height - CH.bottom + 4 }, svgEl('title', { text: t('charts.line100') })),
  );
  return svg;
}

export function changeChart(ctx) {
  const { t } = ctx;
  const figs = arr(ctx.report.figures).filter(isChangeFigure);
  if (!figs.length) return null;
  const isPct = (f) => /%/.test(f.comparison.raw || '') || /phần trăm|percent/i.test(f.comparison.raw || '');
  const pcts = figs.filter((f) => isPct(f) && typeof f.comparison.value === 'number').map((f) => Math.abs(f.comparison.value));
  const scaleMax = Math.max(10, Math.ceil(Math.max(0, ...pcts) / 10) * 10);
  const left = CH.labelW;
  const half = (CH.width - CH.labelW - CH.right) / 2;
  const xMid = left + half;
  const { svg, height } = chartShell(ctx, 'chart-change', t('charts.changeTitle'), `${t('charts.changeDesc', { n: figs.length })} ${t('charts.abs')} ${t('charts.alt')}`, figs.length);
  const axis = svgEl('g', { class: 'axis', 'aria-hidden': 'true' });
  for (const v of [-scaleMax, -scaleMax / 2, 0, scaleMax / 2, scaleMax]) {
    const x = xMid + (v / scaleMax) * half;
    axis.append(
      svgEl('line', { class: v === 0 ? 'zero' : 'grid', x1: x, x2: x, y1: CH.top - 6, y2: height - CH.bottom }),
      svgEl('text', { class: 'tick', x, y: CH.top - 10, 'text-anchor': 'middle', text: `${v > 0 ? '+' : ''}${ctx.num2.format(v)}%` }),
    );
  }
  svg.append(axis);
  figs.forEach((f, i) => {
    const c = f.comparison;
    const up = c.direction === 'up';
    const pct = isPct(f) && typeof c.value === 'number';
    const mag = pct ? Math.min(Math.abs(c.value), scaleMax) / scaleMax : 0.3;
    const len = Math.max(2, mag * half);
    const y = CH.top + i * CH.row;
    const vText = typeof c.value === 'number' ? `${ctx.num2.format(c.value)}${pct ? '%' : ''}` : '';
    const g = barGroup(ctx, f, `${t('charts.barChange', { label: f.what || f.raw || '', dir: t(up ? 'charts.up' : 'charts.down'), v: vText })} — ${c.raw || f.raw || ''}`);
    g.append(
      svgEl('text', { class: 'bar-label', x: left - 8, y: y + CH.bar - 3, 'text-anchor': 'end', text: shortLabel(f) }),
      svgEl('rect', {
        class: `bar ${up ? 'bar-up' : 'bar-down'}${pct ? '' : ' bar-abs'}`,
        x: up ? xMid : xMid - len,
        y,
        width: len,
        height: CH.bar,
        rx: 2,
        dataset: { index: String(arr(ctx.report.figures).indexOf(f)), direction: c.direction },
      }),
      // Up: the value after the bar; down: on the other side of the zero line (never over the labels).
      svgEl('text', { class: 'bar-value', x: up ? xMid + len + 5 : xMid + 5, y: y + CH.bar - 3, text: `${up ? '▲' : '▼'} ${vText}` }),
    );
    svg.append(g);
  });
  return svg;
}

export function renderCharts(ctx, body) {
  const { t } = ctx;
  const plan = planChart(ctx);
  const change = changeChart(ctx);
  const block = (titleKey, svg, emptyKey, note) =>
    el(
      'figure',
      { class: 'chart-block' },
      el('figcaption', { class: 'sub-title', text: t(titleKey) }),
      svg ? el('div', { class: 'chart-scroll' }, svg) : emptyNote(t(emptyKey)),
      svg && note ? el('p', { class: 'hint', text: note }) : null,
    );
  body.append(
    el(
      'div',
      { class: 'charts' },
      block('charts.planTitle', plan, 'charts.planEmpty', null),
      block('charts.changeTitle', change, 'charts.changeEmpty', change?.querySelector('.bar-abs') ? t('charts.abs') : null),
    ),
  );
  const n = arr(ctx.report.figures).filter((f) => isPlanFigure(f) || isChangeFigure(f)).length;
  return n;
}

// ---------------------------------------------------------------------------------------------
// Citations, footnotes, diagnostics, text

export function tableWrap(ctx, headers, rows, cls, caption) {
  const spanCol = ctx.t('common.position');
  const table = el(
    'table',
    { class: `data-table ${cls || ''}` },
    caption ? el('caption', { class: 'visually-hidden', text: caption }) : null,
    el(
      'thead',
      null,
      el('tr', null, headers.map((h) => el('th', { scope: 'col', class: h === spanCol ? 'col-span' : null }, h === spanCol ? el('span', { class: 'visually-hidden', text: h }) : h))),
    ),
    el(
      'tbody',
      null,
      rows.map((cells) => el('tr', null, cells.map((c, i) => el('td', { 'data-label': headers[i] === spanCol ? null : headers[i] || null, class: headers[i] === spanCol ? 'col-span' : null }, c ?? '')))),
    ),
  );
  return el('div', { class: 'table-wrap', tabindex: '0', role: 'region', 'aria-label': caption || ctx.t('common.table') }, table);
}

export function renderCitations(ctx, body) {
  const { t } = ctx;
  const cites = arr(ctx.report.citations);
  if (!cites.length) {
    body.append(emptyNote(t('citations.empty')));
    return 0;
  }
  body.append(
    tableWrap(
      ctx,
      ['citations.type', 'citations.numberSymbol', 'citations.date', 'citations.issuer', 'citations.title', 'citations.raw', 'common.position'].map((k) => t(k)),
      cites.map((c) => {
        if (!isObj(c)) return [String(c), '', '', '', '', '', ''];
        return [
          c.type ?? none(ctx),
          c.numberSymbol ? el('span', { class: 'mono strong nowrap', text: c.numberSymbol }) : none(ctx),
          dateNode(c.date) ?? none(ctx),
          c.issuerText ?? none(ctx),
          c.title ?? none(ctx),
          el('span', { class: 'quote small', text: c.raw ?? '' }),
          spanButton(ctx, c.span, 'what.citation'),
        ];
      }),
      'citations-table',
      t('citations.caption'),
    ),
  );
  return cites.length;
}

/**
 * Places (administrative units with their level, checked against the catalogue) and the
 * abbreviations the report uses, each written out ("UBND" → "Ủy ban nhân dân") as an <abbr>.
 */
export function renderPlaces(ctx, body) {
  const { t } = ctx;
  const all = arr(ctx.report.places).filter(isObj);
  const places = all.filter((p) => p.level !== 'abbreviation');
  const abbrs = all.filter((p) => p.level === 'abbreviation');
  if (!all.length) {
    body.append(emptyNote(t('places.empty')));
    return 0;
  }
  if (places.length) {
    body.append(
      tableWrap(
        ctx,
        ['places.name', 'places.level', 'places.known', 'places.count', 'common.position'].map((k) => t(k)),
        places.map((p) => [
          el('span', { class: 'strong', text: p.name ?? '' }),
          t.has(`places.levels.${p.level}`) ? t(`places.levels.${p.level}`) : p.level ?? '',
          p.known ? t('places.inCatalogue') : none(ctx, t('places.notInCatalogue')),
          el('span', { class: 'num', text: fmtNum(ctx, typeof p.count === 'number' ? p.count : 1) }),
          spanButton(ctx, p.span, 'what.place'),
        ]),
        'places-table',
        t('places.caption'),
      ),
    );
  }
  if (abbrs.length) {
    body.append(el('h3', { class: 'sub-title', text: t('places.abbreviations') }));
    body.append(
      el(
        'dl',
        { class: 'abbr-list' },
        abbrs.map((a) => [
          el('dt', null, el('abbr', { title: a.expansion || null, text: a.name ?? '' })),
          el('dd', null, a.expansion ?? none(ctx), ' ', spanButton(ctx, a.span, 'what.place')),
        ]),
      ),
    );
  }
  return all.length;
}

export function renderFootnotes(ctx, body) {
  const notes = arr(ctx.report.footnotes);
  if (!notes.length) {
    body.append(emptyNote(ctx.t('footnotes.empty')));
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
          isObj(n) ? spanButton(ctx, n.span, 'what.footnote') : null,
        ),
      ),
    ),
  );
  return notes.length;
}

/** The document's tables as printed: the header row (or "Column n") over the rows, text only. */
export function renderTables(ctx, body) {
  const { t } = ctx;
  const tables = arr(ctx.report.tables).filter(isObj);
  if (!tables.length) {
    body.append(emptyNote(t('tables.empty')));
    return 0;
  }
  tables.forEach((tb, i) => {
    const rows = arr(tb.rows).map((r) => arr(r).map((c) => (isObj(c) ? String(c.text ?? '') : '')));
    const width = Math.max(1, ...rows.map((r) => r.length));
    const pad = (r) => Array.from({ length: width }, (_, k) => r[k] ?? '');
    const head = Number.isInteger(tb.headerRows) && tb.headerRows > 0 && rows.length ? pad(rows[0]) : null;
    const headers = (head ?? pad([])).map((h, k) => h || t('tables.column', { n: k + 1 }));
    const caption = t('tables.caption', { n: i + 1, rows: rows.length, cols: width });
    body.append(
      el(
        'div',
        { class: 'table-block' },
        el('h3', { class: 'sub-title' }, caption, ' ', spanButton(ctx, tb.span, 'what.table')),
        tb.garbled ? el('p', { class: 'note warn', text: t('tables.garbled') }) : null,
        tableWrap(ctx, headers, (head ? rows.slice(1) : rows).map(pad), 'doc-table', caption),
      ),
    );
  });
  return tables.length;
}

export function renderDiagnostics(ctx, body) {
  const diags = arr(ctx.report.diagnostics);
  if (!diags.length) {
    body.append(emptyNote(ctx.t('diagnostics.empty')));
    return 0;
  }
  const order = { error: 0, warning: 1, info: 2 };
  const sorted = [...diags].sort((a, b) => (order[a?.severity] ?? 3) - (order[b?.severity] ?? 3));
  body.append(
    el(
      'ul',
      { class: 'diag-list' },
      sorted.map((d) => {
        const sev = isObj(d) && d.severity in order ? d.severity : 'info';
        return el(
          'li',
          { class: `diag diag-${sev}` },
          el('span', { class: `badge sev sev-${sev}`, text: ctx.t(`diagnostics.severity.${sev}`) }),
          el('span', { class: 'diag-msg', text: isObj(d) ? d.message ?? '' : String(d) }),
          isObj(d) && d.code ? el('code', { class: 'diag-code mono', text: d.code }) : null,
          isObj(d) ? spanButton(ctx, d.span, 'what.place') : null,
        );
      }),
    ),
  );
  return diags.length;
}

export function renderText(ctx, body) {
  if (ctx.text === null) {
    body.append(emptyNote(ctx.t('text.empty')));
    return null;
  }
  body.append(
    el('p', { class: 'muted', text: ctx.t('text.info', { n: fmtNum(ctx, ctx.text.length) }) }),
    el('pre', { class: 'text-view mono', tabindex: '0', 'aria-label': ctx.t('text.label'), text: ctx.text }),
  );
  return null;
}

/**
 * The number shown next to a panel's name (in its heading and in the panel list), without building
 * the panel: the page builds the panels below the screen later (main.js) but shows their counts
 * at once. The same numbers as the renderers return; null: no count.
 */
export function panelCount(ctx, id) {
  const r = ctx.report;
  switch (id) {
    case 'outline':
      return countSections(r.outline);
    case 'charts':
      return arr(r.figures).filter((f) => isPlanFigure(f) || isChangeFigure(f)).length;
    case 'figures':
      return arr(r.figures).length;
    case 'citations':
      return arr(r.citations).length;
    case 'places':
      return arr(r.places).filter(isObj).length;
    case 'footnotes':
      return arr(r.footnotes).length;
    case 'tables':
      return arr(r.tables).filter(isObj).length;
    case 'diagnostics':
      return arr(r.diagnostics).length;
    default:
      return null;
  }
}

/** The page's panels, in order: [section id, renderer]. */
export const PANELS = [
  ['summary', renderSummary],
  ['metadata', renderMetadata],
  ['outline', renderOutline],
  ['charts', renderCharts],
  ['figures', renderFigures],
  ['citations', renderCitations],
  ['places', renderPlaces],
  ['footnotes', renderFootnotes],
  ['tables', renderTables],
  ['diagnostics', renderDiagnostics],
  ['text', renderText],
];
