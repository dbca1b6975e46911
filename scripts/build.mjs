// `node scripts/build.mjs [client|client-test|server] [--force]`: builds what is stale. With no
// name, the client and the server (what `npm start` serves); the test client only when named.
import { fileURLToPath } from 'node:url';
import { buildClient } from './build-client.mjs';
import { buildServer } from './build-server.mjs';
import { isFresh } from './freshness.mjs';
import { CLIENT, CLIENT_TEST, SERVER } from './targets.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));
const args = process.argv.slice(2);
const force = args.includes('--force');
const only = args.filter((a) => !a.startsWith('--'));
const wanted = (name) => (only.length === 0 ? name !== 'client-test' : only.includes(name));

try {
  if (wanted('client') && (force || !isFresh(root, CLIENT.stamp, CLIENT.inputs))) {
    console.log('building the client…');
    console.log(`client built in ${await buildClient(root)} ms`);
  }
  if (wanted('client-test') && (force || !isFresh(root, CLIENT_TEST.stamp, CLIENT_TEST.inputs))) {
    console.log('building the test client (with the browser test hook)…');
    console.log(`test client built in ${await buildClient(root, { test: true })} ms`);
  }
  if (wanted('server') && (force || !isFresh(root, SERVER.stamp, SERVER.inputs))) {
    console.log('bundling the server…');
    console.log(`server bundled in ${await buildServer(root)} ms`);
  }
} catch (err) {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
}
