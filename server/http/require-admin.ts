import type { NextFunction, Request, RequestHandler, Response } from 'express';
import { REJECT } from '../../shared/reject-reasons';
import type { BoardService } from '../boards/board-service';
import { requestKey } from './request-key';

/** Lets a request on only with the admin token (header or query); 401 bad_key otherwise. */
export function requireAdmin(boards: BoardService): RequestHandler {
  return (req: Request, res: Response, next: NextFunction): void => {
    const key = requestKey(req);
    if (key && boards.access.isAdmin(key)) return next();
    res.status(401).json({ error: REJECT.badKey });
  };
}
