import { mount } from 'svelte';
import App from './App.svelte';
import { initLang } from './i18n';
import { parseRoute } from './routes';
// Self-hosted Japanese glyphs: venue PCs and Linux boxes often lack a CJK font.
import '@fontsource/noto-sans-jp/400.css';
import './styles.css';

initLang(location.search);
const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
mount(App, { target, props: { route: parseRoute(location.pathname, location.search) } });
