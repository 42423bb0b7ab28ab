// <baocao-report>: a custom element that shows a baocao Report (the JSON of SPEC.md) as the
// summary card and the outline tree, with the same renderers as the web page (render.js).
//
//   <script type="module" src="baocao-element.js"></script>
//   <baocao-report src="reports/bc-quy-3.json" lang="vi"></baocao-report>
//   …or from script:  document.querySelector('baocao-report').report = parse(text);
//
// Attributes: src (URL of a Report JSON, fetched with the page's credentials rules),
//             lang ("vi" default, "en"), no-stats (hide the statistics list).
// Property:   report (get/set the Report object; setting it renders at once).
// Events:     baocao-render  {detail: {sections}} after each render,
//             baocao-error   {detail: {message}} when src cannot be loaded.
// Styling:    shadow DOM; CSS custom properties on the element or an ancestor:
//             --baocao-font, --baocao-text, --baocao-muted, --baocao-accent, --baocao-surface,
//             --baocao-border, --baocao-radius. Parts: ::part(card), ::part(headline).
//
// Nothing is global besides the element name; report text only reaches the DOM as text.

import { el, makeCtx, renderSummary, renderOutline, isObj, hasText } from './render.js';

const CSS = `
:host {
  display: block;
  font-family: var(--baocao-font, "Noto Sans", "Segoe UI", Roboto, Arial, sans-serif);
  color: var(--baocao-text, #1b2430);
  line-height: 1.5;
  --_accent: var(--baocao-accent, #1f4e8c);
  --_muted: var(--baocao-muted, #5b6678);
  --_border: var(--baocao-border, #dde2ea);
  --_radius: var(--baocao-radius, 10px);
}
:host([hidden]) { display: none; }
[hidden] { display: none !important; }
.card { background: var(--baocao-surface, #fff); border: 1px solid var(--_border); border-radius: var(--_radius); padding: 1rem 1.1rem; }
.kicker { margin: 0; color: var(--_muted); font-size: 0.85rem; font-weight: 600; }
.title { margin: 0.1rem 0 0.6rem; font-size: 1.2rem; color: var(--_accent); }
h3, .sub-title { margin: 0.9rem 0 0.4rem; font-size: 0.8rem; text-transform: uppercase; letter-spacing: 0.04em; color: var(--_muted); }
.headline { font-size: 1.05rem; font-weight: 600; margin: 0 0 0.6rem; }
.summary-facts { display: flex; flex-wrap: wrap; gap: 0.3rem 1.2rem; margin: 0 0 0.5rem; }
.summary-fact dt { font-size: 0.72rem; text-transform: uppercase; color: var(--_muted); font-weight: 650; }
.summary-fact dd { margin: 0; font-weight: 600; }
.key-points { margin: 0; padding-left: 1.1rem; }
.key-points li { margin: 0.2rem 0; }
.stats { display: flex; flex-wrap: wrap; gap: 0.4rem 1rem; margin: 0; }
.stat dt { font-size: 0.75rem; color: var(--_muted); }
.stat dd { margin: 0; font-weight: 650; }
.empty, .muted { color: var(--_muted); }
.badge { display: inline-block; font-size: 0.72rem; font-weight: 700; padding: 0.05rem 0.45rem; border-radius: 999px; border: 1px solid transparent; white-space: nowrap; }
.role-legend { display: flex; flex-wrap: wrap; gap: 0.3rem; margin: 0 0 0.5rem; }
.role-context { background: #eef1f5; color: #3d4a5c; border-color: #d3d9e2; }
.role-achievements { background: #e3f3e8; color: #1d6b3a; border-color: #bfe2ca; }
.role-limitations { background: #fbe6e6; color: #a32020; border-color: #f0c2c2; }
.role-causes { background: #fdeee0; color: #9a4a0b; border-color: #f3d0ae; }
.role-tasks { background: #e6eefa; color: #1f4e8c; border-color: #c2d4ee; }
.role-proposals { background: #f1e8fa; color: #6a2d9b; border-color: #dcc8ef; }
.role-targets { background: #e2f4f4; color: #0f6161; border-color: #b9e0e0; }
.role-assessment { background: #fdf6d8; color: #7a5d00; border-color: #ede0a6; }
.role-responsibility { background: #f6e7f0; color: #8c275d; border-color: #e8c5d8; }
.role-appendix { background: #eceff3; color: #505b6b; border-color: #d5dae2; }
.role-other { background: #f2f3f5; color: #5b6678; border-color: #dcdfe4; }
.outline-head { display: flex; justify-content: space-between; flex-wrap: wrap; gap: 0.4rem; }
.outline-buttons { display: flex; gap: 0.3rem; margin-bottom: 0.4rem; }
.button { font: inherit; font-size: 0.8rem; border: 1px solid var(--_border); background: none; border-radius: 6px; padding: 0.15rem 0.5rem; cursor: pointer; color: var(--_accent); }
.outline-list { list-style: none; margin: 0; padding: 0; }
.outline-list .outline-list { margin-left: 0.8rem; padding-left: 0.8rem; border-left: 2px solid var(--_border); }
.outline-row { display: grid; grid-template-columns: 1.5rem minmax(0, 1fr) auto; gap: 0.5rem; align-items: center; padding: 0.2rem 0.3rem; }
.depth-1 > .outline-item > .outline-row { font-weight: 650; }
.outline-heading { display: flex; gap: 0.45rem; align-items: baseline; min-width: 0; }
.outline-marker { color: var(--_accent); font-weight: 700; min-width: 2rem; }
.outline-title { overflow-wrap: anywhere; }
.outline-tools { display: inline-flex; gap: 0.3rem; align-items: center; }
.raw-marker { font-size: 0.72rem; color: var(--_muted); }
.outline-toggle { width: 1.4rem; height: 1.4rem; padding: 0; border: 1px solid var(--_border); border-radius: 6px; background: none; color: var(--_accent); cursor: pointer; }
.outline-toggle::before { content: "▾"; }
.outline-toggle[aria-expanded="false"]::before { content: "▸"; }
.visually-hidden { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
:focus-visible { outline: 3px solid var(--_accent); outline-offset: 2px; }
`;

