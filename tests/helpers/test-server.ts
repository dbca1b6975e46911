import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ServerConfig } from '../../server/config';
import type { BackupPolicy } from '../../server/store/sqlite-backups';
import { startServer, type GrarecoServer } from '../../server/start';

export const TEST_ADMIN_TOKEN = 'test-admin-token-0123456789';

/** A real server on a free port with its own data dir; `stop` removes both. */
export async function startTestServer(
  store: 'memory' | 'sqlite' = 'memory',
  overrides: Partial<ServerConfig> = {},
): Promise<GrarecoServer & { dataDir: string; stop(): Promise<void> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'grareco-test-'));
  const server = await startServer({
    port: 0,
    host: '127.0.0.1',
    dataDir,
    adminToken: TEST_ADMIN_TOKEN,
    store,
    clientDir: 'dist/client-test',
    quiet: true,
    ...overrides,
  });
  return {
    ...server,
    dataDir,
    async stop() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/**
 * A real server on the SQLite store in a data dir the test owns (it outlives the server, for
 * restarts, damage and restores), with an hour between scheduled backups unless told.
 */
export function startSqliteServer(
  dataDir: string,
  opts: { port?: number; backups?: BackupPolicy } = {},
): Promise<GrarecoServer> {
  return startServer({
    port: opts.port ?? 0,
    host: '127.0.0.1',
    dataDir,
    adminToken: TEST_ADMIN_TOKEN,
    store: 'sqlite',
    clientDir: 'dist/client-test',
    quiet: true,
    backups: opts.backups ?? { intervalMs: 3_600_000, keep: 4 },
  });
}
