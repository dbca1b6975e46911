import { io, type Socket } from 'socket.io-client';
import { newId } from '../shared/ids';
import type { Point } from '../shared/objects/stroke';
import type { AddOp, Op } from '../shared/ops';
import { PROTOCOL_VERSION, type ClientToServerEvents, type ServerToClientEvents } from '../shared/protocol';
import { WIRE } from '../shared/wire';
import { pngFromRows } from '../tests/helpers/images';
import { openRawSession, type RawSession } from '../tests/helpers/raw-sessions';

type AnySocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** What the attacker process is told: the server, the honest board (A) and a second one (B). */
export interface AttackTarget {
  url: string;
  adminToken: string;
  a: { id: string; drawKey: string; viewKey: string; seq: number };
  b: { id: string; drawKey: string; viewKey: string };
}

/** Each attack of issue #14, as one client (or one flood) would mount it. */
export const ATTACKS = {
  syncFlood: 'sync-flood',
  nonReader: 'non-reader',
  snapshots: 'snapshots',
  junkFrames: 'junk-frames',
  badKeys: 'bad-keys',
  hugeOp: 'huge-op',
  keySockets: 'key-sockets',
  churn: 'churn',
  uploads: 'uploads',
} as const;
export type Attack = (typeof ATTACKS)[keyof typeof ATTACKS];

/** Counts of what the attack got back: what it managed, and how the server pushed back. */
export type AttackCounts = Record<string, number>;

