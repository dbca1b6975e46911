import cluster from 'node:cluster';
import { join } from 'node:path';
import { configFromEnv } from './config';
import { writeLine } from './logger';
import { lanAddresses } from './lan-addresses';
import { LAN_LABEL, lanOrganiserLines, organiserLine, TOKEN_SOURCES } from './organiser-line';
import { EXIT_STORE_DAMAGED } from './restart-policy';
import { startServer } from './start';
import { damagedStoreAdvice } from './store/damaged-advice';
import { listBackups } from './store/sqlite-backups';
import { StoreDamagedError } from './store/store-damaged';

const config = configFromEnv();
const server = await startServer(config).catch((err: unknown) => {
  if (!(err instanceof StoreDamagedError)) throw err;
  // One line an operator can act on, not a stack trace; and no restart, which would only
  // fail the same way (the supervisor and systemd both know this exit code).
  writeLine(process.stderr, damagedStoreAdvice(err, listBackups(join(config.dataDir, 'backups'))[0]));
  process.exit(EXIT_STORE_DAMAGED);
});
server.log.info(
  'server',
  `grareco listening on ${server.url} (pid ${process.pid}, store: ${server.store.kind}${server.store.durability ? ` ${server.store.durability}` : ''}, data: ${config.dataDir}` +
    `${server.clustered ? `, node ${server.nodeId} in a Redis cluster` : ''})`,
);
const keptIn = server.store.kind === 'postgres' ? 'the database' : join(config.dataDir, 'admin-token');
if (server.adminTokenCreated)
  server.log.info('server', `a new admin token was generated and kept in ${keptIn}`);
const tokenSource = config.adminToken
  ? TOKEN_SOURCES.env
  : server.adminTokenCreated
    ? TOKEN_SOURCES.generated
    : TOKEN_SOURCES.kept;
const lan = config.publicUrl ? [] : lanAddresses({ host: config.host, override: config.lanAddresses });
const startLines = [
  organiserLine(server.url, server.adminToken, tokenSource, keptIn),
  ...lanOrganiserLines({ url: server.url, port: server.port, publicUrl: config.publicUrl, lan }, (base) =>
    organiserLine(base, server.adminToken, tokenSource, keptIn, LAN_LABEL),
  ),
];
writeLine(process.stdout, `\n  ${startLines.join('\n  ')}\n`);

let stopping = false;
function stop(signal: string): void {
  if (stopping) return;
  stopping = true;
  server.log.info('server', `${signal}: finishing in-flight ops and closing`);
  const force = setTimeout(() => process.exit(1), 10_000);
  force.unref();
  server.close().then(
    () => process.exit(0),
    (err: unknown) => {
      server.log.error('server', 'shutdown failed', err);
      process.exit(1);
    },
  );
}
process.on('SIGTERM', () => stop('SIGTERM'));
process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGHUP', () => stop('SIGHUP'));
// Under `npm start`'s supervisor: when it is gone (killed), nobody would restart this process
// and it would hold the port and DATA_DIR against the next `npm start`, so drain and go too.
if (cluster.isWorker) process.on('disconnect', () => stop('supervisor gone'));
process.on('uncaughtException', (err) => server.log.error('process', 'uncaught exception', err));
process.on('unhandledRejection', (err) => server.log.error('process', 'unhandled rejection', err));
