#!/usr/bin/env node
// Build dist/baocao.html: ONE self-contained file (page + CSS + wasm-bindgen glue + worker +
// base64 wasm) that works when opened from disk (file://), where ES module imports and fetch()
// of the .wasm are refused.
//
//   node scripts/build-single.mjs [--www DIR] [--out FILE] [--no-csp]
//
// How it works:
//  * style.css → <style>, favicon.svg → data: URL, main.js → inline <script type="module">, with
//    the modules it imports (render.js, i18n.js) inlined by bundleModules();
//  * a classic inline <script> before it sets globalThis.__BAOCAO_EMBED__ = {worker, wasm}:
//      worker = the glue (www/pkg/baocao.js) followed by www/worker.js with its
//               `import init, {…} from './pkg/baocao.js'` line replaced by `const init = <glue's
//               default export>;`, made into a classic script (see workerSource) — main.js
//               starts it from a Blob URL;
//      wasm   = base64 of www/pkg/baocao_bg.wasm — main.js sends the bytes to the worker in an
//               init message (the glue's default fetch of ./baocao_bg.wasm cannot work there);
//  * a CSP <meta> with sha256 hashes of the inline script/style (default on; --no-csp to omit):
//      nothing can be fetched or sent from the page (connect-src 'none').

import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import vm from 'node:vm';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function fail(msg) {
  const err = new Error(msg);
  err.userFacing = true;
  throw err;
}

function read(file, what) {
  try {
    return fs.readFileSync(file);
  } catch {
    fail(`build-single: missing ${what}: ${path.relative(process.cwd(), file) || file}` +
      (what.includes('pkg') ? ' (run `bash scripts/build-wasm.sh` first)' : ''));
  }
}

const sha256 = (text) => `'sha256-${crypto.createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** Make JS text safe inside an HTML <script> element. */
function scriptSafe(js, name) {
  if (/<\/script/i.test(js) || /<!--/.test(js)) {
    fail(`build-single: ${name} contains "</script" or "<!--", cannot inline it safely`);
  }
  return js;
}

/**
 * Turn the wasm-bindgen glue + worker.js into one CLASSIC worker script for a Blob URL.
 * (Measured: Chromium refuses a *module* worker from a blob: URL created by a file:// page —
 * the worker fails to load with an empty error event — while a classic one works. So the ES
 * module syntax is removed: `export` keywords dropped, `import.meta.url` → `self.location.href`,
 * which is only used by the glue's default fetch path, never taken here.)
 */
export function workerSource(glue, worker) {
  if (/^\s*import\s/m.test(glue)) {
    fail('build-single: the wasm-bindgen glue imports other modules (snippets?); inlining them is not supported');
  }
  const def = /export\s*\{[^}]*?\b([A-Za-z_$][\w$]*)\s+as\s+default\b[^}]*\}/.exec(glue);
  if (!def) fail('build-single: cannot find the default export (init) in the wasm-bindgen glue');
  for (const name of ['parse', 'version', 'compareReports']) {
    if (!new RegExp(`export\\s+function\\s+${name}\\s*\\(`).test(glue)) {
      fail(`build-single: the wasm-bindgen glue does not export function ${name}()`);
    }
  }
  const importRe = /^\s*import\s+init\s*,\s*\{\s*parse\s*,\s*version\s*,\s*compareReports\s*\}\s*from\s*['"]\.\/pkg\/baocao\.js['"]\s*;?[ \t]*$/m;
  if (!importRe.test(worker)) fail('build-single: worker.js no longer has the expected glue import line');
  const body = worker.replace(importRe, `const init = ${def[1]};`);
  const classicGlue = glue
    .replace(/^export\s*\{[^}]*\}\s*;?[ \t]*$/gm, '')
    .replace(/^export\s+(?=(?:async\s+)?function\b|class\b|const\b|let\b|var\b)/gm, '')
    .replace(/\bimport\.meta\.url\b/g, 'self.location.href');
  if (/^\s*export\b/m.test(classicGlue) || /\bimport\.meta\b/.test(classicGlue)) {
    fail('build-single: could not turn the wasm-bindgen glue into a classic script (unexpected export/import.meta)');
  }
  if (/^\s*export\b/m.test(body) || /\bimport\.meta\b/.test(body) || /^\s*import\s/m.test(body)) {
    fail('build-single: worker.js uses module-only syntax besides the glue import');
  }
  const src =
    `'use strict';\n// ---- wasm-bindgen glue (pkg/baocao.js), as a classic script ----\n${classicGlue}\n` +
    `// ---- worker.js ----\n(() => {\n${body}\n})();\n`;
  try {
    new vm.Script(src, { filename: 'baocao-worker.js' }); // syntax check only
  } catch (e) {
    fail(`build-single: the generated worker script does not compile: ${e.message}`);
  }
  return src;
}

