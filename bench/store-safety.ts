import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import type { BoardObject } from '../shared/objects/board-object';
import type { CommittedOp } from '../shared/ops';
import { createSqliteStore } from '../server/store/sqlite-store';
import { removeStagedImport, writeStagedImport } from '../server/store/staged-import';
import type { StoredBoard } from '../server/store/store';
import { BACKUP_REASONS } from '../server/store/sqlite-backups';
import { bigBoard } from './exports';
import { now } from './clock';

export interface StoreSafetyFigures {
  megabytes: number;
  /** Opening the store, quick_check included. */
  openMs: number;
  /** One online backup of the whole file. */
  backupMs: number;
  /** The worst event-loop delay while the backup ran: how long an op could wait behind it. */
  backupLoopMaxMs: number;
  /** Ops committed while the backup ran (one every 5 ms), all of them acknowledged. */
  opsDuringBackup: number;
  /** The same writer for as long with no backup: the event loop's own worst delay. */
  quietLoopMaxMs: number;
}

/** A store of `boards` boards of `strokes` strokes each, written in one import per board. */
async function fillStore(dataDir: string, boards: number, strokes: number): Promise<void> {
  const store = createSqliteStore(dataDir);
  const { doc } = bigBoard(strokes);
  for (let b = 0; b < boards; b++) {
    const id = `bench${b}`;
    const board: StoredBoard = {
      meta: { ...doc.meta, id },
      seq: doc.objects.length,
      editKeyHash: 'e'.repeat(64),
      viewKeyHash: 'v'.repeat(64),
      editKeySealed: 'x',
      viewKeySealed: 'y',
    };
    const log: CommittedOp[] = doc.objects.map((o, i) => ({
      seq: i + 1,
      at: i,
      actor: 'bench',
      op: { id: `${id}-op${i}`, kind: 'add', objects: [o] },
    }));
    const staged = writeStagedImport(join(dataDir, `${id}.stage.sqlite`), log, doc.objects, []);
    await store.importBoard(board, staged);
    removeStagedImport(staged.file);
  }
  await store.close();
}

/**
 * What the damage check and the backups cost on a store of a real event's size: the open
 * with its quick_check, and one backup taken while a recorder keeps committing.
 */
export async function storeSafety(boards = 12, strokes = 5_000): Promise<StoreSafetyFigures> {
  const dataDir = mkdtempSync(join(tmpdir(), 'grareco-bench-store-'));
  try {
    await fillStore(dataDir, boards, strokes);
    const megabytes = statSync(join(dataDir, 'grareco.sqlite')).size / (1024 * 1024);
    let t0 = now();
    const store = createSqliteStore(dataDir, { backups: { intervalMs: 3_600_000, keep: 2 } });
    const openMs = now() - t0;
    const backups = store.backups;
    if (!backups) throw new Error('no backups on the SQLite store');
    const board = await store.getBoard('bench0');
    if (!board) throw new Error('bench board missing');
    const [template] = bigBoard(1).doc.objects;
    if (!template) throw new Error('no stroke to copy');
    let seq = board.seq;
    /** A recorder committing one stroke every 5 ms for as long as `during` runs. */
    async function drawWhile(during: () => Promise<unknown>): Promise<{ ops: number; loopMaxMs: number }> {
      let ops = 0;
      let running = true;
      const delay = monitorEventLoopDelay({ resolution: 5 });
      delay.enable();
      const writer = (async () => {
        while (running) {
          seq++;
          const stroke: BoardObject = { ...template, id: `live${seq}` } as BoardObject;
          await store.commit({
            boardId: 'bench0',
            committed: {
              seq,
              at: Date.now(),
              actor: 'live',
              op: { id: `live-op${seq}`, kind: 'add', objects: [stroke] },
            },
            changes: { added: [stroke], removed: [] },
          });
          ops++;
          await new Promise((r) => setTimeout(r, 5));
        }
      })();
      await during();
      running = false;
      await writer;
      delay.disable();
      return { ops, loopMaxMs: delay.max / 1e6 };
    }
    t0 = now();
    const during = await drawWhile(() => backups.take(BACKUP_REASONS.manual));
    const backupMs = now() - t0;
    const quiet = await drawWhile(() => new Promise((r) => setTimeout(r, backupMs)));
    await store.close();
    return {
      megabytes,
      openMs,
      backupMs,
      backupLoopMaxMs: during.loopMaxMs,
      opsDuringBackup: during.ops,
      quietLoopMaxMs: quiet.loopMaxMs,
    };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}
