import { closeSync, mkdirSync, openSync, readdirSync, renameSync, rmSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type Database from 'better-sqlite3';
import { ownerOnly } from './owner-only';

/** Why a backup was taken: it is part of the file's name, so the runbook can pick one. */
export const BACKUP_REASONS = {
  /** The store changed since the last one and the interval came round. */
  interval: 'interval',
  /** A board was locked: the end of a session, the copy most worth having. */
  locked: 'locked',
  /** The organiser asked for one (POST /api/admin/backups). */
  manual: 'manual',
} as const;
export type BackupReason = (typeof BACKUP_REASONS)[keyof typeof BACKUP_REASONS];

export interface BackupPolicy {
  /** How often a store that changed is copied. */
  intervalMs: number;
  /** How many copies are kept (the oldest go first); 0 takes none. */
  keep: number;
}

export const DEFAULT_BACKUP_POLICY: BackupPolicy = { intervalMs: 15 * 60_000, keep: 12 };

export interface BackupInfo {
  /** The file's name inside the backups folder. */
  name: string;
  path: string;
  reason: BackupReason;
  /** When it was taken (ms since the epoch); every op acknowledged before this is in it. */
  at: number;
  bytes: number;
}

export interface StoreBackups {
  readonly dir: string;
  /** Takes one now, after any already running; resolves once it is complete on disk. */
  take(reason: BackupReason): Promise<BackupInfo>;
  /** Newest first. */
  list(): BackupInfo[];
  /** Tells the schedule the store changed, so the next round copies it. */
  changed(): void;
  /** Stops the schedule and waits for a copy in progress. */
  stop(): Promise<void>;
}

const NAME = /^grareco-(\d{8}T\d{6})(\d{3})Z-([a-z]+)\.sqlite$/;

function fileName(at: number, reason: BackupReason): string {
  // 2026-12-03T10:15:00.123Z → 20261203T101500123Z: sorts by time, and is a safe file name.
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace('.', '');
  return `grareco-${stamp}-${reason}.sqlite`;
}

function parseName(name: string): { at: number; reason: BackupReason } | undefined {
  const m = NAME.exec(name);
  if (!m) return undefined;
  const reason = m[3] as BackupReason;
  if (!Object.values(BACKUP_REASONS).includes(reason)) return undefined;
  const d = m[1] as string;
  const iso = `${d.slice(0, 4)}-${d.slice(4, 6)}-${d.slice(6, 8)}T${d.slice(9, 11)}:${d.slice(11, 13)}:${d.slice(13, 15)}.${m[2]}Z`;
  const at = Date.parse(iso);
  return Number.isFinite(at) ? { at, reason } : undefined;
}

/** The backups in a folder, newest first (a folder that does not exist has none). */
export function listBackups(dir: string): BackupInfo[] {
  let names: string[];
  try {
    names = readdirSync(dir);
  } catch {
    return [];
  }
  const found: BackupInfo[] = [];
  for (const name of names) {
    const parsed = parseName(name);
    if (!parsed) continue;
    const path = join(dir, name);
    try {
      found.push({ name, path, ...parsed, bytes: statSync(path).size });
    } catch {
      // Pruned by another round between the listing and the stat.
    }
  }
  return found.sort((a, b) => b.at - a.at || b.name.localeCompare(a.name));
}

/**
 * Online copies of the open database through SQLite's backup API (better-sqlite3's `backup()`):
 * a consistent copy taken a few pages at a time between turns of the event loop, so ops keep
 * committing while it runs (and writes made meanwhile are carried into the copy). Each copy is
 * written as `.partial` and renamed when complete, so a file with the final name is always
 * whole. `mayCopy` is asked first: a store known to be damaged is not copied, or the damage
 * would push the good copies out.
 */
export function createBackups(opts: {
  db: Database.Database;
  dir: string;
  policy: BackupPolicy;
  mayCopy: () => void;
  onError: (err: unknown) => void;
}): StoreBackups {
  const { db, dir, policy } = opts;
  let dirty = false;
  let lastAt = 0;
  let running: Promise<BackupInfo> | undefined;

  async function copy(reason: BackupReason): Promise<BackupInfo> {
    opts.mayCopy();
    mkdirSync(dir, { recursive: true });
    // Two copies in the same millisecond still get names of their own, in order.
    const at = Math.max(Date.now(), lastAt + 1);
    lastAt = at;
    const name = fileName(at, reason);
    const path = join(dir, name);
    const partial = `${path}.partial`;
    dirty = false;
    try {
      // The copy holds every board's keys and content: owner only, from its first byte on.
      closeSync(openSync(partial, 'w'));
      ownerOnly(partial);
      await db.backup(partial);
      renameSync(partial, path);
      ownerOnly(path);
    } catch (err) {
      dirty = true;
      rmSync(partial, { force: true });
      throw err;
    }
    for (const old of listBackups(dir).slice(policy.keep)) rmSync(old.path, { force: true });
    return { name, path, reason, at, bytes: statSync(path).size };
  }

  function take(reason: BackupReason): Promise<BackupInfo> {
    const next = (running ?? Promise.resolve()).catch(() => undefined).then(() => copy(reason));
    running = next;
    void next
      .catch(() => undefined)
      .then(() => {
        if (running === next) running = undefined;
      });
    return next;
  }

  const timer =
    policy.keep > 0
      ? setInterval(() => {
          if (dirty && !running) take(BACKUP_REASONS.interval).catch(opts.onError);
        }, policy.intervalMs)
      : undefined;
  timer?.unref();

  return {
    dir,
    take(reason) {
      if (policy.keep === 0) return Promise.reject(new Error('backups are off (BACKUP_KEEP=0)'));
      return take(reason);
    },
    list: () => listBackups(dir),
    changed() {
      dirty = true;
    },
    async stop() {
      if (timer) clearInterval(timer);
      await running?.catch(() => undefined);
    },
  };
}
