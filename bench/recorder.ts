import { WIRE } from '../shared/wire';
import { io, type Socket } from 'socket.io-client';
import { newId } from '../shared/ids';
import type { Point } from '../shared/objects/stroke';
import type { AddOp } from '../shared/ops';
import {
  PROTOCOL_VERSION,
  type ClientToServerEvents,
  type LiveStroke,
  type OpAck,
  type ServerToClientEvents,
} from '../shared/protocol';
import { liveWindowMs } from '../shared/live-window';
import { now } from './clock';

type RecorderSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/**
 * A stylus samples at 60 Hz. The client sends a point at once when its last batch is a live
 * window old, else at the window's end (client/board/tools/pen.ts, shared/live-window.ts);
 * `fixedBatchMs` is the window before it was chosen from the audience (BENCH_LIVE_WINDOW=fixed).
 */
export const RECORDER_PACE = {
  sampleHz: 60,
  fixedBatchMs: 1000 / 30,
  /** One second of drawing per stroke, then the stroke is committed as an add op. */
  pointsPerStroke: 60,
} as const;

/** The window the client would use for this audience, or the old fixed one (BENCH_LIVE_WINDOW=fixed). */
export function benchLiveWindow(viewers: number): number {
  return process.env.BENCH_LIVE_WINDOW === 'fixed' ? RECORDER_PACE.fixedBatchMs : liveWindowMs(viewers);
}

const STYLE = { tool: 'pen', color: '#1f2328', size: 10, opacity: 1, simulatePressure: false } as const;

export interface RecorderLog {
  /**
   * When the oldest point of every live batch was drawn (this process's clock), by
   * `${strokeId}:${from}`: viewers measure point → screen from it, the wait for the batch included.
   */
  liveSent: Record<string, number>;
  /** Send time of every op, by op id. */
  opSent: Record<string, number>;
  liveBatches: number;
  opsAcked: number;
  opsRefused: number;
  /** Reasons the server refused anything (rate limit, validation), by reason. */
  refusals: Record<string, number>;
}

/** Handwriting-like wave: integer board units, as the real client sends after rounding. */
function samplePoint(stroke: number, i: number): Point {
  const row = Math.floor(stroke / 8) % 20;
  const col = stroke % 8;
  const x = 100 + col * 450 + i * 6;
  const y = 100 + row * 100 + Math.round(25 * Math.sin(i / 4));
  const pressure = Math.round((0.35 + 0.3 * Math.abs(Math.sin(i / 7))) * 100) / 100;
  return [x, y, pressure];
}

export async function connectRecorder(url: string, boardId: string, key: string): Promise<RecorderSocket> {
  const socket: RecorderSocket = io(url, {
    ...WIRE,
    auth: { boardId, key, clientId: newId(), protocol: PROTOCOL_VERSION },
    reconnection: false,
    forceNew: true,
  });
  await new Promise<void>((resolve, reject) => {
    socket.once('welcome', () => resolve());
    socket.once('connect_error', reject);
  });
  return socket;
}

/**
 * Streams strokes for `durationMs`: samples accrue at 60 Hz against the clock (a late timer
 * sends more points, never fewer), a batch leaves once the last is `windowMs` old, and each
 * finished stroke is committed with an acknowledged op.
 */
export async function record(
  socket: RecorderSocket,
  durationMs: number,
  windowMs: number,
): Promise<RecorderLog> {
  const log: RecorderLog = {
    liveSent: {},
    opSent: {},
    liveBatches: 0,
    opsAcked: 0,
    opsRefused: 0,
    refusals: {},
  };
  const refused = (reason: string) => (log.refusals[reason] = (log.refusals[reason] ?? 0) + 1);
  socket.on('rejected', (r) => refused(`${r.event}:${r.reason}`));
  const acks: Promise<void>[] = [];

  let strokeIndex = 0;
  let strokeId = newId();
  let points: Point[] = [];
  /** When each point of the stroke was drawn. */
  let drawnAt: number[] = [];
  let sentUpTo = 0;
  let produced = 0;
  let lastBatch = -Infinity;

  function flushLive(): void {
    if (sentUpTo >= points.length) return;
    const batch: LiveStroke = { ...STYLE, strokeId, from: sentUpTo, points: points.slice(sentUpTo) };
    log.liveSent[`${strokeId}:${sentUpTo}`] = drawnAt[sentUpTo] ?? now();
    socket.emit('live', batch);
    log.liveBatches++;
    sentUpTo = points.length;
    lastBatch = now();
  }

  function commitStroke(): void {
    const op: AddOp = {
      id: newId(),
      kind: 'add',
      objects: [{ ...STYLE, id: strokeId, type: 'stroke', points }],
    };
    log.opSent[op.id] = now();
    acks.push(
      socket
        .timeout(10_000)
        .emitWithAck('op', op)
        .then(
          (ack: OpAck) => {
            if (ack.ok) log.opsAcked++;
            else {
              log.opsRefused++;
              refused(`op:${ack.reason}`);
            }
          },
          () => {
            log.opsRefused++;
            refused('op:timeout');
          },
        ),
    );
    strokeIndex++;
    strokeId = newId();
    points = [];
    drawnAt = [];
    sentUpTo = 0;
  }

  const start = now();
  await new Promise<void>((resolve) => {
    let tick = 0;
    const step = () => {
      const elapsed = now() - start;
      const due = Math.floor((Math.min(elapsed, durationMs) * RECORDER_PACE.sampleHz) / 1000);
      for (; produced < due; produced++) {
        points.push(samplePoint(strokeIndex, points.length));
        // Point p falls due (is drawn) at (p + 1) / 60 s: when this loop first counts it.
        drawnAt.push(start + ((produced + 1) * 1000) / RECORDER_PACE.sampleHz);
        if (points.length === RECORDER_PACE.pointsPerStroke) {
          flushLive();
          commitStroke();
        }
      }
      // 1 ms early counts: the 60 Hz steps land on whole milliseconds.
      if (now() - lastBatch >= windowMs - 1) flushLive();
      if (elapsed >= durationMs) return resolve();
      tick++;
      // One step per sample, scheduled against the start, so timer lateness does not accumulate.
      setTimeout(step, Math.max(0, start + (tick * 1000) / RECORDER_PACE.sampleHz - now()));
    };
    step();
  });
  await Promise.all(acks);
  return log;
}
