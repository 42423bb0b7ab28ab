// Benchmark page module (bench/chromium.html, driven by bench/wasm-chromium.mjs): one long-lived
// instance of the web build (www/pkg, the page's own glue and wasm), on the page's main thread.
//
//   window.benchInit()               → {initMs, version}: fetch + compile + instantiate
//   window.benchSetInputs([b64, …])  inputs, base64 (decoded once, outside the timings)
//   window.benchFirst(i)             → ms of the first parse (compiles the regexes)
//   window.benchSteady(i, minMs)     → median ms: 3 warm-up parses, then ≥ minMs and ≥ 10 samples
import init, { parse, version } from '../www/pkg/baocao.js';

let inputs = [];

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

window.benchInit = async () => {
  const t0 = performance.now();
  await init({ module_or_path: new URL('../www/pkg/baocao_bg.wasm', import.meta.url) });
  const initMs = performance.now() - t0;
  return { initMs, version: version() };
};

window.benchSetInputs = (b64s) => {
  inputs = b64s.map((b64) => {
    const bin = atob(b64);
    const bytes = new Uint8Array(bin.length);
    for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
    return bytes;
  });
  return inputs.map((b) => b.length);
};

window.benchFirst = (i) => {
  const t0 = performance.now();
  parse(inputs[i]);
  return performance.now() - t0;
};

window.benchSteady = (i, minMs = 1500) => {
  const bytes = inputs[i];
  for (let k = 0; k < 3; k++) parse(bytes);
  const times = [];
  const start = performance.now();
  while (performance.now() - start < minMs || times.length < 10) {
    const a = performance.now();
    parse(bytes);
    times.push(performance.now() - a);
  }
  return { median: median(times), n: times.length };
};

document.getElementById('status').textContent = 'ready';
window.benchReady = true;
