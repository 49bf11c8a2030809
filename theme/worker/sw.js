/* The offline worker. The build (ocop.site.offline) serves it from the site root, with BUILD filled in.

   What it keeps:
   - the shell, at install: the theme's stylesheet and scripts, both home pages, 404.html and the
     "no connection" page, in a cache named by the build (a new build is a new cache, the old one goes);
   - every page opened with a signal (product pages, the QR codes' P/<ID> doors, lists, news), in a
     cache that outlives builds, capped at BUILD.maxPages, the least recently fetched going first;
   - whatever the finder fetches under data/search/, and the photos and QR codes the saved pages
     show (capped too).

   Pages come from the network first: a shopper must see a revocation as soon as the site has it. On
   a slow link the saved copy is shown after NETWORK_WAIT_MS and the network's answer, when it comes,
   is saved for the next visit. Each page says the day its statuses were computed
   (<meta name="ocop-status-date">): an answer older than the saved copy (a stale mirror or CDN) is
   not shown and does not replace it. */
"use strict";

const BUILD = "__OCOP_BUILD__";
const ROOT = new URL("./", self.location).href;
// A 14 KB page takes 1–3 s on a slow 3G link in the mountains: wait that long for fresh statuses,
// then show what the phone has rather than a blank screen.
const NETWORK_WAIT_MS = 3000;
const STATUS_DATE = "x-ocop-status-date"; // on saved copies: the page's status date
const STORED = "x-ocop-stored"; // on saved copies: when they were saved, for the cap
const MAX_SEARCH_FILES = 100;
const MAX_IMAGES = 400; // a card photo is 5–15 KB: a few MB at most

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(BUILD.shellCache);
    await Promise.all(BUILD.assets.map(async (path) => {
      const response = await fetch(ROOT + path, { cache: "no-cache" });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      await cache.put(ROOT + path, response);
    }));
    await Promise.all(BUILD.pages.map(async (path) => {
      const response = await fetch(ROOT + path, { cache: "no-cache" });
      if (!response.ok) throw new Error(`${path}: ${response.status}`);
      await keepPage(BUILD.shellCache, ROOT + path, response);
    }));
    // A new build takes over at once: no page waits behind an old worker until every tab is closed.
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const current = [BUILD.shellCache, BUILD.pagesCache, BUILD.searchCache, BUILD.imagesCache];
    for (const name of await caches.keys()) {
      if (name.startsWith("ocop-") && !current.includes(name)) await caches.delete(name);
    }
    if (self.registration.navigationPreload) await self.registration.navigationPreload.enable();
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || !request.url.startsWith(ROOT)) return; // another site: not ours
  const url = new URL(request.url);
  const path = url.pathname.slice(new URL(ROOT).pathname.length);
  if (path.startsWith("admin/")) return; // the officers' form: always the network, never saved on a phone
  if (request.mode === "navigate") {
    event.respondWith(page(event, path));
  } else if (path.startsWith("data/search/")) {
    event.respondWith(networkFirst(event, BUILD.searchCache, url.origin + url.pathname + url.search, MAX_SEARCH_FILES));
  } else if (BUILD.assets.includes(path)) {
    event.respondWith(asset(request, ROOT + path));
  } else if (request.destination === "image") {
    event.respondWith(networkFirst(event, BUILD.imagesCache, url.origin + url.pathname, MAX_IMAGES));
  }
  // Anything else (open data, downloads) goes to the network as if there were no worker.
});

async function page(event, path) {
  const key = ROOT + path; // without the query: ?q=… on the home page is read by its script
  const cacheName = BUILD.pages.includes(path) ? BUILD.shellCache : BUILD.pagesCache;
  const saved = await caches.match(key);
  const network = fromNetwork(event, key, cacheName);
  event.waitUntil(network.catch(() => null)); // a late answer is still saved for the next visit
  if (!saved) {
    return (await network.catch(() => null)) || offline(path);
  }
  const usable = network.then((r) => (r && (r.ok || r.type === "opaqueredirect") ? r : null), () => null);
  const quick = await Promise.race([usable, wait(NETWORK_WAIT_MS)]);
  return quick || saved;
}

async function fromNetwork(event, key, cacheName) {
  let response;
  try {
    response = (await event.preloadResponse) || (await fetch(event.request));
  } catch (error) {
    return null; // no signal
  }
  const type = response.headers.get("Content-Type") || "";
  if (!response.ok || response.type !== "basic" || !type.includes("text/html")) return response;
  const shown = await keepPage(cacheName, key, response);
  if (cacheName === BUILD.pagesCache) {
    event.waitUntil(caches.open(cacheName).then((cache) => trim(cache, BUILD.maxPages))); // after the answer
  }
  return shown;
}

