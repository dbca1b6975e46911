import { Router, type Request } from 'express';
import type { BoardService } from '../boards/board-service';
import { lanAddresses, lanBase, type LanOptions } from '../lan-addresses';
import { requireAdmin } from './require-admin';

export interface AddressesRoutesDeps extends LanOptions {
  boards: BoardService;
  publicUrl: string | undefined;
}

/**
 * The port the organiser's browser reached this server on: the Host header's, so a Docker or
 * router port mapping (8080 outside, 3000 inside) gives links that work from outside too.
 */
function requestPort(req: Request): number {
  const host = req.get('host');
  if (host) {
    try {
      const url = new URL(`${req.protocol}://${host}`);
      if (url.port) return Number(url.port);
      return req.protocol === 'https' ? 443 : 80;
    } catch {
      // A malformed Host header: fall back to the socket's own port.
    }
  }
  return req.socket.localPort ?? 80;
}

/**
 * GET /api/admin/addresses: this machine's LAN addresses as link bases, so an organiser who
 * opened the console on localhost can hand out links that phones in the hall reach. Admin
 * only: the network layout is nobody else's business. With PUBLIC_URL set the links use it
 * and the list is only informative.
 */
export function addressesRoutes({ boards, publicUrl, host, override }: AddressesRoutesDeps): Router {
  const router = Router();
  router.get('/admin/addresses', requireAdmin(boards), (req, res) => {
    const port = requestPort(req);
    const addresses = lanAddresses({ host, override }).map((a) => ({
      ...a,
      url: lanBase(a.address, port, req.protocol),
    }));
    res.set('Cache-Control', 'no-store').json({
      publicUrl: publicUrl ? publicUrl.replace(/\/+$/, '') : null,
      addresses,
    });
  });
  return router;
}
