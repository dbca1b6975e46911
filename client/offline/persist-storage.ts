/** Asked once per page: the answer does not change while the page lives. */
let asked = false;

/**
 * Asks the browser to keep this site's storage (the unsent strokes in IndexedDB) under
 * storage pressure instead of evicting it; Safari also drops the storage of sites unused
 * for a week unless it is persistent. Never waits on the answer and never fails: a browser
 * may refuse or lack the API, and the queue works the same either way (only less safely).
 * The answer is logged, so a recorder's console tells whether it was granted.
 */
export function requestPersistentStorage(): void {
  if (asked) return;
  asked = true;
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (typeof storage?.persist !== 'function') return;
  void (async () => {
    try {
      if (typeof storage.persisted === 'function' && (await storage.persisted())) return;
      const granted = await storage.persist();
      console.info(`[grareco] persistent storage ${granted ? 'granted' : 'not granted'}`);
    } catch (err) {
      console.info('[grareco] persistent storage could not be asked for', err);
    }
  })();
}
