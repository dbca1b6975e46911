// grareco's service worker: keeps the app shell (index.html and the built assets) so the
// recorder page opens again with no network, from the strokes and the board copy that the
// page keeps in IndexedDB. It never caches /api or /socket.io: board data is the page's job,
// and keys in their URLs must not end up in a cache.
//
// A plain script copied as-is by Vite (client/public), served at /sw.js so its scope is the
// whole origin. It does not depend on one build: the shell is refreshed on every online page
// load, and assets have content hashes in their names.

const CACHE = 'grareco-shell-v1';
/** The cached index.html, stored under a fixed URL so no link key is ever kept. */
const SHELL = '/__shell';
/** A venue network that hangs must not hold the page: fall back to the shell after this. */
const NAVIGATION_TIMEOUT_MS = 6000;

const BYPASS = /^\/(?:api|socket\.io|healthz)(?:\/|$)/;
const ASSET = /^\/assets\//;
const ASSET_IN_HTML = /(?:src|href)="(\/assets\/[^"]+)"/g;

self.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      // Best effort: the page also refreshes the shell on its next online load.
      await refreshShell().catch(() => undefined);
      await self.skipWaiting();
    })(),
  );
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name !== CACHE) await caches.delete(name);
      // Control the page that registered us, so what it loads from now on is cached.
      await self.clients.claim();
    })(),
  );
});

/** The page lists what it loaded before this worker controlled it (fonts, chunks). */
self.addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'cache-assets' || !Array.isArray(data.urls)) return;
  event.waitUntil(cacheAssets(data.urls));
});

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || BYPASS.test(url.pathname)) return;
  if (request.mode === 'navigate') event.respondWith(navigate(event));
  else if (ASSET.test(url.pathname)) event.respondWith(asset(request));
});

/** Network first, so an online page always gets the newest build; the shell when that fails. */
async function navigate(event) {
  let response;
  try {
    response = await withTimeout(fetch(event.request), NAVIGATION_TIMEOUT_MS);
  } catch (err) {
    const cached = await caches.match(SHELL);
    if (cached) return cached;
    throw err;
  }
  if (isShell(response)) event.waitUntil(keepShell(response.clone()));
  return response;
}

/** Hashed names never change content: the cache first, the network once. */
async function asset(request) {
  const cached = await caches.match(request, { ignoreSearch: true });
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok && response.type === 'basic') {
    const cache = await caches.open(CACHE);
    await cache.put(request, response.clone());
  }
  return response;
}

async function refreshShell() {
  const response = await fetch('/', { cache: 'no-store' });
  if (isShell(response)) await keepShell(response);
}

async function keepShell(response) {
  const html = await response.clone().text();
  const cache = await caches.open(CACHE);
  await cache.put(SHELL, response);
  await cacheAssets([...assetsIn(html), ...(await builtAssets())]);
}

/**
 * Every script and stylesheet of the build (shell-assets.json, written by vite.config.ts):
 * each page is a chunk of its own, loaded by a dynamic import that index.html does not name,
 * and a browser may not list such loads among the page's resources (WebKit).
 */
async function builtAssets() {
  try {
    const response = await fetch('/shell-assets.json', { cache: 'no-store' });
    if (!response.ok) return [];
    const list = await response.json();
    return Array.isArray(list) ? list.filter((f) => typeof f === 'string') : [];
  } catch {
    return [];
  }
}

function isShell(response) {
  const type = response.headers.get('content-type') ?? '';
  return response.ok && !response.redirected && type.startsWith('text/html');
}

function assetsIn(html) {
  return [...html.matchAll(ASSET_IN_HTML)].map((m) => m[1]);
}

/** Caches same-origin assets not cached yet; one failure does not stop the others. */
async function cacheAssets(urls) {
  const cache = await caches.open(CACHE);
  await Promise.all(
    urls.map(async (href) => {
      const url = new URL(href, self.location.origin);
      if (url.origin !== self.location.origin || !ASSET.test(url.pathname)) return;
      if (await cache.match(url.pathname)) return;
      try {
        const response = await fetch(url.pathname);
        if (response.ok) await cache.put(url.pathname, response);
      } catch {
        // Offline right now: the next online load caches it.
      }
    }),
  );
}

function withTimeout(promise, ms) {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('timeout')), ms);
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (err) => {
        clearTimeout(timer);
        reject(err);
      },
    );
  });
}
