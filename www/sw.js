// baocao service worker (served build only; the single-file build never registers it).
//
// Keeps a copy of the page, its modules, the parser worker, the wasm-bindgen glue and the wasm
// so that a reload with the network off still works. Network first: when the server answers,
// its response is used and the copy refreshed; when it does not, the copy is served.
//
// The cache is named after the version in the registration URL (main.js registers
// ./sw.js?v=<version reported by the wasm module>): a new release is a new script URL, hence a
// new service worker, whose activation deletes the caches of older versions.

const VERSION = new URL(self.location.href).searchParams.get('v') || '0';
const CACHE = `baocao-v${VERSION}`;
const PRECACHE = [
  './',
  './index.html',
  './main.js',
  './render.js',
  './i18n.js',
  './worker.js',
  './style.css',
  './favicon.svg',
  './pkg/baocao.js',
  './pkg/baocao_bg.wasm',
];

self.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => cache.addAll(PRECACHE.map((u) => new Request(u, { cache: 'reload' }))))
      .then(() => self.skipWaiting()),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('baocao-') && k !== CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function fromNetwork(request) {
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const copy = response.clone();
    caches.open(CACHE).then((cache) => cache.put(request, copy)).catch(() => {});
  }
  return response;
}

async function fromCache(request) {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreSearch: true });
  if (hit) return hit;
  if (request.mode === 'navigate') {
    const page = await cache.match('./index.html');
    if (page) return page;
  }
  return Response.error();
}

self.addEventListener('fetch', (event) => {
  const { request } = event;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin) return; // never proxies anything else
  event.respondWith(fromNetwork(request).catch(() => fromCache(request)));
});
