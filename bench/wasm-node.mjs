// Wasm benchmark in Node: the built module (pkg/node, release) over the same inputs as the
// criterion bench (each seed report, the first 100 KB of their concatenation and a ~1 MB
// concatenation; see bench/inputs.mjs). Reports module init time, the first parse (which compiles
// the regexes) and the steady-state median per input, in ms and MB/s.
//
//   node bench/wasm-node.mjs            (after scripts/build-wasm.sh; BAOCAO_NODE_PKG=path/baocao.js
//                                        benchmarks another build)
//   node bench/wasm-chromium.mjs        the same in headless Chromium
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { ROOT as root, benchInputs, median, printTable } from './inputs.mjs';

const require = createRequire(import.meta.url);

const t0 = performance.now();
const baocao = require(process.env.BAOCAO_NODE_PKG ?? path.join(root, 'pkg/node/baocao.js'));
const initMs = performance.now() - t0;

const { seeds, rows } = benchInputs();

const t1 = performance.now();
baocao.parse(seeds[0][1]);
const firstMs = performance.now() - t1;

function bench(bytes, minMs = 1500) {
  for (let i = 0; i < 3; i++) baocao.parse(bytes);
  const times = [];
  const start = performance.now();
  while (performance.now() - start < minMs || times.length < 10) {
    const a = performance.now();
    baocao.parse(bytes);
    times.push(performance.now() - a);
  }
  return median(times);
}

console.log(`node ${process.version}, wasm ${readFileSync(path.join(root, 'pkg/node/baocao_bg.wasm')).length} bytes`);
console.log(`init (require + instantiate): ${initMs.toFixed(1)} ms; first parse of seed 000: ${firstMs.toFixed(1)} ms`);
printTable(rows.map(([name, bytes]) => [name, bytes.length, bench(bytes)]));
