import { createHash } from 'node:crypto';
import { ARCHIVE_FORMAT, ARCHIVE_VERSION, archiveSchema, type Archive } from '../../shared/archive';
import type { BoardMeta } from '../../shared/board';
import { applyChanges, cleanOp, planOp } from '../../shared/board-state';
import type { JobProgress } from '../../shared/job-progress';
import { SCHEMA_VERSION } from '../../shared/migrations';
import type { BoardObject } from '../../shared/objects/board-object';
import type { CommittedOp } from '../../shared/ops';
import { REJECT } from '../../shared/reject-reasons';
import { fail, ok, type Result } from '../../shared/result';
import { readStoredMeta, readStoredOp } from '../../shared/stored-records';
import { parseWith } from '../../shared/validate';
import { checkImageWhole } from '../assets/check-image';
import type { BoardStore, StoredAsset, StoredBoard } from '../store/store';

/** Every image any op ever added: the time-lapse shows removed ones too. */
function referencedAssets(log: readonly CommittedOp[]): string[] {
  const ids = new Set<string>();
  for (const { op } of log) {
    if (op.kind !== 'add' && op.kind !== 'replace') continue;
    for (const o of op.objects) if (o.type === 'image') ids.add(o.assetId);
  }
  return [...ids];
}

export async function buildArchive(store: BoardStore, board: StoredBoard, now: number): Promise<Archive> {
  const id = board.meta.id;
  const log = await store.opsSince(id, 0, board.seq);
  const assets: Archive['assets'] = [];
  for (const assetId of referencedAssets(log)) {
    const a = await store.getAsset(id, assetId);
    if (a) {
      const { mime, width, height, createdAt } = a;
      assets.push({ id: a.id, mime, width, height, createdAt, data: a.bytes.toString('base64') });
    }
  }
  return {
    format: ARCHIVE_FORMAT,
    version: ARCHIVE_VERSION,
    schemaVersion: SCHEMA_VERSION,
    exportedAt: now,
    meta: { ...board.meta },
    ops: log.map((c) => ({ ...c, op: { ...c.op } })),
    assets,
  };
}

export interface RestoredBoard {
  meta: BoardMeta;
  log: CommittedOp[];
  objects: BoardObject[];
  assets: Omit<StoredAsset, 'boardId'>[];
}

function refuse<T>(detail: string): Result<T> {
  return fail(REJECT.invalidArchive, detail);
}

/**
 * Checks an archive all the way through before anything is written: its shape, every record
 * (after migration) against the stored schemas, the log replayed from an empty board, and
 * every image against its hash and content. onProgress counts the ops replayed and the images
 * checked (it runs on the export worker).
 *
 * An archive is a board exported earlier, perhaps by an older grareco with looser limits, so
 * its records are read like stored ones: today's structure (known kinds, enums, finite
 * numbers, hex colours, url-safe ids, ids that exist when an op names them) is enforced, the
 * policy limits of new input (text length, points per stroke, objects per op or per board)
 * are not. What bounds the import's cost is today's budget for the file itself: its bytes
 * (LIMITS.archiveBytes), its op and asset counts (shared/archive.ts), and each image's check.
 */
export function restoreArchive(bytes: Buffer, onProgress?: (p: JobProgress) => void): Result<RestoredBoard> {
  let raw: unknown;
  try {
    raw = JSON.parse(bytes.toString('utf8'));
  } catch {
    return refuse('not JSON');
  }
  const archive = parseWith(archiveSchema, raw);
  if (!archive.ok) return refuse(archive.detail ?? 'shape');
  const a = archive.value;
  if (a.schemaVersion > SCHEMA_VERSION) return fail(REJECT.archiveTooNew, String(a.schemaVersion));

  const meta = readStoredMeta(a.meta, a.schemaVersion);
  if (!meta.ok) return refuse(`meta.${meta.detail ?? ''}`);

  const objects = new Map<string, BoardObject>();
  const log: CommittedOp[] = [];
  const ops = a.ops.length;
  onProgress?.({ phase: 'replay', done: 0, total: ops });
  for (const [i, entry] of a.ops.entries()) {
    if (i % 250 === 0 && i > 0) onProgress?.({ phase: 'replay', done: i, total: ops });
    if (entry.seq !== i + 1) return refuse(`ops.${i}.seq`);
    const op = readStoredOp(entry.op, a.schemaVersion);
    if (!op.ok) return refuse(`ops.${i}.op`);
    const plan = planOp(objects, op.value, 'stored');
    if (!plan.ok) return refuse(`ops.${i}: ${plan.reason}`);
    applyChanges(objects, plan.value);
    log.push({ seq: entry.seq, at: entry.at, actor: entry.actor, op: cleanOp(op.value, plan.value) });
  }

  onProgress?.({ phase: 'replay', done: ops, total: ops });

  const assets: RestoredRecordAsset[] = [];
  const seen = new Set<string>();
  onProgress?.({ phase: 'assets', done: 0, total: a.assets.length });
  for (const [i, asset] of a.assets.entries()) {
    if (i > 0) onProgress?.({ phase: 'assets', done: i, total: a.assets.length });
    const data = Buffer.from(asset.data, 'base64');
    if (createHash('sha256').update(data).digest('hex') !== asset.id) return refuse(`assets.${i}.id`);
    const info = checkImageWhole(data);
    if (!info.ok) return refuse(`assets.${i}: ${info.reason}`);
    if (seen.has(asset.id)) continue;
    seen.add(asset.id);
    assets.push({ id: asset.id, ...info.value, createdAt: asset.createdAt, bytes: data });
  }
  for (const id of referencedAssets(log)) if (!seen.has(id)) return refuse(`missing asset ${id}`);
  onProgress?.({ phase: 'assets', done: a.assets.length, total: a.assets.length });

  return ok({ meta: meta.value, log, objects: [...objects.values()], assets });
}

type RestoredRecordAsset = Omit<StoredAsset, 'boardId'>;
