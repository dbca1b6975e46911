import express, { Router } from 'express';
import { LIMITS } from '../../shared/limits';
import { ROLES } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import type { BoardService } from '../boards/board-service';
import { boardAccess } from './board-access';
import { boardLinks } from './board-links';
import { publicBase, requestKey } from './request-key';

/** Whole-board archives: one file out of one server, into another, as a new board. */
export function archiveRoutes(boards: BoardService, publicUrl: string | undefined): Router {
  const router = Router();

  router.get('/boards/:id/export.grareco', async (req, res) => {
    const access = await boardAccess(boards, req, res);
    if (!access) return;
    if (access.role !== ROLES.organiser) {
      res.status(403).json({ error: REJECT.forbidden });
      return;
    }
    const archive = await boards.exportArchive(access.board.meta.id);
    res.set({
      'Content-Type': 'application/json',
      'Content-Disposition': `attachment; filename="board-${access.board.meta.id}.grareco"`,
    });
    res.send(JSON.stringify(archive));
  });

  // The time-lapse: the board's whole log with its timestamps, replayed in the browser.
  router.get('/boards/:id/log', async (req, res) => {
    const access = await boardAccess(boards, req, res);
    if (!access) return;
    if (access.role !== ROLES.organiser) {
      res.status(403).json({ error: REJECT.forbidden });
      return;
    }
    const archive = await boards.exportArchive(access.board.meta.id);
    if (!archive) {
      res.status(404).json({ error: REJECT.unknownBoard });
      return;
    }
    res.set('Cache-Control', 'no-store').json({ meta: archive.meta, ops: archive.ops });
  });

  router.post(
    '/boards/import',
    (req, res, next) => {
      const key = requestKey(req);
      if (key && boards.isAdmin(key)) return next();
      res.status(401).json({ error: REJECT.badKey });
    },
    express.raw({ type: () => true, limit: LIMITS.archiveBytes }),
    async (req, res) => {
      const body: unknown = req.body;
      if (!Buffer.isBuffer(body)) {
        res.status(400).json({ error: REJECT.invalidArchive });
        return;
      }
      const imported = await boards.importArchive(body);
      if (!imported.ok) {
        res.status(422).json({ error: imported.reason, detail: imported.detail });
        return;
      }
      const { board, keys } = imported.value;
      res.status(201).json({
        id: board.meta.id,
        title: board.meta.title,
        seq: board.seq,
        links: boardLinks(publicBase(req, publicUrl), board.meta.id, keys),
      });
    },
  );

  return router;
}
