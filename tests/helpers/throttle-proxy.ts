import { createServer, connect, type Server, type Socket } from 'node:net';

export interface NetworkShape {
  /** One-way delay added to every chunk, in ms. */
  latencyMs: number;
  /** Bytes per second in each direction. */
  bytesPerSecond: number;
}

export interface ThrottleProxy {
  /** http://127.0.0.1:<port>, the same server seen through a slow link. */
  url: string;
  /** From now on, every connection (open ones too) goes at this shape; null: full speed. */
  shape(next: NetworkShape | null): void;
  close(): Promise<void>;
}

/**
 * A TCP proxy that shapes the link like a weak network: bytes leave at a fixed rate, then
 * arrive `latencyMs` later, in order. Unlike DevTools' emulation it shapes websocket frames
 * too, because it sits below them.
 */
export async function startThrottleProxy(target: string): Promise<ThrottleProxy> {
  const { hostname, port } = new URL(target);
  let current: NetworkShape | null = null;
  const sockets = new Set<Socket>();

  function pipeShaped(from: Socket, to: Socket): void {
    let busyUntil = 0;
    let lastDelivery = 0;
    from.on('data', (chunk: Buffer) => {
      if (!current) {
        to.write(chunk);
        return;
      }
      const now = Date.now();
      const sent = Math.max(now, busyUntil) + (chunk.length / current.bytesPerSecond) * 1000;
      busyUntil = sent;
      // Never overtake an earlier chunk.
      const deliverAt = Math.max(sent + current.latencyMs, lastDelivery);
      lastDelivery = deliverAt;
      setTimeout(() => {
        if (!to.destroyed) to.write(chunk);
      }, deliverAt - now);
    });
    from.on('end', () => {
      setTimeout(() => to.end(), Math.max(0, lastDelivery - Date.now()));
    });
    from.on('error', () => to.destroy());
  }

  const server: Server = createServer((client) => {
    const upstream = connect(Number(port), hostname);
    sockets.add(client).add(upstream);
    client.on('close', () => sockets.delete(client));
    upstream.on('close', () => sockets.delete(upstream));
    pipeShaped(client, upstream);
    pipeShaped(upstream, client);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('proxy has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    shape(next) {
      current = next;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
