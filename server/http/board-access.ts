import type { Request, Response } from 'express';
import { isId } from '../../shared/ids';
import { canWrite, type Role } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import type { BoardService } from '../boards/board-service';
import type { StoredBoard } from '../store/store';
import { requestKey } from './request-key';

/**
 * Resolves `:id` and the presented key to a board and a role, or answers the error itself
 * (401 no key, 404 unknown board, 403 wrong key) and returns undefined.
 */
export async function boardAccess(
  boards: BoardService,
  req: Request,
  res: Response,
): Promise<{ board: StoredBoard; role: Role } | undefined> {
  const id = req.params['id'];
  const key = requestKey(req);
  if (!key) {
    res.status(401).json({ error: REJECT.badKey });
    return undefined;
  }
  const board = isId(id) ? await boards.writer.find(id) : undefined;
  if (!board) {
    res.status(404).json({ error: REJECT.unknownBoard });
    return undefined;
  }
  const role = boards.access.roleFor(board, key);
  if (!role) {
    res.status(403).json({ error: REJECT.badKey });
    return undefined;
  }
  return { board, role };
}

/** As `boardAccess`, for requests that change the board: a view key is answered 403 forbidden. */
export async function writerAccess(
  boards: BoardService,
  req: Request,
  res: Response,
): Promise<{ board: StoredBoard; role: Role } | undefined> {
  const access = await boardAccess(boards, req, res);
  if (!access) return undefined;
  if (!canWrite(access.role)) {
    res.status(403).json({ error: REJECT.forbidden });
    return undefined;
  }
  return access;
}
