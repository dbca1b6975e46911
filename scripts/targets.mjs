/** What each build is made from, and the file whose mtime says when it was last made. */
export const CLIENT = {
  outDir: 'dist/client',
  stamp: 'dist/client/index.html',
  inputs: ['client', 'shared', 'vite.config.ts', 'package.json', 'package-lock.json'],
};

/**
 * The same client with the browser test hook compiled in (GRARECO_TEST_BUILD=1, see
 * vite.config.ts): what the browser tests load. Never served by `npm start`.
 */
export const CLIENT_TEST = {
  outDir: 'dist/client-test',
  stamp: 'dist/client-test/index.html',
  inputs: CLIENT.inputs,
};

export const SERVER = {
  outDir: 'dist/server',
  stamp: 'dist/server/.built',
  /** The supervisor `npm start` runs; it forks `main.js` beside it. */
  entry: 'dist/server/supervisor-main.js',
  inputs: ['server', 'shared', 'scripts/build-server.mjs', 'package-lock.json'],
};
