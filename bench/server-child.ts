import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startServer } from '../server/start';
import type { ServerReady, ServerRequest, ServerStats } from './messages';

/**
 * The server under test, alone in its process so its CPU and memory are its own: the real
 * entry (`startServer`), loopback only. By default the SQLite store in a throwaway data
 * directory; with BENCH_DATABASE_URL and BENCH_REDIS_URL (the cluster bench) a node that joins
 * the others through PostgreSQL and Redis.
 */
const dataDir = mkdtempSync(join(tmpdir(), 'grareco-bench-'));
const databaseUrl = process.env.BENCH_DATABASE_URL || undefined;
const server = await startServer({
  port: 0,
  host: '127.0.0.1',
  dataDir,
  adminToken: process.env.BENCH_ADMIN_TOKEN ?? 'bench-admin-token',
  store: databaseUrl ? 'postgres' : 'sqlite',
  databaseUrl,
  databaseSchema: process.env.BENCH_DATABASE_SCHEMA || undefined,
  redisUrl: process.env.BENCH_REDIS_URL || undefined,
  redisKey: process.env.BENCH_REDIS_KEY || undefined,
  // The draw bench reads the page through the test hook, which only the test build has.
  clientDir: 'dist/client-test',
  quiet: true,
});

function send(msg: ServerReady | ServerStats): void {
  process.send?.(msg);
}

let closing = false;
async function close(): Promise<void> {
  if (closing) return;
  closing = true;
  const force = setTimeout(() => process.exit(1), 5_000);
  force.unref();
  try {
    await server.close();
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
    process.exit(0);
  }
}

process.on('message', (raw: unknown) => {
  const msg = raw as ServerRequest;
  if (msg.type === 'stats') {
    // Retained memory, not garbage V8 has not yet collected: what a leak would show as.
    const gc = (globalThis as { gc?: () => void }).gc;
    const collect = msg.gc === true && gc !== undefined;
    if (collect) gc();
    const cpu = process.cpuUsage();
    send({
      type: 'stats',
      user: cpu.user,
      system: cpu.system,
      maxRssKb: process.resourceUsage().maxRSS,
      rssBytes: process.memoryUsage.rss(),
      heapAfterGcBytes: collect ? process.memoryUsage().heapUsed : null,
    });
  } else if (msg.type === 'close') {
    void close();
  }
});
// The driver died or Ctrl-C hit the process group: do not linger holding a port and a temp directory.
process.on('disconnect', () => void close());
process.on('SIGINT', () => void close());
process.on('SIGTERM', () => void close());

send({ type: 'ready', url: server.url, adminToken: server.adminToken });
