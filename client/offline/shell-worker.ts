/**
 * Registers the service worker (client/public/sw.js) that keeps the app shell, so the
 * recorder page opens again with no network. Service workers exist only in secure contexts
 * (HTTPS, localhost); elsewhere the page still keeps unsent strokes across reloads that reach
 * the server, it only cannot open while the server is unreachable.
 */
export function registerShellWorker(): void {
  if (!('serviceWorker' in navigator) || !window.isSecureContext) return;
  navigator.serviceWorker
    .register('/sw.js', { scope: '/' })
    .then(() => navigator.serviceWorker.ready)
    .then((registration) => {
      // What this page loaded before the worker controlled it (fonts, lazy chunks) is
      // cached now; later loads go through the worker and are cached on the way.
      const urls = performance
        .getEntriesByType('resource')
        .map((e) => e.name)
        .filter((name) => new URL(name).origin === location.origin);
      registration.active?.postMessage({ type: 'cache-assets', urls });
    })
    .catch((err: unknown) => {
      console.warn('[grareco] the offline app shell is not available', err);
    });
}
