import express, { Router } from 'express';
import { z } from '../../shared/zod';
import { LIMITS } from '../../shared/limits';
import { ROLES } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import type { BoardService } from '../boards/board-service';
import { boardAccess } from './board-access';
import { attachmentName } from './export-request';
import { importedBoard, importWithProgress } from './import-progress';
import { publicBase } from './request-key';
import { validBody } from './valid-body';
import { requireAdmin } from './require-admin';

/** No body at all (express.raw reads any other) is no archive either. */
const archiveBytes = validBody(z.instanceof(Buffer, { message: REJECT.invalidArchive }));

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
    const archive = await boards.lifecycle.exportArchive(access.board.meta.id);
    res.set({
      'Content-Type': 'application/json',
      'Content-Disposition': attachmentName(access.board.meta, 'archive'),
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
    const archive = await boards.lifecycle.exportArchive(access.board.meta.id);
    if (!archive) {
      res.status(404).json({ error: REJECT.unknownBoard });
      return;
    }
    res.set('Cache-Control', 'no-store').json({ meta: archive.meta, ops: archive.ops });
  });

  router.post(
    '/boards/import',
    requireAdmin(boards),
    express.raw({ type: () => true, limit: LIMITS.archiveBytes }),
    async (req, res) => {
      const body = archiveBytes(req.body, res);
      if (!body) return;
      if (req.query['progress'] === '1') {
        await importWithProgress(boards, body, req, res, publicUrl);
        return;
      }
      const imported = await boards.lifecycle.importArchive(body);
      if (!imported.ok) {
        res.status(422).json({ error: imported.reason, detail: imported.detail });
        return;
      }
      const { board, keys } = imported.value;
      res.status(201).json(importedBoard(board, keys, publicBase(req, publicUrl)));
    },
  );

  return router;
}
