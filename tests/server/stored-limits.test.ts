import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Archive } from '../../shared/archive';
import { newId } from '../../shared/ids';
import { LIMITS } from '../../shared/limits';
import type { Stroke } from '../../shared/objects/stroke';
import type { CommittedOp, Op } from '../../shared/ops';
import { REJECT } from '../../shared/reject-reasons';
import { createSqliteStore } from '../../server/store/sqlite-store';
import { addOp, makeText } from '../helpers/fixtures';
import { connectClient, createBoard, getBoardDoc, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

/**
 * A board stored under looser limits than today's (as if LIMITS were tightened after the
 * event): its records go straight into the SQLite file, past every validator, and a fresh
 * server must still open, export and replay it, while new input is held to today's limits.
 */
type Server = Awaited<ReturnType<typeof startTestServer>>;
const admin = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };

const longText = 'つながる支援。'.repeat(Math.ceil((LIMITS.textLength + 500) / 7));
const longTitle = '第21回地域福祉セミナー'.repeat(Math.ceil((LIMITS.titleMaxLength + 50) / 12));

/** More points than a stroke may have today, all on the board. */
function longStroke(id: string, n = LIMITS.pointsPerStroke + 50): Stroke {
  const points: Stroke['points'] = [];
  for (let i = 0; i < n; i++) points.push([100 + (i % 1000) * 3, 300 + Math.floor(i / 1000) * 40, 0.5]);
  return {
    id,
    type: 'stroke',
    tool: 'pen',
    color: '#d9480f',
    size: 10,
    opacity: 1,
    simulatePressure: true,
    points,
  };
}

describe('a board stored under looser limits', () => {
  let dataDir: string;
  let server: Server;
  let board: CreatedBoard;
  const old = { text: makeText('old-text', longText), stroke: longStroke('old-stroke') };

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'grareco-stored-'));
    // The board itself (keys, links) is made the ordinary way, then the server goes away.
    const first = await startTestServer('sqlite', { dataDir });
    board = await createBoard(first.url, TEST_ADMIN_TOKEN, 'セミナー');
    await first.stop();

    const store = createSqliteStore(dataDir);
    try {
      const stored = await store.getBoard(board.id);
      if (!stored) throw new Error('board not stored');
      await store.updateBoard({ ...stored, meta: { ...stored.meta, title: longTitle } });
      let seq = stored.seq;
      const commit = async (op: Op, changes: Parameters<typeof store.commit>[0]['changes']) => {
        seq += 1;
        const committed: CommittedOp = { seq, at: 1_700_000_000_000 + seq, actor: 'old-recorder', op };
        await store.commit({ boardId: board.id, committed, changes });
      };
      await commit(addOp(old.text, old.stroke), { added: [old.text, old.stroke], removed: [] });
      // A patch that set an over-limit value, as the log of that day holds it.
      const edited = { ...old.text, text: `${longText}!` };
      await commit(
        { id: newId(), kind: 'patch', patches: [{ id: old.text.id, set: { text: edited.text } }] },
        { added: [], removed: [], updated: [edited] },
      );
      old.text = edited;
    } finally {
      await store.close();
    }
    server = await startTestServer('sqlite', { dataDir });
  });
  afterAll(async () => {
    await server?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('opens: the snapshot and a socket join hold the over-limit records', async () => {
    const doc = await getBoardDoc(server.url, board.id, keyOf(board.links.view));
    expect(doc.status).toBe(200);
    const objects = doc.body.objects as unknown as [typeof old.text, typeof old.stroke];
    expect(objects.map((o) => o.id)).toEqual([old.text.id, old.stroke.id]);
    expect(objects[0].text.length).toBeGreaterThan(LIMITS.textLength);
    expect(objects[1].points.length).toBeGreaterThan(LIMITS.pointsPerStroke);

    const viewer = await connectClient(server.url, board.id, keyOf(board.links.view));
    try {
      expect(viewer.welcome.seq).toBe(doc.body.seq);
      expect(viewer.welcome.meta.title).toBe(longTitle);
      const reply = await viewer.sync(0);
      expect(reply.ok && reply.ops.map((c) => c.op.kind)).toEqual(['add', 'patch']);
    } finally {
      viewer.close();
    }
  });

  it('replays: the time-lapse log serves the whole history', async () => {
    const res = await fetch(`${server.url}/api/boards/${board.id}/log`, { headers: admin });
    expect(res.status).toBe(200);
    const log = (await res.json()) as { ops: CommittedOp[] };
    const first = log.ops[0]?.op;
    expect(first?.kind === 'add' && first.objects.map((o) => o.id)).toEqual([old.text.id, old.stroke.id]);
    const patch = log.ops[1]?.op;
    expect(patch?.kind === 'patch' && patch.patches[0]?.set.text).toBe(old.text.text);
  });

  it('exports: PDF and SVG', async () => {
    const pdf = await fetch(`${server.url}/api/boards/${board.id}/export.pdf`, { headers: admin });
    expect(pdf.status).toBe(200);
    expect(
      Buffer.from(await pdf.arrayBuffer())
        .subarray(0, 5)
        .toString('latin1'),
    ).toBe('%PDF-');
    const svg = await fetch(`${server.url}/api/boards/${board.id}/export.svg`, { headers: admin });
    expect(svg.status).toBe(200);
    expect(await svg.text()).toContain('つながる支援');
  });

  it('moves through an archive: exported and imported again whole', async () => {
    const res = await fetch(`${server.url}/api/boards/${board.id}/export.grareco`, { headers: admin });
    const archive = (await res.json()) as Archive;
    const imported = await fetch(`${server.url}/api/boards/import`, {
      method: 'POST',
      headers: admin,
      body: JSON.stringify(archive),
    });
    expect(imported.status).toBe(201);
    const copy = (await imported.json()) as CreatedBoard;
    const doc = await getBoardDoc(server.url, copy.id, keyOf(copy.links.view));
    expect(doc.body.objects).toEqual([old.text, old.stroke]);
  });

  it('still refuses new input over the limits, and edits the old records within them', async () => {
    const recorder = await connectClient(server.url, board.id, keyOf(board.links.draw));
    try {
      expect(await recorder.send(addOp(makeText('new-text', longText)))).toMatchObject({
        ok: false,
        reason: REJECT.textTooLong,
      });
      expect(await recorder.send(addOp(longStroke('new-stroke')))).toMatchObject({
        ok: false,
        reason: REJECT.tooManyPoints,
      });
      const setText = { id: newId(), kind: 'patch', patches: [{ id: old.text.id, set: { text: longText } }] };
      expect(await recorder.send(setText as Op)).toMatchObject({ ok: false, reason: REJECT.textTooLong });
      // Moving or recolouring an old record is new input only in what it sets.
      const move: Op = {
        id: newId(),
        kind: 'patch',
        patches: [
          { id: old.text.id, set: { transform: [1, 0, 0, 1, 400, 400] } },
          { id: old.stroke.id, set: { color: '#1c7ed6' } },
        ],
      };
      expect(await recorder.send(move)).toMatchObject({ ok: true });
      expect(await recorder.send(addOp(makeText('ok-text', '新しい文字')))).toMatchObject({ ok: true });
    } finally {
      recorder.close();
    }
  });
});
