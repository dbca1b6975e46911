import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION } from '../../shared/protocol';
import type { GrarecoServer } from '../../server/start';
import { leafPageOf, overwritePage, pokeFromOutside, sha256Of } from '../helpers/damage';
import { addOp, makeStroke } from '../helpers/fixtures';
import { compileServer } from '../helpers/server-process';
import {
  connectClient,
  connectRefusal,
  createBoard,
  getBoardDoc,
  keyOf,
  sendAll,
  waitUntil,
  type CreatedBoard,
  type TestClient,
} from '../helpers/socket-clients';
import { startSqliteServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

const root = fileURLToPath(new URL('../../', import.meta.url));
const ADMIN = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
/** The server's exit code for a damaged database (server/restart-policy.ts). */
const EXIT_STORE_DAMAGED = 78;

/**
 * A board with `count` strokes of 100 points each, two to an op: enough rows that the board's
 * log and objects each fill leaf pages of their own (and within one socket's burst allowance).
 */
async function fill(url: string, board: CreatedBoard, count: number): Promise<void> {
  const recorder = await connectClient(url, board.id, keyOf(board.links.draw));
  const ops = Array.from({ length: Math.ceil(count / 2) }, (_, n) =>
    addOp(...Array.from({ length: Math.min(2, count - n * 2) }, (_, j) => makeStroke(n * 2 + j, j, 100))),
  );
  await sendAll(recorder, ops);
  recorder.close();
}

/** A data dir holding one closed store with a board per count, `count` strokes each. */
async function storeWithBoards(counts: number[]): Promise<{ dataDir: string; boards: CreatedBoard[] }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'grareco-damage-'));
  const server = await startSqliteServer(dataDir);
  const boards: CreatedBoard[] = [];
  for (const [i, count] of counts.entries()) {
    const board = await createBoard(server.url, TEST_ADMIN_TOKEN, `board ${i}`);
    await fill(server.url, board, count);
    boards.push(board);
  }
  await server.close();
  return { dataDir, boards };
}

/** `node server/main.ts` (through tsx) on a data dir, to its exit: the start an operator sees. */
function startMain(dataDir: string) {
  return spawnSync(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: TEST_ADMIN_TOKEN },
    encoding: 'utf8',
    timeout: 60_000,
  });
}