/** A socket.io client that has been welcomed to the board, without reconnection of its own. */
export function connect(url: string, boardId: string, key: string): Promise<AnySocket> {
  const socket: AnySocket = io(url, {
    ...WIRE,
    auth: { boardId, key, clientId: newId(), protocol: PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
  });
  return new Promise((resolve, reject) => {
    socket.once('welcome', () => resolve(socket));
    socket.once('connect_error', (err) => {
      socket.close();
      reject(err);
    });
  });
}

function stroke(n: number, points: number): AddOp['objects'][number] {
  const pts: Point[] = [];
  for (let i = 0; i < points; i++) pts.push([(n * 7 + i) % 3000, (i * 3) % 2000, 0.5]);
  return {
    id: newId(),
    type: 'stroke',
    tool: 'pen',
    color: '#1f2328',
    size: 6,
    opacity: 1,
    simulatePressure: false,
    points: pts,
  };
}

/** A PNG of noise just under the 8 MiB upload limit: valid, and nothing ever places it. */
function noisePng(): Buffer {
  const width = 1600;
  const height = 1700;
  const rows = Buffer.alloc((width * 3 + 1) * height);
  let x = 12345;
  for (let i = 0; i < rows.length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    rows[i] = i % (width * 3 + 1) === 0 ? 0 : x >>> 24;
  }
  return pngFromRows(width, height, rows);
}

/**
 * Runs one attack until `signal` aborts, reconnecting whenever the server cuts it (an attacker
 * does not give up), and counts the answers. Every loop yields to the event loop, so the
 * attacker's own process stays responsive to the stop.
 */
export async function runAttack(attack: Attack, t: AttackTarget, signal: AbortSignal): Promise<AttackCounts> {
  const counts: AttackCounts = {};
  const count = (what: string, n = 1) => (counts[what] = (counts[what] ?? 0) + n);
  const live = () => !signal.aborted;
  const pause = (ms: number) => new Promise((r) => setTimeout(r, ms));
  const sockets = new Set<AnySocket>();
  const raws = new Set<RawSession>();

  /** One attacking connection kept up for the whole phase; `use` runs while it lives. */
  async function keepUp(boardId: string, key: string, use: (s: AnySocket) => Promise<void>) {
    while (live()) {
      let socket: AnySocket;
      try {
        socket = await connect(t.url, boardId, key);
      } catch (err) {
        count(`refused ${(err as Error).message}`);
        await pause(200);
        continue;
      }
      sockets.add(socket);
      const cut = new Promise<void>((r) => socket.once('disconnect', () => r()));
      socket.once('disconnect', () => count('cut by the server'));
      await Promise.race([use(socket), cut]);
      sockets.delete(socket);
      socket.close();
    }
  }

  function ack(reply: { ok: boolean; reason?: string } | undefined): void {
    count(reply?.ok ? 'answered' : `refused ${reply?.reason ?? 'timeout'}`);
  }

  const since = Math.max(0, t.a.seq - 500);
  let jobs: Promise<unknown>[] = [];
  switch (attack) {
    case ATTACKS.syncFlood:
      jobs = [
        keepUp(t.a.id, t.a.viewKey, async (s) => {
          await Promise.all(
            Array.from({ length: 8 }, async () => {
              while (live() && s.connected)
                ack(
                  await s
                    .timeout(10_000)
                    .emitWithAck('sync', { since })
                    .catch(() => undefined),
                );
            }),
          );
        }),
      ];
      break;
    case ATTACKS.nonReader:
      jobs = [
        keepUp(t.a.id, t.a.viewKey, async (s) => {
          const ws = (
            s.io.engine.transport as unknown as { ws: { send(d: string): void; _socket: { pause(): void } } }
          ).ws;
          ws._socket.pause();
          while (live() && s.connected) {
            s.emit('sync', { since }, () => undefined);
            count('syncs sent unread');
            if (counts['syncs sent unread'] !== undefined && counts['syncs sent unread'] % 50 === 0)
              ws.send('3');
            await pause(10);
          }
        }),
      ];
      break;
    case ATTACKS.snapshots:
      jobs = Array.from({ length: 16 }, async () => {
        while (live()) {
          const res = await fetch(`${t.url}/api/boards/${t.a.id}?key=${t.a.viewKey}`).catch(() => undefined);
          count(res ? `HTTP ${res.status}` : 'HTTP error');
          await res?.arrayBuffer().catch(() => undefined);
        }
      });
      break;
    case ATTACKS.junkFrames: {
      const junk = Buffer.alloc(600_000, 0x61);
      jobs = [
        keepUp(t.a.id, t.a.viewKey, async (s) => {
          while (live() && s.connected) {
            s.emit('live', { junk } as never);
            count('junk frames');
            await pause(20);
          }
        }),
      ];
      break;
    }
    case ATTACKS.badKeys:
      jobs = [
        ...Array.from({ length: 40 }, async () => {
          while (live()) {
            await connect(t.url, t.a.id, 'not-the-key-0123456789').then(
              (s) => s.close(),
              (err: Error) => count(`refused ${err.message}`),
            );
            await pause(50);
          }
        }),
        (async () => {
          // Sessions that never send the Socket.IO connect, opened in waves.
          while (live()) {
            const wave = await Promise.allSettled(Array.from({ length: 50 }, () => openRawSession(t.url)));
            for (const r of wave) if (r.status === 'fulfilled') raws.add(r.value);
            count('unfinished sessions opened', wave.length);
            await pause(200);
          }
        })(),
      ];
      break;
    case ATTACKS.hugeOp:
      jobs = [
        keepUp(t.b.id, t.b.drawKey, async (s) => {
          while (live() && s.connected) {
            const op: Op = {
              id: newId(),
              kind: 'add',
              objects: Array.from({ length: 6 }, (_, i) => stroke(i, 10_000)),
            };
            ack(
              await s
                .timeout(10_000)
                .emitWithAck('op', op)
                .catch(() => undefined),
            );
            await pause(50);
          }
        }),
      ];
      break;
    case ATTACKS.keySockets:
      jobs = Array.from({ length: 3 }, (_, k) =>
        keepUp(t.b.id, t.b.drawKey, async (s) => {
          let n = k * 1_000_000;
          while (live() && s.connected) {
            const op: Op = {
              id: newId(),
              kind: 'add',
              objects: Array.from({ length: 20 }, () => stroke(n++, 400)),
            };
            ack(
              await s
                .timeout(10_000)
                .emitWithAck('op', op)
                .catch(() => undefined),
            );
          }
        }),
      );
      break;
    case ATTACKS.churn:
      jobs = [
        keepUp(t.b.id, t.b.drawKey, async (s) => {
          let n = 0;
          while (live() && s.connected) {
            const objects = Array.from({ length: 200 }, () => stroke(n++, 50));
            ack(
              await s
                .timeout(10_000)
                .emitWithAck('op', { id: newId(), kind: 'add', objects })
                .catch(() => undefined),
            );
            const ids = objects.map((o) => o.id);
            ack(
              await s
                .timeout(10_000)
                .emitWithAck('op', { id: newId(), kind: 'remove', ids })
                .catch(() => undefined),
            );
          }
        }),
      ];
      break;
    case ATTACKS.uploads: {
      const png = noisePng();
      jobs = Array.from({ length: 2 }, async () => {
        while (live()) {
          const res = await fetch(`${t.url}/api/boards/${t.b.id}/assets?key=${t.b.drawKey}`, {
            method: 'POST',
            body: new Uint8Array(png),
          }).catch(() => undefined);
          count(res ? `HTTP ${res.status}` : 'HTTP error');
          await res?.arrayBuffer().catch(() => undefined);
        }
      });
      break;
    }
  }
  await new Promise<void>((resolve) => signal.addEventListener('abort', () => resolve(), { once: true }));
  for (const s of sockets) s.close();
  for (const r of raws) r.close();
  await Promise.race([Promise.allSettled(jobs), pause(3_000)]);
  return counts;
}