const IMPORT_RE = /^[ \t]*import\s*\{([^}]*)\}\s*from\s*['"]\.\/([\w.-]+\.js)['"]\s*;?[ \t]*$/gm;

/** `{ a, b as c }` → `{ a, b: c }` (import specifiers to a destructuring pattern). */
function destructure(specs) {
  const parts = specs
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean)
    .map((x) => {
      const m = /^([A-Za-z_$][\w$]*)(?:\s+as\s+([A-Za-z_$][\w$]*))?$/.exec(x);
      if (!m) fail(`build-single: cannot inline the import specifier "${x}"`);
      return m[2] ? `${m[1]}: ${m[2]}` : m[1];
    });
  return `{ ${parts.join(', ')} }`;
}

/**
 * Inline the page's own ES modules (main.js → render.js → i18n.js …) into one module script:
 * each imported file becomes `const __mod_x = (() => { …; return { exports }; })();` in
 * dependency order and every `import { a } from './x.js'` line becomes `const { a } = __mod_x;`.
 * Only named `export function|class|const|let` declarations and `export { a, b }` re-exports
 * of imported names are supported; anything else fails the build rather than guess.
 */
export function bundleModules(www, entry) {
  const order = [];
  const seen = new Map(); // file → 'visiting' | 'done'
  const modVar = (file) => `__mod_${file.replace(/\W/g, '_')}`;
  const rewriteImports = (src, from) =>
    src.replace(IMPORT_RE, (_, specs, file) => {
      visit(file, from);
      return `const ${destructure(specs)} = ${modVar(file)};`;
    });
  function visit(file, from) {
    const state = seen.get(file);
    if (state === 'done') return;
    if (state === 'visiting') fail(`build-single: import cycle through www/${file} (from ${from})`);
    seen.set(file, 'visiting');
    const src = read(path.join(www, file), `www/${file}`).toString('utf8');
    let body = rewriteImports(src, file);
    if (/^\s*import\s/m.test(body)) fail(`build-single: www/${file} has an import form that cannot be inlined`);
    const names = [];
    body = body.replace(/^export\s+((?:async\s+)?function\*?|class|const|let)\s+([A-Za-z_$][\w$]*)/gm, (_, kind, name) => {
      names.push(name);
      return `${kind} ${name}`;
    });
    body = body.replace(/^export\s*\{([^}]*)\}\s*;?[ \t]*$/gm, (_, list) => {
      for (const n of list.split(',').map((x) => x.trim()).filter(Boolean)) {
        if (!/^[A-Za-z_$][\w$]*$/.test(n)) fail(`build-single: www/${file}: cannot inline "export { ${list} }"`);
        names.push(n);
      }
      return '';
    });
    if (/^\s*export\b/m.test(body) || /\bimport\.meta\b/.test(body)) {
      fail(`build-single: www/${file} uses an export form (or import.meta) that cannot be inlined`);
    }
    order.push(`const ${modVar(file)} = (() => {\n${body}\nreturn { ${names.join(', ')} };\n})();`);
    seen.set(file, 'done');
  }
  const main = read(path.join(www, entry), `www/${entry}`).toString('utf8');
  const rest = rewriteImports(main, entry);
  if (/^\s*import\s/m.test(rest)) fail(`build-single: www/${entry} has an import form that cannot be inlined`);
  return { code: `${order.join('\n')}\n${rest}`, files: [...seen.keys()] };
}

