// Peer comparison, Node side (bench/peers.sh runs it): one long-lived process, every tool on the
// same bytes, steady state = median of repeats after a warm-up.
//
//   node bench/peers.mjs OUT_DIR FILE...
//
// Per file it times
//   - baocao-wasm: `parse(bytes, { text: true })` from pkg/node (the full parse: decode, legacy
//     conversion, normalise, segment, extract, summarise) — every file;
//   - mammoth:     `extractRawText({ buffer })` — .docx only;
//   - pdfjs:       `getDocument({ data })` + `getTextContent()` on every page — .pdf only;
//   - floor:       one pass over the bytes counting 0x0A (a plain Buffer loop).
// Prints one JSON line per (file, tool): {file, bytes, tool, ok, first_ms, median_ms, reps}, and
// writes each tool's text to OUT_DIR/<tool>/<file name>.txt for the token-accuracy score.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const require = createRequire(import.meta.url);
const [outDir, ...files] = process.argv.slice(2);

let t0 = performance.now();
const baocao = require(process.env.BAOCAO_NODE_PKG ?? path.join(root, 'pkg/node/baocao.js'));
const init = { baocao: performance.now() - t0 };
t0 = performance.now();
const mammoth = require('mammoth');
init.mammoth = performance.now() - t0;
t0 = performance.now();
const pdfjs = await import('pdfjs-dist/legacy/build/pdf.mjs');
init.pdfjs = performance.now() - t0;
console.log(JSON.stringify({ init_ms: init, node: process.version }));

const MIN_MS = Number(process.env.PEERS_NODE_BUDGET_MS ?? 300);

function median(xs) {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

async function time(fn) {
  let t = performance.now();
  const text = await fn();
  const first = performance.now() - t;
  for (let i = 0; i < 2; i++) await fn(); // warm-up
  const times = [];
  const start = performance.now();
  while (times.length < 10 || (performance.now() - start < MIN_MS && times.length < 2000)) {
    t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  return { text, first_ms: first, median_ms: median(times), reps: times.length };
}

function countLines(buf) {
  let n = 0;
  for (let i = 0; i < buf.length; i++) if (buf[i] === 10) n++;
  return n;
}

async function pdfText(bytes) {
  // getDocument takes ownership of (detaches) the buffer it is given: hand it a copy.
  const doc = await pdfjs.getDocument({
    data: new Uint8Array(bytes), verbosity: 0, isEvalSupported: false, disableFontFace: true, useSystemFonts: false,
  }).promise;
  const out = [];
  try {
    for (let p = 1; p <= doc.numPages; p++) {
      const page = await doc.getPage(p);
      const tc = await page.getTextContent();
      for (const it of tc.items) out.push(it.str === undefined ? '' : it.str + (it.hasEOL ? '\n' : ''));
      out.push('\n');
      page.cleanup();
    }
  } finally {
    await doc.destroy();
  }
  return out.join('');
}

const tools = {
  'baocao-wasm': (bytes) => () => baocao.parse(bytes, { text: true }).text ?? '',
  mammoth: (bytes) => async () => (await mammoth.extractRawText({ buffer: bytes })).value,
  pdfjs: (bytes) => () => pdfText(bytes),
  floor: (bytes) => () => String(countLines(bytes)),
};

for (const file of files) {
  const bytes = readFileSync(file);
  const ext = path.extname(file).toLowerCase();
  const names = ['floor', 'baocao-wasm'];
  if (ext === '.docx') names.push('mammoth');
  if (ext === '.pdf') names.push('pdfjs');
  for (const tool of names) {
    const rec = { file, bytes: bytes.length, tool };
    try {
      const input = tool === 'baocao-wasm' ? new Uint8Array(bytes) : bytes;
      const r = await time(tools[tool](input));
      Object.assign(rec, { ok: true, first_ms: r.first_ms, median_ms: r.median_ms, reps: r.reps });
      if (tool !== 'floor') {
        mkdirSync(path.join(outDir, tool), { recursive: true });
        writeFileSync(path.join(outDir, tool, path.basename(file) + '.txt'), r.text);
      }
    } catch (e) {
      Object.assign(rec, { ok: false, error: String(e?.message ?? e).slice(0, 200) });
    }
    console.log(JSON.stringify(rec));
  }
}
