import express, { Router } from 'express';
import { z } from '../../shared/zod';
import { LIMITS } from '../../shared/limits';
import { REJECT } from '../../shared/reject-reasons';
import type { BoardService } from '../boards/board-service';
import { boardAccess, writerAccess } from './board-access';
import { imageReadWhole } from './image-read-whole';
import { tarpit } from './tarpit';
import { uploadRateLimit } from './upload-rate-limit';
import { validBody } from './valid-body';

const ASSET_ID = /^[0-9a-f]{64}$/;
/** No body at all (express.raw reads any other) is no image either. */
const imageBytes = validBody(z.instanceof(Buffer, { message: REJECT.unsupportedImage }));

/** Images for a board: uploaded by a writer, read by anyone holding one of the board's keys. */
export function assetsRoutes(boards: BoardService): Router {
  const router = Router();
  // Any content type is read as bytes: the bytes decide what the file is, not the header.
  const raw = express.raw({ type: () => true, limit: LIMITS.imageBytes });

  const uploadLimit = uploadRateLimit();
  const refuseLater = tarpit();
  const accessOf = new WeakMap<object, NonNullable<Awaited<ReturnType<typeof writerAccess>>>>();

  router.post(
    '/boards/:id/assets',
    // Key and rate first: a refused upload is never read into memory.
    async (req, res, next) => {
      const access = await writerAccess(boards, req, res);
      if (!access) return;
      if (!uploadLimit(req, access.board.meta.id)) {
        refuseLater(res);
        return;
      }
      accessOf.set(req, access);
      next();
    },
    raw,
    async (req, res) => {
      const access = accessOf.get(req);
      if (!access) return;
      const body = imageBytes(req.body, res);
      if (!body) return;
      const whole = await imageReadWhole(body, res);
      if (!whole) return;
      const added = await boards.assets.add(access.board.meta.id, body);
      if (!added.ok) {
        // board_full: the board's upload quota is used up (413 too: this upload does not fit).
        const tooBig = added.reason === REJECT.tooLarge || added.reason === REJECT.boardFull;
        const status = tooBig ? 413 : added.reason === REJECT.boardLocked ? 409 : 415;
        res.status(status).json({ error: added.reason, detail: added.detail });
        return;
      }
      res
        .status(201)
        .json({ ...added.value, url: `/api/boards/${access.board.meta.id}/assets/${added.value.id}` });
    },
  );

  router.get('/boards/:id/assets/:assetId', async (req, res) => {
    const access = await boardAccess(boards, req, res);
    if (!access) return;
    const assetId = req.params['assetId'] ?? '';
    const asset = ASSET_ID.test(assetId) ? await boards.assets.get(access.board.meta.id, assetId) : undefined;
    if (!asset) {
      res.status(404).json({ error: REJECT.unknownAsset });
      return;
    }
    res.set({
      'Content-Type': asset.mime,
      // Content-addressed: the bytes behind an id never change. Private: the URL carries a key.
      'Cache-Control': 'private, max-age=31536000, immutable',
      ETag: `"${asset.id}"`,
      'X-Content-Type-Options': 'nosniff',
      'Content-Security-Policy': "default-src 'none'; sandbox",
    });
    if (req.get('if-none-match') === `"${asset.id}"`) {
      res.status(304).end();
      return;
    }
    res.send(asset.bytes);
  });

  return router;
}
