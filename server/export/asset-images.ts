import type { BoardObject } from '../../shared/objects/board-object';
import type { ImageProblem } from './image-check';

export interface ImageBytes {
  mime: string;
  bytes: Buffer;
}

/** Something an export could not draw as it is, told to the job (the file is still made). */
export interface ExportNotice {
  kind: 'image_placeholder';
  /** The image record drawn as a placeholder, and its asset. */
  objectId: string;
  assetId: string;
  reason: ImageProblem;
}
export type NoticeListener = (notice: ExportNotice) => void;

/** Looks up an asset of the board being exported. */
export type AssetLoader = (assetId: string) => Promise<ImageBytes | undefined>;

/** Every image the board shows, loaded once before drawing; missing ones are left out. */
export async function loadBoardImages(
  objects: readonly BoardObject[],
  load: AssetLoader,
): Promise<Map<string, ImageBytes>> {
  const ids = new Set(objects.flatMap((o) => (o.type === 'image' ? [o.assetId] : [])));
  const images = new Map<string, ImageBytes>();
  for (const id of ids) {
    const image = await load(id);
    if (image) images.set(id, image);
  }
  return images;
}

export function dataUri(image: ImageBytes): string {
  return `data:${image.mime};base64,${image.bytes.toString('base64')}`;
}
