import { Router, type Response } from 'express';
import { REJECT } from '../../shared/reject-reasons';
import type { BoardService } from '../boards/board-service';
import type { Logger } from '../logger';
import { BACKUP_REASONS, type BackupInfo } from '../store/sqlite-backups';
import { StoreDamagedError } from '../store/store-damaged';
import { requireAdmin } from './require-admin';

/** What the organiser is shown of a backup: never the server's own path. */
function view(b: BackupInfo) {
  return { name: b.name, reason: b.reason, at: b.at, bytes: b.bytes };
}

/**
 * The embedded store's backups, for the organiser: the list (to see that they are being
 * taken before the show) and one taken now (before a risky change, or to hand over).
 */
export function backupsRoutes(boards: BoardService, log: Logger): Router {
  const router = Router();
  const admin = requireAdmin(boards);

  function noBackups(res: Response): void {
    // PostgreSQL and the memory store keep no files of their own to copy.
    res.status(404).json({ error: REJECT.notFound });
  }

  router.get('/admin/backups', admin, (_req, res) => {
    const backups = boards.backups;
    if (!backups) return noBackups(res);
    res.set('Cache-Control', 'no-store').json({ backups: backups.list().map(view) });
  });

  router.post('/admin/backups', admin, async (_req, res) => {
    const backups = boards.backups;
    if (!backups) return noBackups(res);
    try {
      res.status(201).json(view(await backups.take(BACKUP_REASONS.manual)));
    } catch (err) {
      if (err instanceof StoreDamagedError) {
        res.status(503).json({ error: REJECT.storeDamaged });
        return;
      }
      log.error('store', 'backup on request failed', err);
      res.status(500).json({ error: REJECT.internal });
    }
  });
  return router;
}
