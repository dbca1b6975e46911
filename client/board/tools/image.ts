import { newId } from '../../../shared/ids';
import { translation } from '../../../shared/geometry/matrix';
import { LIMITS } from '../../../shared/limits';
import type { ImageRecord } from '../../../shared/objects/image';
import type { Op } from '../../../shared/ops';
import { REJECT } from '../../../shared/reject-reasons';
import { requestJson } from '../../api/board-api';

/** What the file picker offers; the server decides by the bytes, whatever the name says. */
export const IMAGE_ACCEPT = 'image/png,image/jpeg,image/webp';
/** A new image fits in this share of the board's width and height. */
export const IMAGE_BOARD_SHARE = 1 / 3;

/** The server's answer to an upload (POST /api/boards/:id/assets). */
export interface UploadedAsset {
  id: string;
  mime: string;
  width: number;
  height: number;
  url: string;
}

/** Why an image was not added; each has its own message. */
export type ImageError = 'unsupported' | 'too_large' | 'offline' | 'locked' | 'busy' | 'failed';

export type UploadResult = { ok: true; asset: UploadedAsset } | { ok: false; error: ImageError };

/** Cheap checks before sending: an empty or an over-limit file never leaves the device. */
export function precheck(file: Blob): ImageError | null {
  if (file.size === 0) return 'unsupported';
  if (file.size > LIMITS.imageBytes) return 'too_large';
  return null;
}

/** Sends the bytes as they are; images are not queued offline (only ops are). */
export async function uploadImage(boardId: string, key: string, file: Blob): Promise<UploadResult> {
  const early = precheck(file);
  if (early) return { ok: false, error: early };
  const res = await requestJson<UploadedAsset>(`/api/boards/${encodeURIComponent(boardId)}/assets`, {
    method: 'POST',
    headers: { Authorization: `Bearer ${key}`, 'Content-Type': 'application/octet-stream' },
    body: file,
  });
  if (res.ok) return { ok: true, asset: res.value };
  if (res.status === 0) return { ok: false, error: 'offline' };
  if (res.reason === REJECT.unsupportedImage || res.status === 415)
    return { ok: false, error: 'unsupported' };
  if (res.reason === REJECT.tooLarge || res.status === 413) return { ok: false, error: 'too_large' };
  if (res.reason === REJECT.boardLocked) return { ok: false, error: 'locked' };
  if (res.reason === REJECT.rateLimited || res.status === 429) return { ok: false, error: 'busy' };
  return { ok: false, error: 'failed' };
}

/** Scales (never enlarges) w × h to fit in max × max, keeping the ratio; at least 1 unit a side. */
export function fitSize(w: number, h: number, maxW: number, maxH: number): { w: number; h: number } {
  const k = Math.min(1, maxW / w, maxH / h);
  return { w: Math.max(1, Math.round(w * k)), h: Math.max(1, Math.round(h * k)) };
}

/** Where an image of this size goes on the board, centred on a board point, kept on the board. */
export function placementRect(
  size: { width: number; height: number },
  centre: readonly [number, number],
  board: { width: number; height: number },
): { x: number; y: number; w: number; h: number } {
  const { w, h } = fitSize(
    size.width,
    size.height,
    board.width * IMAGE_BOARD_SHARE,
    board.height * IMAGE_BOARD_SHARE,
  );
  const x = Math.min(Math.max(0, Math.round(centre[0] - w / 2)), Math.max(0, board.width - w));
  const y = Math.min(Math.max(0, Math.round(centre[1] - h / 2)), Math.max(0, board.height - h));
  return { x, y, w, h };
}

/**
 * The image record for an uploaded asset: fitted within a third of the board, centred on
 * `centre` (where the recorder placed it), kept on the board.
 */
export function imageRecord(
  asset: Pick<UploadedAsset, 'id' | 'width' | 'height'>,
  centre: readonly [number, number],
  board: { width: number; height: number },
): ImageRecord {
  const { x, y, w, h } = placementRect(asset, centre, board);
  return { id: newId(), type: 'image', assetId: asset.id, w, h, transform: translation(x, y) };
}

/**
 * Whether the first bytes are a PNG, JPEG or WebP signature: the kinds the server stores. A
 * GIF or a renamed text file is refused before the placement step, not after the tap.
 */
export function acceptedSignature(head: Uint8Array): boolean {
  const ascii = (from: number, to: number): string => String.fromCharCode(...head.subarray(from, to));
  const png = head[0] === 0x89 && ascii(1, 4) === 'PNG';
  const jpeg = head[0] === 0xff && head[1] === 0xd8 && head[2] === 0xff;
  const webp = ascii(0, 4) === 'RIFF' && ascii(8, 12) === 'WEBP';
  return png || jpeg || webp;
}

/**
 * The pixel size of an image file, read on the device for the placement preview; null when
 * this browser cannot decode it (the server would refuse it too, or decide by its bytes).
 */
export async function decodedSize(file: Blob): Promise<{ width: number; height: number } | null> {
  try {
    if (!acceptedSignature(new Uint8Array(await file.slice(0, 12).arrayBuffer()))) return null;
    const bitmap = await createImageBitmap(file);
    const size = { width: bitmap.width, height: bitmap.height };
    bitmap.close();
    return size.width > 0 && size.height > 0 ? size : null;
  } catch {
    return null;
  }
}

export function addImageOp(record: ImageRecord): Op {
  return { id: newId(), kind: 'add', objects: [record] };
}

/** The board point in the middle of the view, from fabric's viewport transform and the view's size. */
export function viewCentre(vt: readonly number[], width: number, height: number): [number, number] {
  const [z = 1, , , , tx = 0, ty = 0] = vt;
  return [(width / 2 - tx) / z, (height / 2 - ty) / z];
}

/** The first image file on the clipboard of a paste, if any. */
export function pastedImage(data: DataTransfer | null): File | null {
  if (!data) return null;
  for (const item of Array.from(data.items)) {
    if (item.kind === 'file' && item.type.startsWith('image/')) {
      const file = item.getAsFile();
      if (file) return file;
    }
  }
  return null;
}
