// Shared helpers for the browser tests (playwright-core driving Debian's /usr/bin/chromium).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

import { serve } from '../../scripts/serve.mjs';

export const REPO = fileURLToPath(new URL('../../', import.meta.url));
// BAOCAO_WWW / BAOCAO_DIST_HTML: test another copy of the page (default: this repo's www/ and dist/).
export const WWW = path.resolve(process.env.BAOCAO_WWW || path.join(REPO, 'www'));
export const PKG = path.join(WWW, 'pkg');
export const DIST_HTML = path.resolve(process.env.BAOCAO_DIST_HTML || path.join(REPO, 'dist', 'baocao.html'));
export const SCREENSHOTS = path.join(REPO, 'target', 'screenshots');
export const SEEDS_URL = new URL('../../../shared/corpus/seeds/', import.meta.url);

export const CHROMIUM = process.env.CHROMIUM_PATH || '/usr/bin/chromium';
export const LAUNCH = {
  executablePath: CHROMIUM,
  args: [
    '--headless',
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};

/** Throws a clear error when the wasm build or the browser is missing. */
export function requirePrerequisites() {
  const missing = ['baocao.js', 'baocao_bg.wasm'].filter((f) => !fs.existsSync(path.join(PKG, f)));
  if (missing.length) {
    throw new Error(
      `www/pkg/ is missing ${missing.join(', ')}: build the wasm module first with \`bash scripts/build-wasm.sh\` ` +
        '(scripts/test.sh does this before running the browser tests).',
    );
  }
  if (!fs.existsSync(CHROMIUM)) {
    throw new Error(`Chromium not found at ${CHROMIUM}: install it with \`bash scripts/setup.sh\` (apt-get install chromium).`);
  }
}

export function seedPath(name) {
  return fileURLToPath(new URL(name, SEEDS_URL));
}

export function seedText(name) {
  return fs.readFileSync(seedPath(name), 'utf8');
}

export function seedBytes(name) {
  return fs.readFileSync(seedPath(name));
}

/** A fresh context + page that records page errors and console errors. */
export async function openPage(browser, { viewport = { width: 1280, height: 900 }, acceptDownloads = true } = {}) {
  const context = await browser.newContext({ viewport, acceptDownloads });
  const page = await context.newPage();
  page.setDefaultTimeout(20_000);
  const errors = [];
  const consoleMessages = [];
  page.on('pageerror', (e) => errors.push(`pageerror: ${e.message}`));
  page.on('console', (m) => {
    consoleMessages.push(`${m.type()}: ${m.text()}`);
    if (m.type() === 'error') errors.push(`console: ${m.text()}`);
  });
  // Record CSP violations reported to the document.
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener('securitypolicyviolation', (e) => {
      window.__cspViolations.push(`${e.violatedDirective} ${e.blockedURI}`);
    });
  });
  return { context, page, errors, consoleMessages };
}

/**
 * Runs fn({ context, page, errors, consoleMessages }) on a fresh page (see openPage) and always
 * closes its context: withPage(browser, fn) or withPage(browser, opts, fn).
 */
export async function withPage(browser, opts, fn) {
  if (typeof opts === 'function') [opts, fn] = [undefined, opts];
  const o = await openPage(browser, opts);
  try {
    return await fn(o);
  } finally {
    await o.context.close();
  }
}

/**
 * Brings the panel holding `selector` on screen and waits two frames for it to be rendered. Panel
 * bodies off screen are not rendered (content-visibility: auto, as a reader scrolling would find
 * them), and innerText / isVisible report only rendered content.
 */
export async function revealPanel(page, selector) {
  // Panels rendered on the way change their heights: scroll again until the page stops moving.
  let prev = null;
  for (let i = 0; i < 10; i++) {
    const at = await page.locator(selector).first().evaluate(async (el) => {
      const panel = el.closest('.panel') || el;
      panel.scrollIntoView({ block: 'start', behavior: 'instant' });
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      const top = panel.getBoundingClientRect().top;
      return { y: window.scrollY, onScreen: top >= 0 && top < window.innerHeight };
    });
    if (at.onScreen && prev === at.y) return;
    prev = at.y;
  }
  throw new Error(`revealPanel: ${selector} does not stay on screen`);
}

/**
 * Lays out every panel body at once (the state after the reader's first click-to-highlight), for
 * whole-page checks: a full-page screenshot, horizontal overflow of the whole report.
 */
export async function renderAllPanels(page) {
  await page.evaluate(() => {
    for (const b of document.querySelectorAll('#report-view .panel-body')) b.classList.add('is-rendered');
  });
  await page.evaluate(() => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r))));
}

/**
 * Waits until no document is being parsed any more (body[data-state] = ready) and the selected
 * report has all its panels built (the page builds those below the screen after the first paint,
 * in idle periods: tests/e2e/lazy.test.mjs checks that state itself).
 */
/**
 * innerText of a report panel once it is built: panels off screen are built after the report is
 * shown (progressive rendering), so a panel read right after selecting a document may still be
 * pending.
 */
export async function panelText(page, selector) {
  await page.waitForFunction(
    (sel) => {
      const panel = document.querySelector(sel);
      return panel && !panel.querySelector('.panel-body[data-pending]') && !panel.matches('[data-pending]');
    },
    selector,
    { timeout: 10_000 },
  );
  return page.locator(selector).innerText();
}

/**
 * One Chromium and one server of www/ for a test file (`serverOptions` as for `serve`, e.g.
 * `{ csp: true }`): `before(async () => ({ browser, server } = await launchShared()))`, and
 * `after(() => closeShared({ browser, server }))`.
 */
export async function launchShared(serverOptions = {}) {
  requirePrerequisites();
  const browser = await chromium.launch(LAUNCH);
  const server = await serve({ root: WWW, port: 0, ...serverOptions });
  return { browser, server };
}

export async function closeShared({ browser, server }) {
  await browser?.close();
  await server?.close();
}

export async function waitSettled(page, expectedDocs) {
  await page.waitForFunction(
    (n) =>
      document.body.dataset.state === 'ready' &&
      document.querySelectorAll('#docs li[data-status]').length === n &&
      !document.querySelector('#docs li[data-status="parsing"]') &&
      !document.querySelector('#report-view .panel-body[data-pending]'),
    expectedDocs,
    { timeout: 25_000 },
  );
}

export async function pasteAndParse(page, text, expectedDocs = 1) {
  await page.fill('#paste', text);
  await page.click('#parse-paste');
  await waitSettled(page, expectedDocs);
}

/** Statuses of the document list, in order: [{name, status, text}] */
export async function docStatuses(page) {
  return page.$$eval('#docs li[data-status]', (lis) =>
    lis.map((li) => ({
      status: li.dataset.status,
      name: li.querySelector('.doc-name')?.textContent ?? '',
      reason: li.querySelector('.doc-reason')?.textContent ?? '',
      text: li.textContent,
    })),
  );
}

/** Clicks "Tải JSON" and returns {name, report} from the captured download. */
export async function downloadReport(page) {
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('#download-json')]);
  const file = await download.path();
  const json = fs.readFileSync(file, 'utf8');
  return { name: download.suggestedFilename(), report: JSON.parse(json) };
}

/** Makes a copy of www/ (with pkg/) in a temp dir, so a test can alter files safely. */
export function copyWww(tmpRoot) {
  fs.cpSync(WWW, tmpRoot, { recursive: true });
  return tmpRoot;
}
