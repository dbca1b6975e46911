import type { BoardMeta } from '../../shared/board';

/**
 * The meta as viewers and the console's list get it: without the board's saved stamps, which
 * only recorders use and which would multiply a hall's join traffic for nothing.
 */
export function audienceMeta(meta: BoardMeta): BoardMeta {
  return meta.stamps.length === 0 ? meta : { ...meta, stamps: [] };
}
