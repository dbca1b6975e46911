import { boardMetaSchema } from '../../shared/board';
import { migrateRecord } from '../../shared/migrations';
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

export function toBoard(row: BoardRow): StoredBoard {
  return {
    meta: boardMetaSchema.parse(JSON.parse(row.meta)),
    seq: row.seq,
    editKeyHash: row.edit_key_hash,
    viewKeyHash: row.view_key_hash,
    editKeySealed: row.edit_key_sealed,
    viewKeySealed: row.view_key_sealed,
  };
}

/** Stored JSON is re-read through the current schema after migration, so old rows come back clean. */
export function readRecord<T>(json: string, version: number, parse: (v: unknown) => T): T {
  return parse(migrateRecord(JSON.parse(json) as Record<string, unknown>, version));
}
