#!/usr/bin/env node
// Tiny static file server for the baocao web page (no dependencies).
//
//   node scripts/serve.mjs [--root DIR] [--port N] [--csp] [--log FILE]
//
// * binds 127.0.0.1 only; --port 0 picks a free port (default 8080)
// * prints exactly one line `baocao: http://127.0.0.1:PORT/` on stdout once listening
// * --csp adds `Content-Security-Policy: default-src 'self'; script-src 'self' 'wasm-unsafe-eval'`
// * --log FILE appends one line per request: `METHOD URL STATUS`
//
// Importable from tests:
//   import { serve } from './scripts/serve.mjs';
//   const srv = await serve({ root, port: 0, csp: true });  // -> { url, port, requests, close() }
//   srv.requests  // [{ method, url, status }] in arrival order

import http from 'node:http';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

export const CSP = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'";

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const DEFAULT_ROOT = path.resolve(HERE, '..', 'www');

const MIME = {
  '.html': 'text/html; charset=utf-8',
  '.htm': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.txt': 'text/plain; charset=utf-8',
  '.md': 'text/markdown; charset=utf-8',
  '.ts': 'text/plain; charset=utf-8',
  '.woff2': 'font/woff2',
};

export function mimeType(file) {
  return MIME[path.extname(file).toLowerCase()] || 'application/octet-stream';
}

/** Map a request URL path onto a file under root; null if it escapes root or is malformed. */
export function resolvePath(root, urlPath) {
  let pathname;
  try {
    pathname = decodeURIComponent(new URL(urlPath, 'http://x').pathname);
  } catch {
    return null;
  }
  if (pathname.includes('\0')) return null;
  const full = path.resolve(root, '.' + path.posix.normalize('/' + pathname));
  const rel = path.relative(root, full);
  if (rel.startsWith('..') || path.isAbsolute(rel)) return null;
  return full;
}

/**
 * Start the server.
 * @param {{root?: string, port?: number, csp?: boolean, log?: string|null, quiet?: boolean}} opts
 * @returns {Promise<{url: string, port: number, requests: {method: string, url: string, status: number}[], close: () => Promise<void>}>}
 */
export async function serve({ root = DEFAULT_ROOT, port = 8080, csp = false, log = null } = {}) {
  root = path.resolve(root);
  if (!fs.existsSync(root) || !fs.statSync(root).isDirectory()) {
    throw new Error(`root directory not found: ${root}`);
  }
  const requests = [];

  const server = http.createServer((req, res) => {
    const finish = (status, headers, body) => {
      const h = {
        'Cache-Control': 'no-store',
        'X-Content-Type-Options': 'nosniff',
        ...headers,
      };
      if (csp) h['Content-Security-Policy'] = CSP;
      res.writeHead(status, h);
      res.end(req.method === 'HEAD' ? undefined : body);
      const entry = { method: req.method, url: req.url, status };
      requests.push(entry);
      if (log) {
        try {
          fs.appendFileSync(log, `${entry.method} ${entry.url} ${entry.status}\n`);
        } catch (e) {
          process.stderr.write(`serve: cannot write log ${log}: ${e.message}\n`);
        }
      }
    };
    const text = (status, msg) => finish(status, { 'Content-Type': 'text/plain; charset=utf-8' }, msg + '\n');

    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return finish(405, { Allow: 'GET, HEAD', 'Content-Type': 'text/plain; charset=utf-8' }, 'Method Not Allowed\n');
    }
    let file = resolvePath(root, req.url || '/');
    if (!file) return text(400, 'Bad Request');
    let st;
    try {
      st = fs.statSync(file);
      if (st.isDirectory()) {
        if (!(req.url || '/').split('?')[0].endsWith('/')) {
          const loc = (req.url || '/').split('?')[0] + '/';
          return finish(301, { Location: loc, 'Content-Type': 'text/plain; charset=utf-8' }, 'Moved\n');
        }
        file = path.join(file, 'index.html');
        st = fs.statSync(file);
      }
      if (!st.isFile()) return text(404, 'Not Found');
      // Refuse symlinks that point outside the root.
      const real = fs.realpathSync(file);
      const realRoot = fs.realpathSync(root);
      const rel = path.relative(realRoot, real);
      if (rel.startsWith('..') || path.isAbsolute(rel)) return text(403, 'Forbidden');
    } catch {
      return text(404, 'Not Found');
    }
    let body;
    try {
      body = fs.readFileSync(file);
    } catch {
      return text(500, 'Internal Server Error');
    }
    finish(200, { 'Content-Type': mimeType(file), 'Content-Length': body.length }, body);
  });

  await new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const actual = server.address().port;
  const sockets = new Set();
  server.on('connection', (s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
  });
  return {
    url: `http://127.0.0.1:${actual}/`,
    port: actual,
    requests,
    close: () =>
      new Promise((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

function usage(code) {
  const msg = 'usage: node scripts/serve.mjs [--root DIR] [--port N] [--csp] [--log FILE]\n';
  (code ? process.stderr : process.stdout).write(msg);
  process.exit(code);
}

async function main(argv) {
  const opts = { root: DEFAULT_ROOT, port: 8080, csp: false, log: null };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) usage(2);
      return argv[++i];
    };
    if (a === '--root') opts.root = path.resolve(next());
    else if (a.startsWith('--root=')) opts.root = path.resolve(a.slice(7));
    else if (a === '--port') opts.port = Number(next());
    else if (a.startsWith('--port=')) opts.port = Number(a.slice(7));
    else if (a === '--csp') opts.csp = true;
    else if (a === '--log') opts.log = path.resolve(next());
    else if (a.startsWith('--log=')) opts.log = path.resolve(a.slice(6));
    else if (a === '-h' || a === '--help') usage(0);
    else {
      process.stderr.write(`serve: unknown argument: ${a}\n`);
      usage(2);
    }
  }
  if (!Number.isInteger(opts.port) || opts.port < 0 || opts.port > 65535) {
    process.stderr.write('serve: --port must be an integer 0..65535\n');
    process.exit(2);
  }
  let srv;
  try {
    srv = await serve(opts);
  } catch (e) {
    if (e.code !== 'EADDRINUSE' || opts.port === 0) {
      process.stderr.write(`serve: ${e.message}\n`);
      process.exit(1);
    }
    // The default port is taken (another server, an earlier run): take any free one instead.
    process.stderr.write(`serve: port ${opts.port} is in use; using a free port\n`);
    srv = await serve({ ...opts, port: 0 });
  }
  process.stdout.write(`baocao: ${srv.url}\n`);
  const stop = () => srv.close().then(() => process.exit(0));
  process.on('SIGINT', stop);
  process.on('SIGTERM', stop);
}

if (process.argv[1] && import.meta.url === pathToFileURL(path.resolve(process.argv[1])).href) {
  main(process.argv.slice(2));
}
