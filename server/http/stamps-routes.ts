import express, { Router } from 'express';
import { BOARD_STAMP_LIMITS, saveStampSchema, stampFromSelection } from '../../shared/board-stamps';
import { isId, newId } from '../../shared/ids';
import { REJECT } from '../../shared/reject-reasons';
import { fail, ok } from '../../shared/result';
import type { BoardService } from '../boards/board-service';
import type { BoardHub } from '../socket/hub';
import { writerAccess } from './board-access';
import { validBody } from './valid-body';

/** A stamp's records as selected on the board, with room for JSON around the size limit. */
const BODY_LIMIT = `${Math.ceil((BOARD_STAMP_LIMITS.bytesPerStamp * 2) / 1024)}kb`;

const stampBody = validBody(saveStampSchema);

/** The recorder saves a selection as a stamp of the board, and removes one (edit key). */
export function stampsRoutes(boards: BoardService, hub: BoardHub): Router {
  const router = Router();

  router.post('/boards/:id/stamps', express.json({ limit: BODY_LIMIT }), async (req, res) => {
    const access = await writerAccess(boards, req, res);
    if (!access) return;
    const input = stampBody(req.body, res);
    if (!input) return;
    const id = newId();
    const saved = await boards.writer.updateMetaWith(access.board.meta.id, (meta) => {
      if (meta.stamps.length >= BOARD_STAMP_LIMITS.perBoard) return fail(REJECT.tooManyObjects);
      const stamp = stampFromSelection(id, input.name, input.objects);
      return stamp.ok ? ok({ stamps: [...meta.stamps, stamp.value] }) : stamp;
    });
    if (!saved.ok) {
      const status =
        saved.reason === REJECT.unknownBoard ? 404 : saved.reason === REJECT.boardLocked ? 409 : 400;
      res.status(status).json({ error: saved.reason });
      return;
    }
    hub.metaChanged(saved.value.meta);
    const stamp = saved.value.meta.stamps.find((s) => s.id === id);
    res.status(201).json({ stamp });
  });

  router.delete('/boards/:id/stamps/:stampId', async (req, res) => {
    const access = await writerAccess(boards, req, res);
    if (!access) return;
    const stampId = req.params['stampId'];
    if (!isId(stampId)) {
      res.status(400).json({ error: REJECT.invalidId });
      return;
    }
    const saved = await boards.writer.updateMetaWith(access.board.meta.id, (meta) =>
      meta.stamps.some((s) => s.id === stampId)
        ? ok({ stamps: meta.stamps.filter((s) => s.id !== stampId) })
        : fail(REJECT.unknownObject),
    );
    if (!saved.ok) {
      const status = saved.reason === REJECT.boardLocked ? 409 : 404;
      res.status(status).json({ error: saved.reason });
      return;
    }
    hub.metaChanged(saved.value.meta);
    res.status(204).end();
  });

  return router;
}
