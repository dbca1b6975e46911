import type { BoardDocument } from '../../shared/board';
import type { JobProgress } from '../../shared/job-progress';
import type { Result } from '../../shared/result';
import type { StagedBoard } from '../store/staged-import';
import type { ExportNotice } from './asset-images';
import type { PdfOptions } from './pdf-options';
import type { PngSize } from './png-export';

type Images = Map<string, { mime: string; bytes: Uint8Array }>;

/** One export, as sent to the export worker thread. */
export type ExportJob =
  | { kind: 'pdf'; doc: BoardDocument; options: PdfOptions; images: Images }
  | { kind: 'png'; doc: BoardDocument; size: PngSize; images: Images }
  | { kind: 'svg'; doc: BoardDocument; images: Images }
  /** The publish bundle (zip); video: the organiser's time-lapse MP4, checked on upload. */
  | { kind: 'publish'; doc: BoardDocument; options: PdfOptions; images: Images; video?: Uint8Array };

/**
 * An archive checked whole (parse, replay, images) in the export process, which then writes
 * its rows to `stageFile` for the store to copy: the serving process never holds the log.
 */
export interface RestoreTask {
  kind: 'restore';
  bytes: Uint8Array;
  stageFile: string;
}

export type WorkerTask = ExportJob | RestoreTask;

/** What the worker posts back: progress while it works, then exactly one answer. */
export type WorkerMessage =
  | ({ type: 'progress' } & JobProgress)
  /** notices: what was drawn otherwise (an image as a placeholder); the job reports them. */
  | { type: 'bytes'; bytes: Uint8Array; notices?: ExportNotice[] }
  | { type: 'restored'; result: Result<StagedBoard> }
  | { type: 'failed'; message: string };
