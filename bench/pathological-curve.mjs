// Prints the doubling curve of `cargo bench --bench pathological` from criterion's results:
// per family and size, the median time and ns/byte. Linear work keeps ns/byte flat as sizes
// double; the last column is ns/byte relative to the family's smallest size.
// Usage: node bench/pathological-curve.mjs [target dir]   (default: ./target)
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(process.argv[2] ?? 'target', 'criterion');
if (!existsSync(root)) {
  console.error(`no criterion results in ${root}: run cargo bench --bench pathological first`);
  process.exit(1);
}
const rows = [];
for (const group of readdirSync(root).filter((g) => g.startsWith('pathological-')).sort()) {
  const points = [];
  for (const id of readdirSync(join(root, group))) {
    const dir = join(root, group, id, 'new');
    if (!existsSync(join(dir, 'estimates.json'))) continue;
    const est = JSON.parse(readFileSync(join(dir, 'estimates.json'), 'utf8'));
    const meta = JSON.parse(readFileSync(join(dir, 'benchmark.json'), 'utf8'));
    const bytes = meta.throughput?.Bytes ?? Number(id);
    points.push({ bytes, ns: est.median.point_estimate });
  }
  points.sort((a, b) => a.bytes - b.bytes);
  const base = points.length ? points[0].ns / points[0].bytes : 1;
  for (const p of points) {
    const perByte = p.ns / p.bytes;
    rows.push([group.replace('pathological-', ''), p.bytes.toLocaleString('en'), (p.ns / 1e6).toFixed(1), perByte.toFixed(1), (perByte / base).toFixed(2)]);
  }
}
const head = ['family', 'bytes', 'median ms', 'ns/byte', 'vs smallest'];
console.log(`| ${head.join(' | ')} |`);
console.log(`|---|${head.slice(1).map(() => '---:').join('|')}|`);
for (const r of rows) console.log(`| ${r.join(' | ')} |`);
