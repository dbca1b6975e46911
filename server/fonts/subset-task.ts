import type { FontWeight } from './board-text';

/** One face to cut, as sent to the subset process. */
export interface SubsetFaceTask {
  weight: FontWeight;
  codePoints: number[];
}

export interface SubsetTask {
  faces: SubsetFaceTask[];
}

/** The subset process's one answer. */
export type SubsetReply =
  | { type: 'subsets'; faces: { woff2: Uint8Array; codePoints: number[] }[] }
  | { type: 'failed'; message: string };

export function isSubsetReply(message: unknown): message is SubsetReply {
  const type = (message as { type?: unknown } | null)?.type;
  return type === 'subsets' || type === 'failed';
}
