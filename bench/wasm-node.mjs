// Wasm benchmark in Node: the built module (pkg/node, release) over the same inputs as the
// criterion bench (each seed report and a ~1 MB concatenation). Reports module init time, the
// first parse (which compiles the regexes) and the steady-state median per input, in ms and MB/s.
//
//   node bench/wasm-node.mjs            (after scripts/build-wasm.sh; BAOCAO_NODE_PKG=path/baocao.js
//                                        benchmarks another build)
import { readFileSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import { performance } from 'node:perf_hooks';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../', import.meta.url));
const seedsDir = path.join(root, '../shared/corpus/seeds');
const require = createRequire(import.meta.url);

const t0 = performance.now();
const baocao = require(process.env.BAOCAO_NODE_PKG ?? path.join(root, 'pkg/node/baocao.js'));
const initMs = performance.now() - t0;

const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort()
  .map((f) => [f.slice(0, 3), new Uint8Array(readFileSync(path.join(seedsDir, f)))]);
const parts = [];
let size = 0;
while (size < 1_000_000) for (const [, b] of seeds) { parts.push(b, new Uint8Array([10])); size += b.length + 1; }
const big = new Uint8Array(size);
let off = 0;
for (const p of parts) { big.set(p, off); off += p.length; }

const t1 = performance.now();
baocao.parse(seeds[0][1]);
const firstMs = performance.now() - t1;

function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }
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
console.log('| input | bytes | median ms | MB/s |');
console.log('|---|---:|---:|---:|');
for (const [name, bytes] of [...seeds.map(([n, b]) => [`seed ${n}`, b]), ['concat ~1 MB', big]]) {
  const ms = bench(bytes);
  console.log(`| ${name} | ${bytes.length} | ${ms.toFixed(2)} | ${(bytes.length / 1e6 / (ms / 1000)).toFixed(1)} |`);
}
