import { chromium } from 'playwright-core';
import { serve } from '../scripts/serve.mjs';
import { benchInputs } from './inputs.mjs';
const { rows } = benchInputs();
const bytes = rows.find(([l]) => l === 'first 100 KB of concat')[1];
const srv = await serve({ root: '/work/main/www', port: 0 });
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless','--no-sandbox','--disable-gpu'] });
const ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' });
const page = await ctx.newPage();
await page.goto(srv.url);
await page.waitForFunction(() => performance.getEntriesByName('baocao:parser-warm').length > 0);
await page.setInputFiles('#file', { name: `a.txt`, mimeType: 'text/plain', buffer: Buffer.from(bytes) });
await page.waitForFunction(() => performance.getEntriesByName('baocao:doc-rendered').length > 0);
await page.waitForTimeout(500);
console.log(await page.evaluate(() => {
  const out = {};
  const ids = ['summary','metadata','outline','charts','figures','citations','footnotes','diagnostics','text','source-info','docs'];
  for (const id of ids) {
    const el = document.getElementById(id); if (!el) continue;
    const times = [];
    for (let k = 0; k < 5; k++) {
      el.style.display = 'none'; document.body.offsetHeight;
      const t0 = performance.now(); el.style.display = ''; document.body.offsetHeight; times.push(performance.now() - t0);
    }
    times.sort((a,b)=>a-b);
    out[id] = { ms: times[2].toFixed(1), nodes: el.getElementsByTagName('*').length };
  }
  return out;
}));
await browser.close(); await srv.close();
