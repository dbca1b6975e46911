// `npm start`: builds what is stale, then becomes the supervisor in this same process (one
// Node start fewer than running the build check and the supervisor one after the other).
import { spawnSync } from 'node:child_process';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { isFresh } from './freshness.mjs';
import { CLIENT, SERVER } from './targets.mjs';

const root = fileURLToPath(new URL('../', import.meta.url));

if (!isFresh(root, CLIENT.stamp, CLIENT.inputs) || !isFresh(root, SERVER.stamp, SERVER.inputs)) {
  // The bundlers load only when something is stale, in a process of their own.
  const build = spawnSync(process.execPath, [fileURLToPath(new URL('./build.mjs', import.meta.url))], {
    cwd: root,
    stdio: 'inherit',
  });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
await import(pathToFileURL(`${root}${SERVER.entry}`).href);