describe('a damaged database at start', () => {
  let dataDir: string;
  let file: string;
  let big: CreatedBoard;

  beforeAll(async () => {
    let boards: CreatedBoard[];
    ({ dataDir, boards } = await storeWithBoards([600, 20]));
    big = boards[0] as CreatedBoard;
    file = join(dataDir, 'grareco.sqlite');
  }, 60_000);
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('starts on the intact file', async () => {
    const server = await startSqliteServer(dataDir);
    expect((await getBoardDoc(server.url, big.id, keyOf(big.links.draw))).body.objects).toHaveLength(600);
    await server.close();
  });

  it('refuses to start on a file with one page overwritten: one line naming the file and the newest backup, exit 78, nothing written', async () => {
    // A backup to point at, taken while the file was whole.
    const backups = join(dataDir, 'backups');
    mkdirSync(backups, { recursive: true });
    copyFileSync(file, join(backups, 'grareco-20261203T090000000Z-locked.sqlite'));
    copyFileSync(file, join(backups, 'grareco-20261203T100000000Z-interval.sqlite'));
    overwritePage(file, leafPageOf(file, big.id));
    const before = sha256Of(file);

    const run = startMain(dataDir);
    expect(run.status, run.stdout + run.stderr).toBe(EXIT_STORE_DAMAGED);
    const lines = run.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toContain(`grareco: not started: ${file} is damaged`);
    expect(lines[0]).toContain(join(backups, 'grareco-20261203T100000000Z-interval.sqlite'));
    expect(run.stderr).not.toMatch(/\n\s+at /);
    expect(run.stdout).not.toContain('listening');
    expect(sha256Of(file)).toBe(before);
  }, 60_000);

  it('refuses a file cut short the same way, saying when no backup exists', async () => {
    rmSync(join(dataDir, 'backups'), { recursive: true, force: true });
    truncateSync(file, 3000);
    const run = startMain(dataDir);
    expect(run.status, run.stdout + run.stderr).toBe(EXIT_STORE_DAMAGED);
    expect(run.stderr.trim().split('\n')).toHaveLength(1);
    expect(run.stderr).toContain(`${file} is damaged`);
    expect(run.stderr).toContain('no backup was found');
  }, 60_000);

  it("npm start's supervisor does not restart a server refused for a damaged file", () => {
    compileServer();
    const run = spawnSync(process.execPath, ['dist/server/supervisor-main.js'], {
      cwd: root,
      env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: TEST_ADMIN_TOKEN },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(run.status, run.stdout + run.stderr).toBe(EXIT_STORE_DAMAGED);
    const all = run.stdout + run.stderr;
    expect(all.match(/server process \d+ started/g)).toHaveLength(1);
    expect(all).toContain('not restarted');
  }, 60_000);
});

describe('pages found damaged while serving', () => {
  let dataDir: string;
  let file: string;
  /** Open on the recorder's tablet when its log pages go bad. */
  let inUse: CreatedBoard;
  /** Nobody has it open when its object pages go bad. */
  let idle: CreatedBoard;
  let healthy: CreatedBoard;
  let server: GrarecoServer;
  let recorder: TestClient;

  beforeAll(async () => {
    let boards: CreatedBoard[];
    ({ dataDir, boards } = await storeWithBoards([600, 600, 20]));
    [inUse, idle, healthy] = boards as [CreatedBoard, CreatedBoard, CreatedBoard];
    file = join(dataDir, 'grareco.sqlite');
    server = await startSqliteServer(dataDir);
    recorder = await connectClient(server.url, inUse.id, keyOf(inUse.links.draw));
    // Damage appears under the running server, as a failing disk would make it.
    overwritePage(file, leafPageOf(file, inUse.id, 'ops'));
    overwritePage(file, leafPageOf(file, idle.id, 'objects'));
    pokeFromOutside(file);
  }, 90_000);
  afterAll(async () => {
    recorder.close();
    await server.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('a board in use: once a read finds its pages damaged, every write to it is refused with store_damaged', async () => {
    const viewer = await connectClient(server.url, inUse.id, keyOf(inUse.links.view));
    // A viewer catching up from the start reads the damaged log pages.
    expect(await viewer.sync(0)).toEqual({ ok: false, reason: 'store_damaged' });
    // The recorder's next op would land on a sound page at the end of the log: refused anyway,
    // and not acknowledged, so the tablet keeps it.
    expect(await recorder.send(addOp(makeStroke(1, 1, 8, 'after-damage')))).toEqual({
      ok: false,
      reason: 'store_damaged',
    });
    const settings = await fetch(`${server.url}/api/boards/${inUse.id}`, {
      method: 'PATCH',
      headers: { ...ADMIN, 'content-type': 'application/json' },
      body: JSON.stringify({ title: 'renamed' }),
    });
    expect(settings.status).toBe(503);
    expect(await settings.json()).toEqual({ error: 'store_damaged' });
    viewer.close();
  });

  it('a board nobody had open: joining and reading it answer store_damaged', async () => {
    const auth = { clientId: 'c1', protocol: PROTOCOL_VERSION, boardId: idle.id };
    expect(await connectRefusal(server.url, { ...auth, key: keyOf(idle.links.draw) })).toBe('store_damaged');
    expect(await connectRefusal(server.url, { ...auth, key: keyOf(idle.links.view) })).toBe('store_damaged');
    const doc = await fetch(`${server.url}/api/boards/${idle.id}?key=${keyOf(idle.links.view)}`);
    expect(doc.status).toBe(503);
    expect(await doc.json()).toEqual({ error: 'store_damaged' });
  });

  it('goes on serving the other board: draws are acknowledged and seen', async () => {
    const other = await connectClient(server.url, healthy.id, keyOf(healthy.links.draw));
    const viewer = await connectClient(server.url, healthy.id, keyOf(healthy.links.view));
    expect(await other.send(addOp(makeStroke(5, 5, 8, 'still-live')))).toMatchObject({ ok: true });
    await waitUntil(() => viewer.ops.length === 1, 5000, 'the viewer sees the stroke');
    const doc = await getBoardDoc(server.url, healthy.id, keyOf(healthy.links.view));
    expect(doc.body.objects.map((o) => o.id)).toContain('still-live');
    expect(doc.body.objects).toHaveLength(21);
    other.close();
    viewer.close();
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
  });

  it('takes no backup of a damaged store, so the good copies stay', async () => {
    const res = await fetch(`${server.url}/api/admin/backups`, { method: 'POST', headers: ADMIN });
    expect(res.status).toBe(503);
    expect(await res.json()).toEqual({ error: 'store_damaged' });
    expect(existsSync(join(dataDir, 'backups'))).toBe(false);
  });
});
