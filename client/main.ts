import { mount } from 'svelte';
import App from './App.svelte';
import { preventPageZoom } from './board/gesture-zoom';
import { loadInterfaceFonts } from './fonts';
import { initLang } from './i18n';
import { parseRoute } from './routes';
import './styles.css';

initLang(location.search);
// The page never zooms (a pinch on the chrome would hide the toolbar); the board zooms itself.
preventPageZoom(document);
const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
void loadInterfaceFonts().then(() => {
  mount(App, { target, props: { route: parseRoute(location.pathname, location.search) } });
});
