import { resolve } from 'node:path';
import { parseLanAddresses } from './lan-addresses';
import { DEFAULT_BOARD_BUDGETS, type BoardBudgets } from './boards/board-budgets';
import { DEFAULT_BACKUP_POLICY, type BackupPolicy } from './store/sqlite-backups';

export const STORE_KINDS = { sqlite: 'sqlite', memory: 'memory', postgres: 'postgres' } as const;
export type StoreKind = (typeof STORE_KINDS)[keyof typeof STORE_KINDS];

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** When unset, one is generated on first start and kept in DATA_DIR. */
  adminToken?: string | undefined;
  publicUrl?: string | undefined;
  /** LAN_ADDRESSES: the addresses phones reach this machine on, instead of the detected ones. */
  lanAddresses?: readonly string[] | undefined;
  store: StoreKind;
  clientDir: string;
  quiet?: boolean;
  /** PostgreSQL (DATABASE_URL): boards live there, shared by every node. */
  databaseUrl?: string | undefined;
  /** A schema of its own inside that database (DATABASE_SCHEMA), created if missing. */
  databaseSchema?: string | undefined;
  /** Redis (REDIS_URL): Socket.IO's Redis adapter joins this node to the others. */
  redisUrl?: string | undefined;
  /** Prefix of the adapter's Redis channels (REDIS_KEY_PREFIX, default "grareco"). */
  redisKey?: string | undefined;
  /** Memory (MiB) and time (ms) of one export process (EXPORT_MEMORY_MB, EXPORT_TIMEOUT_S). */
  exportLimits?: { memoryMb: number; timeoutMs: number } | undefined;
  /** The embedded store's online backups (BACKUP_INTERVAL_S, BACKUP_KEEP). */
  backups?: BackupPolicy | undefined;
  /** What one board may hold (BOARD_LOG_BUDGET_MB, BOARD_UPLOAD_QUOTA_MB). */
  budgets?: Partial<BoardBudgets> | undefined;
}

const MB = 1024 * 1024;

/** A positive whole number from the environment, or the default when unset. */
function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n <= 0) throw new Error(`${name} must be a positive whole number, got ${raw}`);
  return n;
}

/** A whole number ≥ 0 from the environment, or the default when unset. */
function wholeNumber(env: NodeJS.ProcessEnv, name: string, fallback: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`${name} must be a whole number ≥ 0, got ${raw}`);
  return n;
}

/**
 * Reads the documented environment: PORT, HOST, DATA_DIR, ADMIN_TOKEN, PUBLIC_URL, and for
 * several nodes DATABASE_URL (+ DATABASE_SCHEMA) and REDIS_URL (+ REDIS_KEY_PREFIX); also
 * GRARECO_STORE (sqlite, memory; postgres is implied by DATABASE_URL) and LAN_ADDRESSES.
 */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env['PORT'] === undefined || env['PORT'] === '' ? 3000 : Number(env['PORT']);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be 0-65535, got ${env['PORT']}`);
  const databaseUrl = env['DATABASE_URL'] || undefined;
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    throw new Error('DATABASE_URL must be a postgres:// or postgresql:// URL');
  }
  const store = env['GRARECO_STORE'] || (databaseUrl ? STORE_KINDS.postgres : STORE_KINDS.sqlite);
  if (!Object.values(STORE_KINDS).includes(store as StoreKind)) {
    throw new Error(`GRARECO_STORE must be sqlite, memory or postgres, got ${store}`);
  }
  if ((store === STORE_KINDS.postgres) !== (databaseUrl !== undefined)) {
    throw new Error(
      'DATABASE_URL and GRARECO_STORE disagree: the postgres store is the one DATABASE_URL sets',
    );
  }
  const databaseSchema = env['DATABASE_SCHEMA'] || undefined;
  if (databaseSchema !== undefined && !/^[a-z_][a-z0-9_]{0,62}$/.test(databaseSchema)) {
    throw new Error(`DATABASE_SCHEMA must be a lower-case identifier, got ${databaseSchema}`);
  }
  const redisUrl = env['REDIS_URL'] || undefined;
  if (redisUrl !== undefined && !/^rediss?:\/\//.test(redisUrl)) {
    throw new Error('REDIS_URL must be a redis:// or rediss:// URL');
  }
  const publicUrl = env['PUBLIC_URL'] || undefined;
  if (publicUrl !== undefined && !/^https?:\/\/[^\s/]+/.test(publicUrl)) {
    throw new Error(`PUBLIC_URL must be an http(s) URL, got ${publicUrl}`);
  }
  return {
    port,
    host: env['HOST'] || '0.0.0.0',
    dataDir: resolve(env['DATA_DIR'] || './data'),
    adminToken: env['ADMIN_TOKEN'] || undefined,
    publicUrl,
    lanAddresses: parseLanAddresses(env['LAN_ADDRESSES']),
    store: store as StoreKind,
    databaseUrl,
    databaseSchema,
    redisUrl,
    redisKey: env['REDIS_KEY_PREFIX'] || undefined,
    clientDir: resolve(env['GRARECO_CLIENT_DIR'] || 'dist/client'),
    exportLimits: {
      memoryMb: positiveInt(env, 'EXPORT_MEMORY_MB', 1024),
      timeoutMs: positiveInt(env, 'EXPORT_TIMEOUT_S', 300) * 1000,
    },
    backups: {
      intervalMs: positiveInt(env, 'BACKUP_INTERVAL_S', DEFAULT_BACKUP_POLICY.intervalMs / 1000) * 1000,
      keep: wholeNumber(env, 'BACKUP_KEEP', DEFAULT_BACKUP_POLICY.keep),
    },
    budgets: {
      logBytes: positiveInt(env, 'BOARD_LOG_BUDGET_MB', DEFAULT_BOARD_BUDGETS.logBytes / MB) * MB,
      assetBytes: positiveInt(env, 'BOARD_UPLOAD_QUOTA_MB', DEFAULT_BOARD_BUDGETS.assetBytes / MB) * MB,
    },
  };
}
