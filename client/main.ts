import { mount } from 'svelte';
import App from './App.svelte';
import { preventPageZoom } from './board/gesture-zoom';
import { loadInterfaceFonts, loadViewerFonts } from './fonts';
import { initLang } from './i18n';
import { parseRoute } from './routes';
import './styles.css';

initLang(location.search);
// The page never zooms (a pinch on the chrome would hide the toolbar); the board zooms itself.
preventPageZoom(document);
const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
const route = parseRoute(location.pathname, location.search);
// A viewer (a phone on the hall's Wi-Fi) loads its board's own small font instead of the slices.
const fonts = route.page === 'view' ? loadViewerFonts(route.boardId, route.key) : loadInterfaceFonts();
void fonts.then(() => {
  mount(App, { target, props: { route } });
});
