// The benchmark inputs shared by bench/wasm-node.mjs and bench/wasm-chromium.mjs (the same as
// the criterion bench): each seed report, the first ~100 KB of their concatenation (the target
// is "a 100 KB report in ≤ 5 ms steady state") and the concatenation repeated to ~1 MB.
import { readFileSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('../', import.meta.url));
export const SEEDS_DIR = path.join(ROOT, '../shared/corpus/seeds');

/** [[label, Uint8Array]] in table order: seeds, 100 KB, ~1 MB. */
export function benchInputs(seedsDir = SEEDS_DIR) {
  const seeds = readdirSync(seedsDir).filter((f) => f.endsWith('.txt')).sort()
    .map((f) => [f.slice(0, 3), new Uint8Array(readFileSync(path.join(seedsDir, f)))]);
  const parts = [];
  let size = 0;
  while (size < 1_000_000) for (const [, b] of seeds) { parts.push(b, new Uint8Array([10])); size += b.length + 1; }
  const big = new Uint8Array(size);
  let off = 0;
  for (const p of parts) { big.set(p, off); off += p.length; }
  // First 100 KB, cut back to a UTF-8 character boundary (a split character would change decoding).
  let cut = 100_000;
  while (cut > 0 && (big[cut] & 0xc0) === 0x80) cut -= 1;
  const kb100 = big.slice(0, cut);
  return {
    seeds,
    rows: [...seeds.map(([n, b]) => [`seed ${n}`, b]), ['first 100 KB of concat', kb100], ['concat ~1 MB', big]],
  };
}

export function median(xs) { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]; }

export function printTable(rows) {
  console.log('| input | bytes | median ms | MB/s |');
  console.log('|---|---:|---:|---:|');
  for (const [name, bytes, ms] of rows) {
    console.log(`| ${name} | ${bytes} | ${ms.toFixed(2)} | ${(bytes / 1e6 / (ms / 1000)).toFixed(1)} |`);
  }
}
