import { randomBytes } from 'node:crypto';
import { createServer } from 'node:http';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import { BoardService } from './boards/board-service';
import { NOTICES } from '../shared/protocol';
import type { ServerConfig } from './config';
import { DEFAULT_EXPORT_LIMITS, setExportLimits } from './export/run-export';
import { createApp } from './http/app';
import { consoleLogger, type Logger } from './logger';
import { PresenceTracker } from './presence';
import { loadAdminToken, loadServerSecret } from './secrets';
import type { RedisLink } from './cluster/redis-link';
import { newId } from '../shared/ids';
import { newKey } from './keys';
import { BoardHub } from './socket/hub';
import { attachSockets, type GrarecoIo } from './socket/io';
import { createMemoryStore } from './store/memory-store';
import { DEFAULT_BACKUP_POLICY } from './store/sqlite-backups';
import { createSqliteStore } from './store/sqlite-store';
import { clearStagingDir } from './store/staged-import';
import type { BoardStore } from './store/store';

export interface GrarecoServer {
  url: string;
  port: number;
  adminToken: string;
  adminTokenCreated: boolean;
  store: BoardStore;
  /** This process's name among the nodes sharing Redis (a fresh id per start). */
  nodeId: string;
  clustered: boolean;
  boards: BoardService;
  io: GrarecoIo;
  log: Logger;
  /** Graceful stop: refuse new work, finish in-flight ops, close sockets with a reason, close the store. */
  close(): Promise<void>;
}

export async function startServer(
  config: Partial<ServerConfig> & Pick<ServerConfig, 'dataDir'>,
): Promise<GrarecoServer> {
  const log = consoleLogger(config.quiet ?? false);
  setExportLimits(config.exportLimits ?? DEFAULT_EXPORT_LIMITS);
  const { store, secret, adminToken, adminTokenCreated } = await openStore(config, log);
  let redis: RedisLink | undefined;
  // Loaded only when configured: ioredis and the adapter cost ~0.4 s of every start otherwise.
  const redisLink = config.redisUrl ? await import('./cluster/redis-link') : undefined;
  try {
    redis =
      redisLink && config.redisUrl
        ? await redisLink.connectRedis(config.redisUrl, config.redisKey ?? 'grareco', log)
        : undefined;
  } catch (err) {
    await store.close();
    throw err;
  }
  if (redis && redisLink && config.redisUrl)
    log.info('server', `joined the cluster through Redis at ${redisLink.redactedUrl(config.redisUrl)}`);
  const nodeId = newId();
  const importDir = join(config.dataDir, 'imports');
  clearStagingDir(importDir);
  const boards = new BoardService({ store, secret, adminToken, budgets: config.budgets, importDir });
  const presence = new PresenceTracker();
  const hub = new BoardHub();
  const app = createApp({
    boards,
    presence,
    hub,
    publicUrl: config.publicUrl,
    lan: { host: config.host, override: config.lanAddresses },
    clientDir: config.clientDir ?? 'dist/client',
    log,
  });
  const httpServer = createServer(app);
  const io = attachSockets({
    httpServer,
    boards,
    presence,
    log,
    publicUrl: config.publicUrl,
    cluster: redis ? { adapter: redis.adapter, nodeId } : undefined,
  });
  hub.attach(io, redis !== undefined);

  await new Promise<void>((resolveListen, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port ?? 3000, config.host ?? '0.0.0.0', () => resolveListen());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const host = !config.host || config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = config.publicUrl?.replace(/\/+$/, '') ?? `http://${host}:${port}`;

  const stopSweeping = boards.assets.startSweeping((err) =>
    log.error('assets', 'sweep of unused uploads failed', err),
  );
  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= (async () => {
      io.use((_socket, next) => next(new Error(NOTICES.serverRestart)));
      // Ops already received commit and are acknowledged before anyone is told to go.
      await boards.drain();
      // This node's sockets only: in a cluster the other nodes go on serving theirs.
      io.local.emit('notice', { reason: NOTICES.serverRestart });
      // Closing the transport (not a server-side disconnect) makes Socket.IO clients retry
      // by themselves, so they come back to the restarted server without a reload.
      for (const socket of io.of('/').sockets.values()) socket.conn.close();
      await boards.drain();
      await new Promise<void>((done) => {
        // The callback fires once the HTTP server has closed, later than the returned promise.
        void io.close(() => done());
      });
      stopSweeping();
      await redis?.close();
      await store.close();
    })();
    return closing;
  }

  return {
    url,
    port,
    adminToken,
    adminTokenCreated,
    store,
    nodeId,
    clustered: redis !== undefined,
    boards,
    io,
    log,
    close,
  };
}

interface OpenedStore {
  store: BoardStore;
  secret: Buffer;
  adminToken: string;
  adminTokenCreated: boolean;
}

/**
 * The store, and the secrets that go with it. With PostgreSQL the server secret (which seals
 * board keys) and the generated admin token live in the database, so every node agrees on
 * them whatever its DATA_DIR; otherwise they are files in DATA_DIR.
 */
async function openStore(
  config: Partial<ServerConfig> & Pick<ServerConfig, 'dataDir'>,
  log: Logger,
): Promise<OpenedStore> {
  if (config.store === 'postgres' || (config.store === undefined && config.databaseUrl)) {
    if (!config.databaseUrl) throw new Error('the postgres store needs DATABASE_URL');
    // Loaded only when configured, as Redis above: the embedded store needs none of pg.
    const { createPostgresStore } = await import('./store/postgres-store');
    const store = await createPostgresStore({
      url: config.databaseUrl,
      schema: config.databaseSchema,
      onError: (err) => log.error('postgres', 'idle connection failed', err),
    });
    try {
      const secret = Buffer.from(
        await store.setting('server-secret', () => randomBytes(32).toString('hex')),
        'hex',
      );
      if (secret.length !== 32) throw new Error('the server-secret setting is not a 32-byte hex secret');
      let adminToken = config.adminToken;
      let adminTokenCreated = false;
      if (!adminToken) {
        const made = newKey();
        adminToken = await store.setting('admin-token', () => made);
        adminTokenCreated = adminToken === made;
      }
      return { store, secret, adminToken, adminTokenCreated };
    } catch (err) {
      await store.close();
      throw err;
    }
  }
  const fromFile = config.adminToken ? undefined : loadAdminToken(config.dataDir);
  const adminToken = config.adminToken ?? (fromFile as { token: string }).token;
  const store =
    config.store === 'memory'
      ? createMemoryStore()
      : createSqliteStore(config.dataDir, {
          backups: config.backups ?? DEFAULT_BACKUP_POLICY,
          onDamage: (err) =>
            log.error(
              'store',
              `${err.message}. Writes there are refused from now on. Stop the server and restore ` +
                `the newest backup in ${join(config.dataDir, 'backups')} (README, runbook).`,
            ),
          onBackupError: (err) => log.error('store', 'scheduled backup failed', err),
        });
  return {
    store,
    secret: loadServerSecret(config.dataDir),
    adminToken,
    adminTokenCreated: fromFile?.created ?? false,
  };
}
