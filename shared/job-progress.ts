/**
 * Long work on the server (a print-size PNG, a PDF, an archive import) reports where it is:
 * a phase and real counts from the work itself. Shared so the console can name each phase.
 */
export const JOB_PHASES = {
  /** Waiting for the export thread: exports run one at a time. */
  queued: 'queued',
  /** Board records turned into drawing primitives (counts objects). */
  scene: 'scene',
  /** The renderer reading the drawing (one step). */
  parse: 'parse',
  /** Pixel rows drawn and compressed (counts rows). */
  render: 'render',
  /** The file written out (counts chunks or one step). */
  encode: 'encode',
  /** An archive's log replayed from an empty board (counts ops). */
  replay: 'replay',
  /** An archive's images checked against their hashes and content (counts images). */
  assets: 'assets',
  /** The imported board written to the store (one step). */
  store: 'store',
} as const;
export type JobPhase = (typeof JOB_PHASES)[keyof typeof JOB_PHASES];

export const JOB_STATES = {
  running: 'running',
  done: 'done',
  failed: 'failed',
  cancelled: 'cancelled',
} as const;
export type JobState = (typeof JOB_STATES)[keyof typeof JOB_STATES];

export interface JobProgress {
  phase: JobPhase;
  done: number;
  total: number;
}

/** What GET …/export-jobs/:jobId answers. */
export interface JobView extends JobProgress {
  id: string;
  kind: JobKind;
  state: JobState;
  /** The whole job in 0…1 (phases joined by weight; counts inside a phase are real). */
  progress: number;
  /** A reject reason (`export_failed`, …) when the job failed. */
  error?: string;
  /** Why it failed, for the log and the curious: crashed / out_of_memory / timed_out … */
  detail?: string;
  /** Images drawn as placeholders because they could not be decoded or were missing. */
  placeholders?: number;
  /** The finished file's size in bytes. */
  bytes?: number;
}

/**
 * The share of each phase in the whole, from timings of a 5,000-stroke board on two cores
 * (scene 0.5 s, parse 0.4 s, render and compress 1.5 s, write 0.05 s): the counts inside a
 * phase are exact, these only join the phases into one bar.
 */
const WEIGHTS: Readonly<Partial<Record<JobPhase, number>>> = {
  scene: 0.2,
  parse: 0.15,
  render: 0.6,
  encode: 0.05,
  replay: 0.6,
  assets: 0.3,
  store: 0.1,
};

/** Which phases a kind of work goes through, in order. */
export const JOB_PLANS = {
  png: ['queued', 'scene', 'parse', 'render', 'encode'],
  pdf: ['queued', 'scene', 'encode'],
  svg: ['queued', 'scene'],
  import: ['queued', 'replay', 'assets', 'store'],
  /** The SVG's records, the PNG's rows, then the files written into the zip. */
  publish: ['queued', 'scene', 'render', 'encode'],
} as const satisfies Record<string, readonly JobPhase[]>;
export type JobKind = keyof typeof JOB_PLANS;

/** The whole job's progress in 0…1: finished phases by weight, the current one by its count. */
export function overallProgress(kind: JobKind, p: JobProgress): number {
  const plan: readonly JobPhase[] = JOB_PLANS[kind];
  const index = plan.indexOf(p.phase);
  if (index < 0) return 0;
  const weight = (phase: JobPhase) => WEIGHTS[phase] ?? 0;
  const all = plan.reduce((sum, phase) => sum + weight(phase), 0);
  if (all <= 0) return 0;
  const before = plan.slice(0, index).reduce((sum, phase) => sum + weight(phase), 0);
  const part = p.total > 0 ? Math.min(1, Math.max(0, p.done / p.total)) : 0;
  return Math.min(1, (before + weight(p.phase) * part) / all);
}
