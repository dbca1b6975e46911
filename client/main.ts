import { mount } from 'svelte';
import App from './App.svelte';
import { preventPageZoom } from './board/gesture-zoom';
import { rankWorker } from './board/render/rank-worker-start';
import { loadInterfaceFonts, loadViewerFonts, loadViewerFullFont } from './fonts';
import { initLang } from './i18n';
import { preloadPage } from './pages/page-loaders';
import { parseRoute } from './routes';
import { prefetchBoard } from './sync/snapshot-prefetch';
import { newId } from '../shared/new-id';
import './styles.css';

initLang(location.search);
// The page never zooms (a pinch on the chrome would hide the toolbar); the board zooms itself.
preventPageZoom(document);
const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
const route = parseRoute(location.pathname, location.search);
// The page's own chunk comes in while the fonts load.
const pageChunk = preloadPage(route.page);
// Watching pages ask for the board while their fonts load, not after.
if (route.page === 'view' || route.page === 'present') prefetchBoard(route.boardId, route.key, newId());
// Board pages rank their outlines on a worker; it must be running before the board is built.
if (route.page === 'view' || route.page === 'present' || route.page === 'draw') rankWorker();
// A viewer (a phone on the hall's Wi-Fi) loads its board's own small font instead of the slices.
const fonts = route.page === 'view' ? loadViewerFonts(route.boardId, route.key) : loadInterfaceFonts();
void Promise.all([fonts, pageChunk]).then(() => {
  mount(App, { target, props: { route } });
  // After the board's first frame: nothing the first paint waits for is left to share the link.
  if (route.page === 'view') requestAnimationFrame(() => setTimeout(loadViewerFullFont, 0));
});
