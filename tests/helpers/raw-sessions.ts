import { readdirSync } from 'node:fs';
import { Manager } from 'socket.io-client';
import { PacketType } from 'socket.io-msgpack-parser';
import { WIRE } from '../../shared/wire';

/**
 * An engine.io session that does only what a test tells it: unlike a Socket.IO client it
 * never closes by itself after a refusal, so what closes it is the server.
 */
export interface RawSession {
  manager: Manager;
  /** Resolves when the server (or `close`) ends the session. */
  closed: Promise<void>;
  isClosed(): boolean;
  /** Sends the Socket.IO CONNECT packet with `auth`; resolves with the reply packet's data. */
  connect(auth: Record<string, unknown>): Promise<{ type: number; data?: unknown }>;
  close(): void;
}

export async function openRawSession(url: string): Promise<RawSession> {
  const manager = new Manager(url, { ...WIRE, reconnection: false, autoConnect: false });
  let ended = false;
  const closed = new Promise<void>((resolve) =>
    manager.once('close', () => {
      ended = true;
      resolve();
    }),
  );
  await new Promise<void>((resolve, reject) => manager.open((err) => (err ? reject(err) : resolve())));
  return {
    manager,
    closed,
    isClosed: () => ended,
    connect(auth) {
      const reply = new Promise<{ type: number; data?: unknown }>((resolve, reject) => {
        manager.once('packet', (p) => resolve(p));
        void closed.then(() => reject(new Error('closed before the CONNECT reply')));
      });
      manager._packet({ type: PacketType.CONNECT, nsp: '/', data: auth });
      return reply;
    },
    close: () => manager._close(),
  };
}

/** Open file descriptors of this process (Linux). */
export function openFds(): number {
  return readdirSync('/proc/self/fd').length;
}
