import { Router, type Request } from 'express';
import {
  boardSettingsSchema,
  createBoardSchema,
  duplicateBoardSchema,
  revealBoardSchema,
} from '../../shared/board';
import { lockBoardSchema, ROLES, rotateKeySchema } from '../../shared/protocol';
import { isId } from '../../shared/ids';
import { REJECT } from '../../shared/reject-reasons';
import { audienceMeta } from '../boards/audience-meta';
import type { BoardService } from '../boards/board-service';
import type { Logger } from '../logger';
import type { PresenceTracker } from '../presence';
import type { BoardHub } from '../socket/hub';
import type { StoredBoard } from '../store/store';
import { boardLinks } from './board-links';
import { boardAccess, writerAccess } from './board-access';
import { multipartBody, readCreateRequest, refusalStatus } from './create-request';
import { publicBase } from './request-key';
import { validBody } from './valid-body';
import { BACKUP_REASONS } from '../store/sqlite-backups';
import { requireAdmin } from './require-admin';
import { snapshotRateLimit } from './snapshot-rate-limit';
import { tarpit } from './tarpit';

const createBody = validBody(createBoardSchema);
const rotateBody = validBody(rotateKeySchema);
const lockBody = validBody(lockBoardSchema);
const settingsBody = validBody(boardSettingsSchema);
const duplicateBody = validBody(duplicateBoardSchema);
const revealBody = validBody(revealBoardSchema);

export interface BoardsRoutesDeps {
  boards: BoardService;
  presence: PresenceTracker;
  hub: BoardHub;
  publicUrl: string | undefined;
  log: Logger;
}

export function boardsRoutes({ boards, presence, hub, publicUrl, log }: BoardsRoutesDeps): Router {
  const router = Router();

  const admin = requireAdmin(boards);

  async function summary(req: Request, board: StoredBoard) {
    const { meta, seq } = board;
    return {
      lastActivity: (await boards.writer.lastActivity(meta.id)) ?? null,
      id: meta.id,
      title: meta.title,
      createdAt: meta.createdAt,
      locked: meta.locked,
      width: meta.width,
      height: meta.height,
      seq,
      // The op log's size against the board's budget: the organiser's gauge (board_full past it).
      bytes: await boards.writer.logBytes(meta.id),
      budgetBytes: boards.writer.logBudgetBytes,
      ...presence.of(meta.id),
      meta: audienceMeta(meta),
      links: boardLinks(publicBase(req, publicUrl), meta.id, boards.access.keysOf(board)),
    };
  }

  router.post('/boards', admin, multipartBody, async (req, res) => {
    const request = await readCreateRequest(req);
    if (!request.ok) {
      res.status(refusalStatus(request.reason)).json({ error: request.reason, detail: request.detail });
      return;
    }
    const input = createBody(request.value.body, res);
    if (!input) return;
    const { board } = await boards.lifecycle.create(input, request.value.logo);
    res.status(201).json(await summary(req, board));
  });

  router.get('/boards', admin, async (req, res) => {
    res.json({ boards: await Promise.all((await boards.writer.list()).map((b) => summary(req, b))) });
  });

  const snapshotLimit = snapshotRateLimit();
  const refuseLater = tarpit();
  router.get('/boards/:id', async (req, res) => {
    const access = await boardAccess(boards, req, res);
    if (!access) return;
    // The organiser's token is not limited: the console polls while it works (one holder, the
    // most trusted key); every link handed out is.
    if (access.role !== ROLES.organiser && !snapshotLimit(req, access.board.meta.id)) {
      refuseLater(res);
      return;
    }
    // Encoded (and gzipped) once per seq for everyone (snapshot-cache.ts), the cover applied
    // by role there.
    const zipped = req.acceptsEncodings('gzip') === 'gzip';
    const body = zipped
      ? await boards.snapshots.gzip(access.board, access.role)
      : await boards.snapshots.json(access.board, access.role);
    if (body === undefined) {
      res.status(404).json({ error: REJECT.unknownBoard });
      return;
    }
    res.set('Cache-Control', 'no-store').set('Vary', 'Accept-Encoding').type('application/json');
    if (zipped) res.set('Content-Encoding', 'gzip');
    res.send(body);
  });

  router.post('/boards/:id/rotate', admin, async (req, res) => {
    const id = req.params['id'];
    const input = rotateBody(req.body, res);
    if (!input) return;
    const rotated = isId(id) ? await boards.access.rotateKey(id, input.which) : undefined;
    if (!rotated) {
      res.status(404).json({ error: REJECT.unknownBoard });
      return;
    }
    // Sockets that joined with the old key go now, not at their next reconnect.
    await hub.dropRole(rotated.board.meta.id, input.which === 'edit' ? ROLES.recorder : ROLES.viewer);
    res.json(await summary(req, rotated.board));
  });

  router.post('/boards/:id/lock', admin, async (req, res) => {
    const id = req.params['id'];
    const input = lockBody(req.body, res);
    if (!input) return;
    const board = isId(id) ? await boards.writer.setLocked(id, input.locked) : undefined;
    if (!board) {
      res.status(404).json({ error: REJECT.unknownBoard });
      return;
    }
    hub.metaChanged(board.meta);
    // A board locked is a session ended: the copy most worth having, taken at once.
    if (input.locked)
      boards.backups
        ?.take(BACKUP_REASONS.locked)
        .catch((err: unknown) => log.error('store', 'backup after lock failed', err));
    res.json(await summary(req, board));
  });

  router.patch('/boards/:id', admin, async (req, res) => {
    const id = req.params['id'];
    const input = settingsBody(req.body, res);
    if (!input) return;
    const board = isId(id) ? await boards.writer.updateSettings(id, input) : undefined;
    if (!board) {
      res.status(404).json({ error: REJECT.unknownBoard });
      return;
    }
    hub.metaChanged(board.meta);
    res.json(await summary(req, board));
  });

  router.delete('/boards/:id', admin, async (req, res) => {
    const id = req.params['id'];
    if (!isId(id) || !(await boards.lifecycle.deleteBoard(id))) {
      res.status(404).json({ error: REJECT.unknownBoard });
      return;
    }
    await hub.dropBoard(id);
    res.status(204).end();
  });

  router.post('/boards/:id/duplicate', admin, async (req, res) => {
    const id = req.params['id'];
    const input = duplicateBody(req.body ?? {}, res);
    if (!input) return;
    const created = isId(id) ? await boards.lifecycle.duplicate(id, input.title) : undefined;
    if (!created) {
      res.status(404).json({ error: REJECT.unknownBoard });
      return;
    }
    res.status(201).json(await summary(req, created.board));
  });

  router.post('/boards/:id/reveal', async (req, res) => {
    const access = await writerAccess(boards, req, res);
    if (!access) return;
    const input = revealBody(req.body, res);
    if (!input) return;
    const board = await boards.writer.setRevealed(access.board.meta.id, input.revealed);
    if (!board) {
      res.status(404).json({ error: REJECT.unknownBoard });
      return;
    }
    hub.metaChanged(board.meta);
    res.json({ meta: board.meta });
  });

  return router;
}
