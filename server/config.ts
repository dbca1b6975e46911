import { resolve } from 'node:path';

export const STORE_KINDS = { sqlite: 'sqlite', memory: 'memory' } as const;
export type StoreKind = (typeof STORE_KINDS)[keyof typeof STORE_KINDS];

export interface ServerConfig {
  port: number;
  host: string;
  dataDir: string;
  /** When unset, one is generated on first start and kept in DATA_DIR. */
  adminToken?: string | undefined;
  publicUrl?: string | undefined;
  store: StoreKind;
  clientDir: string;
  quiet?: boolean;
}

/** Reads the documented environment: PORT, HOST, DATA_DIR, ADMIN_TOKEN, PUBLIC_URL (+ GRARECO_STORE). */
export function configFromEnv(env: NodeJS.ProcessEnv = process.env): ServerConfig {
  const port = env['PORT'] === undefined || env['PORT'] === '' ? 3000 : Number(env['PORT']);
  if (!Number.isInteger(port) || port < 0 || port > 65535)
    throw new Error(`PORT must be 0-65535, got ${env['PORT']}`);
  const store = env['GRARECO_STORE'] ?? STORE_KINDS.sqlite;
  if (store !== STORE_KINDS.sqlite && store !== STORE_KINDS.memory) {
    throw new Error(`GRARECO_STORE must be sqlite or memory, got ${store}`);
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
    store,
    clientDir: resolve(env['GRARECO_CLIENT_DIR'] || 'dist/client'),
  };
}
