import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';
import express, { type ErrorRequestHandler, type Express } from 'express';
import helmet from 'helmet';
import { REJECT } from '../../shared/reject-reasons';
import type { BoardService } from '../boards/board-service';
import type { LanOptions } from '../lan-addresses';
import type { Logger } from '../logger';
import type { PresenceTracker } from '../presence';
import type { BoardHub } from '../socket/hub';
import { addressesRoutes } from './addresses-routes';
import { archiveRoutes } from './archive-routes';
import { assetsRoutes } from './assets-routes';
import { backupsRoutes } from './backups-routes';
import { boardsRoutes } from './boards-routes';
import { compressedStatic } from './compressed-static';
import { exportRoutes } from './export-routes';
import { fontRoutes } from './font-routes';
import { stampsRoutes } from './stamps-routes';
import { StoreDamagedError } from '../store/store-damaged';

export interface AppDeps {
  boards: BoardService;
  presence: PresenceTracker;
  hub: BoardHub;
  publicUrl: string | undefined;
  /** HOST and LAN_ADDRESSES: which of this machine's addresses the organiser is offered. */
  lan: LanOptions;
  clientDir: string;
  log: Logger;
}

/** Client routes the SPA answers; everything else that is not an asset or the API is a 404. */
const PAGE_ROUTE = /^\/(?:admin|b\/[A-Za-z0-9_-]{1,64}\/(?:draw|view|present|replay))?\/?$/;

export function createApp({ boards, presence, hub, publicUrl, lan, clientDir, log }: AppDeps): Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', publicUrl ? 'loopback' : false);
  app.use(
    helmet({
      contentSecurityPolicy: {
        useDefaults: true,
        directives: {
          'default-src': ["'self'"],
          'script-src': ["'self'"],
          // fabric sets inline style attributes on its canvases.
          'style-src': ["'self'", "'unsafe-inline'"],
          'img-src': ["'self'", 'data:', 'blob:'],
          'connect-src': ["'self'"],
          'font-src': ["'self'"],
          'object-src': ["'none'"],
          'frame-ancestors': ["'self'"],
          'upgrade-insecure-requests': null,
        },
      },
      // Keys ride in link queries: never let them leak to another site through Referer.
      referrerPolicy: { policy: 'no-referrer' },
      strictTransportSecurity: false,
    }),
  );

  app.get('/healthz', (_req, res) => {
    res.json({ ok: true });
  });
  app.use('/api', assetsRoutes(boards));
  app.use('/api', exportRoutes(boards));
  app.use('/api', fontRoutes(boards));
  app.use('/api', archiveRoutes(boards, publicUrl));
  app.use('/api', stampsRoutes(boards, hub));
  app.use('/api', express.json({ limit: '64kb' }), boardsRoutes({ boards, presence, hub, publicUrl, log }));
  app.use('/api', backupsRoutes(boards, log));
  app.use('/api', addressesRoutes({ boards, publicUrl, ...lan }));
  app.use('/api', (_req, res) => {
    res.status(404).json({ error: REJECT.notFound });
  });

  const dir = resolve(clientDir);
  app.use(compressedStatic(dir));
  app.use(express.static(dir, { index: false, maxAge: '1h', fallthrough: true }));
  app.get(PAGE_ROUTE, (_req, res) => {
    const index = join(dir, 'index.html');
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The client is not built: run `npm run build` (npm start does it).');
      return;
    }
    res.set('Cache-Control', 'no-store').sendFile(index);
  });
  app.use((_req, res) => {
    res.status(404).type('text/plain').send('Not found');
  });

  const onError: ErrorRequestHandler = (err: unknown, req, res, _next) => {
    const status = (err as { status?: unknown }).status;
    const type = (err as { type?: unknown }).type;
    if (type === 'entity.too.large') {
      res.status(413).json({ error: REJECT.tooLarge });
      return;
    }
    if (typeof status === 'number' && status >= 400 && status < 500) {
      res.status(status).json({ error: REJECT.invalidPayload });
      return;
    }
    // Damage was logged once by the store, when it was found; each request meeting it is not.
    if (err instanceof StoreDamagedError) {
      res.status(503).json({ error: REJECT.storeDamaged });
      return;
    }
    // Full detail stays in the server log; the client learns only that it failed.
    log.error('http', `${req.method} ${req.path}`, err);
    res.status(500).json({ error: REJECT.internal });
  };
  app.use(onError);
  return app;
}
