import { connect, createServer, type Socket } from 'node:net';

export interface CutLink {
  /** http://127.0.0.1:<port>: the server seen through a link the test can cut. */
  url: string;
  /** The Wi-Fi drops: open connections are reset and new ones are refused until `restore`. */
  cut(): void;
  restore(): void;
  close(): Promise<void>;
}

/**
 * A TCP relay that can drop the network for every engine alike. Chromium has an offline
 * switch, WebKitWebDriver and Firefox's BiDi have none; a relay below HTTP and websockets
 * behaves the same for all three (navigator.onLine stays true, as on a hall Wi-Fi that
 * stops answering).
 */
export async function startCutLink(target: string): Promise<CutLink> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<Socket>();
  let down = false;
  const server = createServer((client) => {
    if (down) {
      client.resetAndDestroy();
      return;
    }
    const upstream = connect(Number(port), hostname);
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => undefined);
    }
    client.pipe(upstream);
    upstream.pipe(client);
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('cut link has no port');
  return {
    url: `http://127.0.0.1:${address.port}`,
    cut() {
      down = true;
      for (const s of sockets) s.resetAndDestroy();
    },
    restore() {
      down = false;
    },
    async close() {
      for (const s of sockets) s.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
