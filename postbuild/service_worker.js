/* The guide's service worker, so that the guide works with no network after one visit.
   postbuild/offline.py writes it to sw.js after PRECACHE (every file a reader needs: its address
   under the site root -> a hash of its content) and VERSION (a hash of that list).

   - Pages, the search index and the PDF handouts come from the network first, so an online reader
     always gets the newest safety text; a saved copy is used only when the network fails. A page
     served that way says so (the saved-copy notice in overrides/main.html, shown by CSS when the
     <html> element has data-saved-copy).
   - Other files (stylesheets, scripts, figures, icons) come from the saved copy.
   - Every file in PRECACHE is saved when the worker installs, in a cache named after VERSION. A file
     whose hash has not changed is copied from the last version's cache instead of downloaded again;
     once the new version is ready, the old caches are deleted.
   - A PDF is saved when it is opened, never before (they are large and many). */
const PREFIX = "guide-";
const PRECACHE_NAME = `${PREFIX}precache-${VERSION}`;
const HANDOUTS_NAME = `${PREFIX}handouts`;
const ROOT = self.registration.scope;
const NOT_FOUND = new URL("404.html", ROOT).href;
// The address of each saved file -> its key in the cache, which holds its hash.
const KEYS = new Map(Object.entries(PRECACHE).map(([path, hash]) => {
  const url = new URL(path, ROOT).href;
  return [url, `${url}?hash=${hash}`];
}));

/* The address a request's file is saved under: no query or fragment, and a page's folder address. */
function savedAddress(url) {
  return url.origin + url.pathname.replace(/\/index\.html$/, "/");
}

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(PRECACHE_NAME);
    await Promise.all([...KEYS].map(async ([url, key]) => {
      if (await cache.match(key)) return;
      const kept = await caches.match(key);  // the same content, saved by an earlier version
      const response = kept || await fetch(url, { cache: "reload" });
      if (!response.ok) throw new Error(`${url} answered ${response.status}`);
      await cache.put(key, response);
    }));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(PREFIX) && name !== PRECACHE_NAME
                                            && name !== HANDOUTS_NAME).map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !request.url.startsWith(ROOT)) return;
  const key = KEYS.get(savedAddress(url));
  if (url.pathname.endsWith(".pdf")) {
    event.respondWith(handout(event));
  } else if (request.mode === "navigate") {
    event.respondWith(networkFirst(request, key || KEYS.get(NOT_FOUND)).then(markSaved));
  } else if (url.pathname.endsWith(".json")) {
    event.respondWith(networkFirst(request, key).then(({ response }) => response));
  } else if (key) {
    event.respondWith(saved(key).then((response) => response || fetch(request)));
  }
});

async function saved(key) {
  return key && (await caches.open(PRECACHE_NAME)).match(key);
}

/* The network's answer; if there is none, the saved copy, marked as such. */
async function networkFirst(request, key) {
  try {
    return { response: await fetch(request), fromCache: false };
  } catch (error) {
    const response = await saved(key);
    if (!response) throw error;
    return { response, fromCache: true };
  }
}

/* A page from the saved copy gets data-saved-copy on its <html>, which shows the saved-copy notice. */
async function markSaved({ response, fromCache }) {
  if (!fromCache) return response;
  const html = (await response.text()).replace("<html", "<html data-saved-copy");
  return new Response(html, { status: response.status, headers: { "Content-Type": "text/html; charset=utf-8" } });
}

/* A PDF from the network, saved as it passes; the saved one only when the network fails. */
async function handout(event) {
  const request = event.request;
  const cache = await caches.open(HANDOUTS_NAME);
  try {
    const response = await fetch(request);
    if (response.status === 200) event.waitUntil(cache.put(request, response.clone()));
    return response;
  } catch (error) {
    const response = await cache.match(request, { ignoreSearch: true });
    if (!response) throw error;
    return response;
  }
}
