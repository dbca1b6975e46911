import { copyFileSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { GrarecoServer } from '../../server/start';
import { addOp, makeStroke } from '../helpers/fixtures';
import {
  connectClient,
  createBoard,
  getBoardDoc,
  keyOf,
  waitUntil,
  type CreatedBoard,
} from '../helpers/socket-clients';
import { startSqliteServer, startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

interface BackupView {
  name: string;
  reason: string;
  at: number;
  bytes: number;
}

async function listed(url: string): Promise<BackupView[]> {
  const res = await fetch(`${url}/api/admin/backups`, { headers: ADMIN });
  expect(res.status).toBe(200);
  return ((await res.json()) as { backups: BackupView[] }).backups;
}

async function takeNow(url: string): Promise<BackupView> {
  const res = await fetch(`${url}/api/admin/backups`, { method: 'POST', headers: ADMIN });
  expect(res.status).toBe(201);
  return (await res.json()) as BackupView;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('online backups of the embedded store', () => {
  let dataDir: string;
  let server: GrarecoServer;
  let board: CreatedBoard;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'grareco-backups-'));
    server = await startSqliteServer(dataDir, { backups: { intervalMs: 400, keep: 3 } });
  });
  afterAll(async () => {
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('copies the store on the interval only while it changes', async () => {
    await sleep(1_000);
    expect(await listed(server.url)).toEqual([]);
    board = await createBoard(server.url, TEST_ADMIN_TOKEN, 'backed up');
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    expect((await recorder.send(addOp(makeStroke(0, 0, 8, 'first')))).ok).toBe(true);
    recorder.close();
    await expect
      .poll(async () => (await listed(server.url)).length, { timeout: 5_000, interval: 100 })
      .toBeGreaterThan(0);
    // The board's creation and the stroke may fall into two rounds.
    await sleep(500);
    const copies = await listed(server.url);
    expect(copies.length).toBeLessThanOrEqual(2);
    for (const copy of copies) {
      expect(copy.reason).toBe('interval');
      expect(copy.name).toMatch(/^grareco-\d{8}T\d{9}Z-interval\.sqlite$/);
      expect(copy.bytes).toBeGreaterThan(0);
    }
    // Nothing changed since: no further copies however many rounds go by.
    await sleep(1_200);
    expect(await listed(server.url)).toEqual(copies);
  });

  it('takes one when a board is locked', async () => {
    const res = await fetch(`${server.url}/api/boards/${board.id}/lock`, {
      method: 'POST',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ locked: true }),
    });
    expect(res.status).toBe(200);
    await expect
      .poll(async () => (await listed(server.url))[0]?.reason, { timeout: 5_000, interval: 50 })
      .toBe('locked');
  });

  it('keeps the newest N, whole files only, newest first', async () => {
    for (let i = 0; i < 4; i++) await takeNow(server.url);
    const list = await listed(server.url);
    expect(list).toHaveLength(3);
    expect(list.every((b) => b.reason === 'manual')).toBe(true);
    expect(list.map((b) => b.at)).toEqual([...list.map((b) => b.at)].sort((a, b) => b - a));
    const files = readdirSync(join(dataDir, 'backups'));
    expect(files.sort()).toEqual(list.map((b) => b.name).sort());
  });

  it('answers the organiser only', async () => {
    expect((await fetch(`${server.url}/api/admin/backups`)).status).toBe(401);
    const viewKey = keyOf(board.links.view);
    const asViewer = await fetch(`${server.url}/api/admin/backups?key=${viewKey}`, { method: 'POST' });
    expect(asViewer.status).toBe(401);
  });
});

describe('restoring a backup', () => {
  it('brings back every op acknowledged before the backup was taken, while a recorder kept drawing', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'grareco-restore-'));
    let server = await startSqliteServer(dataDir, { backups: { intervalMs: 3_600_000, keep: 5 } });
    try {
      const board = await createBoard(server.url, TEST_ADMIN_TOKEN, 'restore me');
      const editKey = keyOf(board.links.draw);
      const recorder = await connectClient(server.url, board.id, editKey);
      const acked: { id: string; at: number }[] = [];
      let drawing = true;
      let n = 0;
      const pump = (async () => {
        while (drawing) {
          const id = `s${n++}`;
          const ack = await recorder.send(addOp(makeStroke(n % 2000, n % 1000, 40, id)));
          if (ack.ok) acked.push({ id, at: Date.now() });
          else if (ack.reason !== 'rate_limited') throw new Error(ack.reason);
          await sleep(5);
        }
      })();
      await waitUntil(() => acked.length >= 40, 10_000, 'some strokes');
      const askedAt = Date.now();
      const backup = await takeNow(server.url);
      await waitUntil(() => acked.some((a) => a.at > backup.at + 50), 10_000, 'strokes after the backup');
      drawing = false;
      await pump;
      recorder.close();
      await server.close();
      const before = acked.filter((a) => a.at < askedAt).map((a) => a.id);
      expect(before.length).toBeGreaterThanOrEqual(40);

      // The runbook's steps: the live file aside (with its WAL), the backup in its place.
      for (const suffix of ['', '-wal', '-shm'])
        try {
          renameSync(join(dataDir, `grareco.sqlite${suffix}`), join(dataDir, `damaged.sqlite${suffix}`));
        } catch {
          // No WAL left after a clean close.
        }
      copyFileSync(join(dataDir, 'backups', backup.name), join(dataDir, 'grareco.sqlite'));
      server = await startSqliteServer(dataDir, { backups: { intervalMs: 3_600_000, keep: 5 } });

      const doc = await getBoardDoc(server.url, board.id, editKey);
      expect(doc.status).toBe(200);
      const present = new Set(doc.body.objects.map((o) => o.id));
      expect(before.filter((id) => !present.has(id))).toEqual([]);
      // A consistent copy: the log is gap-free and agrees with the objects.
      expect(doc.body.objects).toHaveLength(doc.body.seq);
      // The restored board takes new strokes at once.
      const again = await connectClient(server.url, board.id, editKey);
      expect((await again.send(addOp(makeStroke(1, 1, 8, 'after-restore')))).ok).toBe(true);
      again.close();
    } finally {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
  }, 60_000);

  it('a store with no files of its own (memory) has no backups to list', async () => {
    const server = await startTestServer('memory');
    try {
      const res = await fetch(`${server.url}/api/admin/backups`, { headers: ADMIN });
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({ error: 'not_found' });
    } finally {
      await server.stop();
    }
  });
});
