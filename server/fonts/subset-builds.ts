import { createHash } from 'node:crypto';
import { childEntry, runInChild, type ChildLimits } from '../jobs/child-runner';
import type { FontWeight } from './board-text';
import { isSubsetReply, type SubsetFaceTask, type SubsetReply, type SubsetTask } from './subset-task';

export interface BuiltFace {
  /** Content hash of weight and code points: the face's immutable URL. */
  hash: string;
  weight: FontWeight;
  woff2: Buffer;
  codePoints: number[];
}

export type SubsetBuilder = (task: SubsetTask) => Promise<SubsetReply>;

export interface SubsetLimits {
  /** Built faces kept in memory, least recently asked for dropped first. */
  keptBytes: number;
  /** Builds that may wait their turn; more are refused (the viewer keeps the full font). */
  waiting: number;
  child: ChildLimits;
}

/** A board's face is some 10–150 kB: this keeps a few hundred, far more than one event needs. */
export const DEFAULT_SUBSET_LIMITS: SubsetLimits = {
  keptBytes: 32 * 1024 * 1024,
  waiting: 4,
  child: { memoryMb: 256, timeoutMs: 30_000 },
};

/** Boards whose last faces are remembered (to serve while their next ones are built). */
const SLOTS_KEPT = 256;

const ENTRY = childEntry(import.meta.url, 'subset-child');

export function faceHash(face: SubsetFaceTask): string {
  return createHash('sha256')
    .update(`${face.weight}:${face.codePoints.join(',')}`)
    .digest('hex')
    .slice(0, 32);
}

function inChild(limits: ChildLimits): SubsetBuilder {
  return (task) => runInChild({ entry: ENTRY, task, limits, isAnswer: isSubsetReply });
}

/**
 * Each board's own web fonts, cut from its text in a child process, one build at a time, and
 * kept by content: a hall loading the board at once costs one build, and the same text asked
 * again (another board, a reload) none. While the text has grown since the last build, the
 * last faces are served at once and the new ones built behind: the characters they lack come
 * from the full font's slices, as the client's @font-face stack falls back to them.
 */
export class FontSubsets {
  readonly #limits: SubsetLimits;
  readonly #build: SubsetBuilder;
  readonly #built = new Map<string, BuiltFace>();
  #bytes = 0;
  readonly #pending = new Map<string, Promise<void>>();
  /** Per board (and audience), the hashes of the faces last answered. */
  readonly #latest = new Map<string, string[]>();
  #turn: Promise<unknown> = Promise.resolve();
  #waiting = 0;
  /** Builds run: for tests and the benchmark. */
  builds = 0;

  constructor(opts: { limits?: Partial<SubsetLimits>; build?: SubsetBuilder } = {}) {
    this.#limits = { ...DEFAULT_SUBSET_LIMITS, ...opts.limits };
    this.#build = opts.build ?? inChild(this.#limits.child);
  }

  /** A built face by its hash, or undefined (never built, or dropped since). */
  face(hash: string): BuiltFace | undefined {
    const hit = this.#built.get(hash);
    if (hit) {
      this.#built.delete(hash);
      this.#built.set(hash, hit);
    }
    return hit;
  }

  /**
   * The faces for `slot` (a board and who looks at it) drawing `wanted`: the exact ones when
   * built; else the slot's last ones while these are built; else these once built, waiting at
   * most `waitMs`. Faces without a code point are left out.
   */
  async faces(slot: string, wanted: readonly SubsetFaceTask[], waitMs: number): Promise<BuiltFace[]> {
    const faces = wanted.filter((f) => f.codePoints.length > 0).map((f) => ({ ...f, hash: faceHash(f) }));
    const missing = faces.filter((f) => !this.#built.has(f.hash));
    if (missing.length > 0) {
      const job = this.#start(missing);
      const last = this.#latest.get(slot)?.map((h) => this.face(h));
      if (last && last.every((f) => f !== undefined)) return last;
      let timer: NodeJS.Timeout | undefined;
      await Promise.race([job, new Promise((r) => (timer = setTimeout(r, waitMs)))]);
      clearTimeout(timer);
    }
    const ready = faces.flatMap((f) => this.face(f.hash) ?? []);
    if (ready.length === faces.length) this.#remember(slot, ready);
    return ready;
  }

  #remember(slot: string, faces: BuiltFace[]): void {
    this.#latest.delete(slot);
    this.#latest.set(
      slot,
      faces.map((f) => f.hash),
    );
    const oldest = this.#latest.keys().next().value;
    if (this.#latest.size > SLOTS_KEPT && oldest !== undefined) this.#latest.delete(oldest);
  }

  #start(missing: (SubsetFaceTask & { hash: string })[]): Promise<void> {
    const key = missing.map((f) => f.hash).join('+');
    const running = this.#pending.get(key);
    if (running) return running;
    if (this.#waiting >= this.#limits.waiting) return Promise.resolve();
    this.#waiting++;
    const job = this.#turn
      .then(() => this.#run(missing))
      .catch(() => {
        // A failed build leaves the full font in use; the next request tries again.
      })
      .finally(() => {
        this.#waiting--;
        this.#pending.delete(key);
      });
    this.#turn = job;
    this.#pending.set(key, job);
    return job;
  }

  async #run(missing: (SubsetFaceTask & { hash: string })[]): Promise<void> {
    this.builds++;
    const reply = await this.#build({
      faces: missing.map(({ weight, codePoints }) => ({ weight, codePoints })),
    });
    if (reply.type === 'failed') throw new Error(reply.message);
    reply.faces.forEach((out, i) => {
      const asked = missing[i];
      if (!asked) return;
      const woff2 = Buffer.from(out.woff2.buffer, out.woff2.byteOffset, out.woff2.byteLength);
      this.#keep({ hash: asked.hash, weight: asked.weight, woff2, codePoints: out.codePoints });
    });
  }

  #keep(face: BuiltFace): void {
    this.#built.set(face.hash, face);
    this.#bytes += face.woff2.byteLength;
    for (const [hash, old] of this.#built) {
      if (this.#bytes <= this.#limits.keptBytes || hash === face.hash) break;
      this.#built.delete(hash);
      this.#bytes -= old.woff2.byteLength;
    }
  }
}
