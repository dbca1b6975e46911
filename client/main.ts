import { mount } from 'svelte';
import App from './App.svelte';
import { loadInterfaceFonts } from './fonts';
import { initLang } from './i18n';
import { parseRoute } from './routes';
import './styles.css';

initLang(location.search);
const target = document.getElementById('app');
if (!target) throw new Error('missing #app');
void loadInterfaceFonts().then(() => {
  mount(App, { target, props: { route: parseRoute(location.pathname, location.search) } });
});
