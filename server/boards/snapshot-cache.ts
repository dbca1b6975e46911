import { promisify } from 'node:util';
import { gzip } from 'node:zlib';
import type { BoardMeta } from '../../shared/board';
import { canWrite, type Role } from '../../shared/protocol';
import type { StoredBoard } from '../store/store';
import { audienceMeta } from './audience-meta';
import type { BoardWriter } from './board-writer';

/**
 * Snapshots kept encoded at most, one per board and role, the least recently asked for dropped
 * first: each is a whole board as JSON (a few MB for a full one), so this bounds their memory.
 */
export const SNAPSHOTS_KEPT = 16;

interface Entry {
  /** The board's seq and meta the snapshot was asked at. */
  version: string;
  json: Promise<string | undefined>;
  /** The same JSON gzipped, made the first time a client that takes gzip asks. */
  gzip?: Promise<Buffer | undefined>;
}

const gzipAsync = promisify(gzip);
/** zlib's default: most of the size win (a board's numbers shrink to about a third) for little CPU. */
const GZIP_LEVEL = 6;

/** A meta object is encoded once for its key, however often the same object is asked about. */
const metaKeys = new WeakMap<BoardMeta, string>();

function metaKey(meta: BoardMeta): string {
  let key = metaKeys.get(meta);
  if (key === undefined) {
    key = JSON.stringify(meta);
    metaKeys.set(meta, key);
  }
  return key;
}

/**
 * The snapshot (`GET /api/boards/:id`) as JSON text, encoded once per board, role, seq and
 * meta and sent as the same string to every request that asks meanwhile, concurrent ones
 * included: a hall loading the board at once costs one encode, not one per seat. The objects
 * come from the writer's cache, validated when they were committed.
 */
export class SnapshotCache {
  readonly #writer: BoardWriter;
  readonly #entries = new Map<string, Entry>();
  /** How many snapshots were encoded: for tests and the benchmark. */
  encodes = 0;

  constructor(writer: BoardWriter) {
    this.#writer = writer;
  }

  /**
   * `board` is the board as the request's key check just read it: the snapshot sent is at
   * least that fresh. Undefined when the board is gone.
   */
  json(board: StoredBoard, role: Role): Promise<string | undefined> {
    return this.#entry(board, role).json;
  }

  /**
   * The same snapshot gzipped, compressed once per entry on libuv's pool (never on the event
   * loop) and shared like the JSON: 250 phones on the hall's Wi-Fi each fetch a third of it.
   */
  gzip(board: StoredBoard, role: Role): Promise<Buffer | undefined> {
    const entry = this.#entry(board, role);
    entry.gzip ??= entry.json.then((text) =>
      text === undefined ? undefined : gzipAsync(text, { level: GZIP_LEVEL }),
    );
    return entry.gzip;
  }

  #entry(board: StoredBoard, role: Role): Entry {
    const id = board.meta.id;
    const slot = `${id}\n${role}`;
    const version = `${board.seq}\n${metaKey(board.meta)}`;
    const hit = this.#entries.get(slot);
    this.#entries.delete(slot);
    if (hit?.version === version) {
      this.#entries.set(slot, hit);
      return hit;
    }
    const json = this.#encode(id, role);
    const entry: Entry = { version, json };
    this.#entries.set(slot, entry);
    json.then(
      (text) => {
        if (text === undefined && this.#entries.get(slot) === entry) this.#entries.delete(slot);
      },
      () => {
        if (this.#entries.get(slot) === entry) this.#entries.delete(slot);
      },
    );
    while (this.#entries.size > SNAPSHOTS_KEPT) {
      const oldest = this.#entries.keys().next().value;
      if (oldest === undefined) break;
      this.#entries.delete(oldest);
    }
    return entry;
  }

  async #encode(id: string, role: Role): Promise<string | undefined> {
    const doc = await this.#writer.document(id);
    if (!doc) return undefined;
    this.encodes++;
    // Behind the cover a viewer gets the meta (for the cover screen) and nothing of the board.
    const hidden = !doc.meta.revealed && !canWrite(role);
    const seen = canWrite(role) ? doc : { ...doc, meta: audienceMeta(doc.meta) };
    const body = hidden ? { ...seen, seq: 0, objects: [], hidden: true } : seen;
    return JSON.stringify({ ...body, role });
  }
}
