import { createAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { Logger } from '../logger';

/** How long a node waits for Redis at start before it gives up with the reason. */
const CONNECT_TIMEOUT_MS = 10_000;

export interface RedisLink {
  /** Socket.IO's Redis adapter over this link's two connections (publish, subscribe). */
  adapter: ReturnType<typeof createAdapter>;
  close(): Promise<void>;
}

function ready(client: Redis, url: string): Promise<void> {
  if (client.status === 'ready') return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis at ${redactedUrl(url)} did not answer within ${CONNECT_TIMEOUT_MS} ms`));
    }, CONNECT_TIMEOUT_MS);
    const onReady = () => {
      cleanup();
      resolve();
    };
    function cleanup() {
      clearTimeout(timer);
      client.off('ready', onReady);
    }
    client.on('ready', onReady);
  });
}

/** A URL as it may be logged: without its password. */
export function redactedUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return '(unparsable URL)';
  }
}

/**
 * Connects to Redis (REDIS_URL) for Socket.IO's Redis adapter. ioredis rather than node-redis:
 * Socket.IO's documentation notes that node-redis may not restore subscriptions after a
 * reconnection, and a node that silently stopped hearing the others would leave its viewers
 * without live strokes. `key` prefixes the channels, so several installs can share one Redis.
 */
export async function connectRedis(url: string, key: string, log: Logger): Promise<RedisLink> {
  const pub = new Redis(url, { lazyConnect: false, maxRetriesPerRequest: null });
  const sub = pub.duplicate();
  // Connection errors are retried by ioredis; log them instead of letting them throw.
  let lastLogged = 0;
  const onError = (err: unknown) => {
    const now = Date.now();
    if (now - lastLogged > 5_000) log.error('redis', 'connection error (retrying)', err);
    lastLogged = now;
  };
  pub.on('error', onError);
  sub.on('error', onError);
  try {
    await Promise.all([ready(pub, url), ready(sub, url)]);
  } catch (err) {
    pub.disconnect();
    sub.disconnect();
    throw err;
  }
  return {
    adapter: createAdapter(pub, sub, { key }),
    async close() {
      await Promise.allSettled([pub.quit(), sub.quit()]);
      pub.disconnect();
      sub.disconnect();
    },
  };
}
