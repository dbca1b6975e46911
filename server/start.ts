import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BoardService } from './boards/board-service';
import { NOTICES } from '../shared/protocol';
import type { ServerConfig } from './config';
import { createApp } from './http/app';
import { consoleLogger, type Logger } from './logger';
import { PresenceTracker } from './presence';
import { loadAdminToken, loadServerSecret } from './secrets';
import { BoardHub } from './socket/hub';
import { attachSockets, type GrarecoIo } from './socket/io';
import { createMemoryStore } from './store/memory-store';
import { createSqliteStore } from './store/sqlite-store';
import type { BoardStore } from './store/store';

export interface GrarecoServer {
  url: string;
  port: number;
  adminToken: string;
  adminTokenCreated: boolean;
  store: BoardStore;
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
  const fromFile = config.adminToken ? undefined : loadAdminToken(config.dataDir);
  const adminToken = config.adminToken ?? (fromFile as { token: string }).token;
  const store = config.store === 'memory' ? createMemoryStore() : createSqliteStore(config.dataDir);
  const boards = new BoardService({ store, secret: loadServerSecret(config.dataDir), adminToken });
  const presence = new PresenceTracker();
  const hub = new BoardHub();
  const app = createApp({
    boards,
    presence,
    hub,
    publicUrl: config.publicUrl,
    clientDir: config.clientDir ?? 'dist/client',
    log,
  });
  const httpServer = createServer(app);
  const io = attachSockets({ httpServer, boards, presence, log, publicUrl: config.publicUrl });
  hub.attach(io);

  await new Promise<void>((resolveListen, reject) => {
    httpServer.once('error', reject);
    httpServer.listen(config.port ?? 3000, config.host ?? '0.0.0.0', () => resolveListen());
  });
  const port = (httpServer.address() as AddressInfo).port;
  const host = !config.host || config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
  const url = config.publicUrl?.replace(/\/+$/, '') ?? `http://${host}:${port}`;

  let closing: Promise<void> | undefined;
  function close(): Promise<void> {
    closing ??= (async () => {
      io.use((_socket, next) => next(new Error(NOTICES.serverRestart)));
      // Ops already received commit and are acknowledged before anyone is told to go.
      await boards.drain();
      io.emit('notice', { reason: NOTICES.serverRestart });
      // Closing the transport (not a server-side disconnect) makes Socket.IO clients retry
      // by themselves, so they come back to the restarted server without a reload.
      for (const socket of io.of('/').sockets.values()) socket.conn.close();
      await boards.drain();
      await new Promise<void>((done) => {
        io.close(() => done());
      });
      await store.close();
    })();
    return closing;
  }

  return {
    url,
    port,
    adminToken,
    adminTokenCreated: fromFile?.created ?? false,
    store,
    boards,
    io,
    log,
    close,
  };
}
