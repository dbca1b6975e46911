import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { newKey } from './keys';

/** Reads a value kept in DATA_DIR, or makes one on first start (mode 0600: only the owner). */
function keep(dataDir: string, name: string, make: () => string): { value: string; created: boolean } {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, name);
  if (existsSync(file)) return { value: readFileSync(file, 'utf8').trim(), created: false };
  const value = make();
  writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return { value, created: true };
}

export function loadAdminToken(dataDir: string): { token: string; created: boolean } {
  const { value, created } = keep(dataDir, 'admin-token', newKey);
  return { token: value, created };
}

export function loadServerSecret(dataDir: string): Buffer {
  const { value } = keep(dataDir, 'server-secret', () => randomBytes(32).toString('hex'));
  const secret = Buffer.from(value, 'hex');
  if (secret.length !== 32) throw new Error(`${join(dataDir, 'server-secret')} is not a 32-byte hex secret`);
  return secret;
}