export function buildSingle({ www = path.join(ROOT, 'www'), out = path.join(ROOT, 'dist', 'baocao.html'), csp = true } = {}) {
  const html = read(path.join(www, 'index.html'), 'www/index.html').toString('utf8');
  const css = read(path.join(www, 'style.css'), 'www/style.css').toString('utf8');
  const mainJs = bundleModules(www, 'main.js').code;
  const workerJs = read(path.join(www, 'worker.js'), 'www/worker.js').toString('utf8');
  const favicon = read(path.join(www, 'favicon.svg'), 'www/favicon.svg');
  const glue = read(path.join(www, 'pkg', 'baocao.js'), 'www/pkg/baocao.js').toString('utf8');
  const wasm = read(path.join(www, 'pkg', 'baocao_bg.wasm'), 'www/pkg/baocao_bg.wasm');
  if (wasm.length < 8 || wasm.readUInt32BE(0) !== 0x0061736d) fail('build-single: www/pkg/baocao_bg.wasm is not a wasm module');

  const worker = workerSource(glue, workerJs);
  const embed = `globalThis.__BAOCAO_EMBED__ = {\n  worker: ${JSON.stringify(worker).replace(/</g, '\\u003c')},\n  wasm: "${wasm.toString('base64')}"\n};`;
  const app = scriptSafe(mainJs, 'www/main.js');
  if (/<\/style/i.test(css)) fail('build-single: style.css contains "</style"');

  let page = html;
  const replaceOnce = (re, replacement, what) => {
    if (!re.test(page)) fail(`build-single: index.html has no ${what}`);
    page = page.replace(re, () => replacement);
  };
  replaceOnce(/<link\s+rel="stylesheet"\s+href="style\.css"\s*>/, `<style>${css}</style>`, 'style.css <link>');
  replaceOnce(
    /<link\s+rel="icon"\s+href="favicon\.svg"([^>]*)>/,
    `<link rel="icon" href="data:image/svg+xml;base64,${favicon.toString('base64')}" type="image/svg+xml">`,
    'favicon <link>',
  );
  replaceOnce(
    /<script\s+type="module"\s+src="main\.js"\s*><\/script>/,
    `<script>${embed}</script>\n<script type="module">${app}</script>`,
    'main.js <script>',
  );
  if (csp) {
    const policy = [
      "default-src 'none'",
      `script-src ${sha256(embed)} ${sha256(app)} 'wasm-unsafe-eval'`,
      `style-src ${sha256(css)}`,
      'img-src data:',
      'worker-src blob:',
      "connect-src 'none'",
      "base-uri 'none'",
      "form-action 'none'",
    ].join('; ');
    replaceOnce(/<meta charset="utf-8">/i, `<meta charset="utf-8">\n<meta http-equiv="Content-Security-Policy" content="${policy}">`, '<meta charset>');
  }
  page = page.replace('<html lang="vi">', '<html lang="vi" data-build="single">');

  fs.mkdirSync(path.dirname(out), { recursive: true });
  fs.writeFileSync(out, page);
  return { out, bytes: Buffer.byteLength(page), wasmBytes: wasm.length };
}

function main(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--www') opts.www = path.resolve(argv[++i] ?? '');
    else if (a === '--out') opts.out = path.resolve(argv[++i] ?? '');
    else if (a === '--no-csp') opts.csp = false;
    else if (a === '-h' || a === '--help') {
      process.stdout.write('usage: node scripts/build-single.mjs [--www DIR] [--out FILE] [--no-csp]\n');
      return 0;
    } else {
      process.stderr.write(`build-single: unknown argument: ${a}\n`);
      return 2;
    }
  }
  try {
    const r = buildSingle(opts);
    process.stdout.write(
      `build-single: wrote ${path.relative(process.cwd(), r.out) || r.out} (${(r.bytes / 1024).toFixed(0)} KiB, wasm ${(r.wasmBytes / 1024).toFixed(0)} KiB)\n`,
    );
    return 0;
  } catch (e) {
    process.stderr.write(`${e.userFacing ? e.message : e.stack}\n`);
    return 1;
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  process.exitCode = main(process.argv.slice(2));
}