/* Save a page fetched from the network, unless the phone already has a copy whose statuses are
   newer; return the copy to show. Same day: the network's, which may carry a same-day revocation. */
async function keepPage(cacheName, key, response) {
  const text = await response.text();
  const date = statusDate(text);
  const saved = await caches.match(key);
  const savedDate = saved ? saved.headers.get(STATUS_DATE) || "" : "";
  const cache = await caches.open(cacheName);
  const shown = saved && date && savedDate && date < savedDate
    ? restamped(await saved.text(), saved.headers.get("Content-Type"), savedDate)
    : restamped(text, response.headers.get("Content-Type") || "text/html; charset=utf-8", date);
  try {
    await cache.put(key, shown.clone());
  } catch (error) {
    // The phone's storage is full: the page is still shown, only not saved.
  }
  return shown;
}

function statusDate(html) {
  const found = /<meta name="ocop-status-date" content="(\d{4}-\d{2}-\d{2})">/.exec(html);
  return found ? found[1] : "";
}

function restamped(text, type, date) {
  // Only these headers: the body is already decoded, a copied Content-Encoding would lie about it.
  return new Response(text, { headers: { "Content-Type": type, [STATUS_DATE]: date, [STORED]: String(Date.now()) } });
}

/* No signal and no saved copy. A QR code's door P/<ID> leads to p/<ID>/, and a folder asked for
   without its final slash is the folder: go there when that is saved; else the "no connection" page. */
async function offline(path) {
  const candidates = [];
  if (path && !path.endsWith("/") && !/\.[a-z]+$/i.test(path)) candidates.push(path + "/");
  const door = /^P\/([^/]+?)(?:\.html|\/)?$/.exec(path);
  if (door) candidates.push(`p/${door[1]}/`);
  for (const candidate of candidates) {
    if (await caches.match(ROOT + candidate)) return Response.redirect(ROOT + candidate, 302);
  }
  const page = await caches.match(ROOT + "offline.html");
  if (!page) return Response.error();
  // Shown at the address asked for: its links, relative to the root, need the root as their base.
  const text = (await page.text()).replace("<head>", `<head><base href="${ROOT}">`);
  return new Response(text, { status: 503, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

async function asset(request, key) {
  const cache = await caches.open(BUILD.shellCache);
  const saved = await cache.match(key);
  if (saved) return saved; // the shell cache is this build's: its files cannot be stale
  const response = await fetch(request);
  if (response.ok) await cache.put(key, response.clone());
  return response;
}

/* The finder's index and the pages' images: the network's copy, saved; the saved one with no signal
   or after NETWORK_WAIT_MS. */
async function networkFirst(event, cacheName, key, limit) {
  const request = event.request;
  const cache = await caches.open(cacheName);
  const network = fetch(request).then(async (response) => {
    if (!response.ok) return response;
    const headers = new Headers(response.headers);
    headers.set(STORED, String(Date.now()));
    headers.delete("Content-Encoding");
    headers.delete("Content-Length");
    const body = await response.arrayBuffer();
    await cache.put(key, new Response(body, { status: response.status, headers }));
    event.waitUntil(trim(cache, limit));
    return new Response(body, { status: response.status, headers });
  }, () => null);
  event.waitUntil(network);
  const saved = await cache.match(key);
  // The finder asks again with cache: "reload" when two files of its index come from different
  // builds: then only the network's answer will do, however slow.
  const patient = request.cache === "reload" || request.cache === "no-cache" || request.cache === "no-store";
  if (!saved || patient) return (await network) || saved || Response.error();
  const usable = network.then((r) => (r && r.ok ? r : null));
  return (await Promise.race([usable, wait(NETWORK_WAIT_MS)])) || saved;
}

/* Keep the newest `limit` entries of a cache, by the time each was saved. */
async function trim(cache, limit) {
  const keys = await cache.keys();
  if (keys.length <= limit) return;
  const stamped = await Promise.all(keys.map(async (key) => {
    const response = await cache.match(key);
    return [Number(response && response.headers.get(STORED)) || 0, key];
  }));
  stamped.sort((a, b) => a[0] - b[0]);
  await Promise.all(stamped.slice(0, keys.length - limit).map(([, key]) => cache.delete(key)));
}

function wait(ms) {
  return new Promise((resolve) => setTimeout(() => resolve(null), ms));
}
