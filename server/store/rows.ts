import type { BoardMeta } from '../../shared/board';
import { SCHEMA_VERSION } from '../../shared/migrations';
import type { BoardObject } from '../../shared/objects/board-object';
import type { Op } from '../../shared/ops';
import type { Result } from '../../shared/result';
import { readStoredMeta, readStoredObject, readStoredOp } from '../../shared/stored-records';
import type { StoredBoard } from './store';

/** A `boards` row as both SQL stores keep it: meta as JSON text, keys hashed and sealed. */
export interface BoardRow {
  id: string;
  meta: string;
  seq: number;
  edit_key_hash: string;
  view_key_hash: string;
  edit_key_sealed: string;
  view_key_sealed: string;
}

/**
 * A stored record that even the lenient stored schema refuses (not an object of a known kind,
 * a broken shape, a version this build cannot migrate): reported, never passed on as a record.
 */
export class StoredRecordError extends Error {
  constructor(what: string, reason: string, detail: string | undefined) {
    super(`stored ${what} is unreadable: ${reason}${detail ? ` at ${detail}` : ''}`);
    this.name = 'StoredRecordError';
  }
}

function unwrap<T>(what: string, result: Result<T>): T {
  if (!result.ok) throw new StoredRecordError(what, result.reason, result.detail);
  return result.value;
}

/** The boards table has no version column, so the meta JSON carries its own. */
const META_VERSION_KEY = 'schemaVersion';

export function metaJson(meta: BoardMeta): string {
  return JSON.stringify({ ...meta, [META_VERSION_KEY]: SCHEMA_VERSION });
}

/**
 * Board rows are read leniently, like ops and objects: a limit tightened since the board was
 * written (title length, palette or stamp counts) must not lock the organiser out of it. Meta
 * written before it carried a version is version 1, the only version there was.
 */
export function toBoard(row: BoardRow): StoredBoard {
  const { [META_VERSION_KEY]: version = 1, ...meta } = JSON.parse(row.meta) as Record<string, unknown>;
  return {
    meta: unwrap(`meta of board ${row.id}`, readStoredMeta(meta, Number(version))),
    seq: row.seq,
    editKeyHash: row.edit_key_hash,
    viewKeyHash: row.view_key_hash,
    editKeySealed: row.edit_key_sealed,
    viewKeySealed: row.view_key_sealed,
  };
}

/** An `objects` row: migrated from its version, then checked by the lenient stored schema. */
export function readObjectRow(json: string, version: number): BoardObject {
  return unwrap('object', readStoredObject(JSON.parse(json), version));
}

/** An `ops` row's op, the same way: write-time limits were applied when it was committed. */
export function readOpRow(json: string, version: number): Op {
  return unwrap('op', readStoredOp(JSON.parse(json), version));
}