let sheet = null; // one constructable stylesheet shared by every instance (no inline <style>: CSP-safe)
function styles() {
  if (sheet === null) {
    try {
      sheet = new CSSStyleSheet();
      sheet.replaceSync(CSS);
    } catch {
      sheet = false; // very old browsers: fall back to a <style> element
    }
  }
  return sheet;
}

export class BaocaoReport extends HTMLElement {
  static get observedAttributes() {
    return ['src', 'lang', 'no-stats'];
  }

  #report = null;
  #root;
  #loadSeq = 0;

  constructor() {
    super();
    this.#root = this.attachShadow({ mode: 'open' });
    const s = styles();
    if (s) this.#root.adoptedStyleSheets = [s];
    else this.#root.append(el('style', { text: CSS }));
    this.#root.append(el('div', { class: 'card', part: 'card' }));
  }

  get report() {
    return this.#report;
  }

  set report(value) {
    this.#loadSeq += 1; // a later src response must not overwrite this
    this.#report = isObj(value) ? value : null;
    this.#render();
  }

  connectedCallback() {
    if (this.hasAttribute('src') && !this.#report) this.#load();
    else this.#render();
  }

  attributeChangedCallback(name, oldValue, newValue) {
    if (oldValue === newValue) return;
    if (name === 'src') {
      if (this.isConnected && newValue) this.#load();
    } else {
      this.#render();
    }
  }

  async #load() {
    const src = this.getAttribute('src');
    if (!src) return;
    const seq = ++this.#loadSeq;
    const ctx = makeCtx({ report: null, lang: this.#lang() });
    this.#card().replaceChildren(el('p', { class: 'muted', text: ctx.t('element.loading') }));
    try {
      const res = await fetch(new URL(src, document.baseURI));
      if (!res.ok) throw new Error(`HTTP ${res.status}`);
      const json = await res.json();
      if (seq !== this.#loadSeq) return;
      this.#report = isObj(json) ? json : null;
      this.#render();
    } catch (err) {
      if (seq !== this.#loadSeq) return;
      const message = err?.message || String(err);
      this.#card().replaceChildren(el('p', { class: 'empty', role: 'alert', text: ctx.t('element.failed', { msg: message }) }));
      this.dispatchEvent(new CustomEvent('baocao-error', { detail: { message }, bubbles: true, composed: true }));
    }
  }

  #lang() {
    return this.getAttribute('lang') || this.closest('[lang]')?.getAttribute('lang') || 'vi';
  }

  #card() {
    return this.#root.querySelector('.card');
  }

  #render() {
    const card = this.#card();
    if (!card) return;
    const ctx = makeCtx({ report: this.#report, lang: this.#lang(), idPrefix: 'bcr' });
    const { t } = ctx;
    if (!this.#report) {
      card.replaceChildren(el('p', { class: 'empty', text: t('element.empty') }));
      return;
    }
    const md = isObj(this.#report.metadata) ? this.#report.metadata : {};
    const kicker = [md.docType?.name, md.numberSymbol].filter(hasText).join(' · ');
    const summary = el('section', { class: 'summary', part: 'summary' });
    const outline = el('section', { class: 'outline', part: 'outline' });
    card.replaceChildren(
      kicker ? el('p', { class: 'kicker', text: kicker }) : null,
      el('h2', { class: 'title', text: hasText(md.subject) ? md.subject : t('panel.summary') }),
      summary,
      el('h3', { class: 'sub-title', text: t('panel.outline') }),
      outline,
    );
    renderSummary(ctx, summary, { stats: !this.hasAttribute('no-stats') });
    summary.querySelector('.headline')?.setAttribute('part', 'headline');
    const sections = renderOutline(ctx, outline);
    this.dispatchEvent(new CustomEvent('baocao-render', { detail: { sections }, bubbles: true, composed: true }));
  }
}

if (!customElements.get('baocao-report')) customElements.define('baocao-report', BaocaoReport);
