import type { Page } from '../routes';

/*
 * Each page is a chunk of its own: a phone opening the viewer link on the hall's Wi-Fi loads
 * the viewer and what it shares with the others, not the recorder's tools, the organiser's
 * console or the time-lapse encoder. One function per page, so the import is written once.
 */

export function loadAdminPage() {
  return import('./AdminPage.svelte');
}

export function loadRecorderPage() {
  return import('./RecorderPage.svelte');
}

export function loadViewerPage() {
  return import('./ViewerPage.svelte');
}

export function loadProjectorPage() {
  return import('./ProjectorPage.svelte');
}

export function loadReplayPage() {
  return import('./ReplayPage.svelte');
}

/**
 * Starts fetching a page's chunk at once (main.ts, while the fonts load) and settles once it
 * is in (or failed): the module is fetched once, so the page's own import finds it loaded.
 */
export function preloadPage(page: Page): Promise<void> {
  const load = {
    admin: loadAdminPage,
    draw: loadRecorderPage,
    view: loadViewerPage,
    present: loadProjectorPage,
    replay: loadReplayPage,
  }[page as string];
  // A failed fetch is shown by the page's own import (App.svelte), not here.
  return (load?.() ?? Promise.resolve()).then(
    () => undefined,
    () => undefined,
  );
}
