import type { ChildProcess } from 'node:child_process';
import { newId } from '../shared/ids';
import type { Point } from '../shared/objects/stroke';
import type { AddOp } from '../shared/ops';
import type { LiveStroke, OpAck } from '../shared/protocol';
import { ATTACKS, connect, type Attack, type AttackTarget } from './abuse-attacks';
import type { AttackerReady, AttackerStopped } from './abuse-attacker';
import { ask, forkTs, nextMessage, stopChild } from './children';
import { now } from './clock';
import { createBoard, sleep } from './live';
import type { ServerReady, ServerStats } from './messages';
import { median, percentile } from './stats';
import { formatTable, type Cell } from './table';

const STYLE = { tool: 'pen', color: '#1f2328', size: 8, opacity: 1, simulatePressure: false } as const;
/** Board A's log before the attacks: the sync flood asks for 500 ops back. */
const SEED_OPS = 520;
/** Points per honest stroke: six live batches of two. */
const STROKE_POINTS = 12;

interface PhaseResult {
  attack: Attack | 'none';
  /** Every acknowledged op's round trip and every live batch's delay, ms: pooled over rounds. */
  acks: number[];
  lives: number[];
  rssMaxMb: number;
  /** Retained RSS (after a collection) just before the phase began: what it grew from. */
  rssStartMb: number;
  /** After the attack stopped and a full collection: what it left behind. */
  rssAfterMb: number;
  honestCuts: number;
  ackFailures: number;
  /** Share of one core, over the honest pair's measuring time. */
  serverCpu: number;
  attackerCpu: number;
  counts: Record<string, number>;
}

async function seed(url: string, boardId: string, key: string): Promise<number> {
  const sockets = await Promise.all([connect(url, boardId, key), connect(url, boardId, key)]);
  let seq = 0;
  await Promise.all(
    sockets.map(async (s, k) => {
      for (let i = 0; i < SEED_OPS / 2; i++) {
        const points: Point[] = Array.from({ length: 60 }, (_, j) => [
          100 + j * 5,
          100 + ((i * 2 + k) % 400) * 4,
          0.5,
        ]);
        const op: AddOp = {
          id: newId(),
          kind: 'add',
          objects: [{ ...STYLE, id: newId(), type: 'stroke', points }],
        };
        const ack: OpAck = await s.timeout(10_000).emitWithAck('op', op);
        if (!ack.ok) throw new Error(`seeding refused: ${ack.reason}`);
        seq = Math.max(seq, ack.seq);
      }
    }),
  );
  for (const s of sockets) s.close();
  return seq;
}

/**
 * The honest pair on board A for one phase: a recorder streaming live batches every 33 ms and
 * committing a 12-point stroke every six of them (~5 a second: quick handwriting), and a viewer
 * receiving them, both in this process (one clock, no offset to estimate). A stroke a second gave
 * about six acks a phase, so "p99" was the slowest of six and the quiet baseline was noise.
 */
async function honestPhase(url: string, a: AttackTarget['a'], ms: number) {
  const recorder = await connect(url, a.id, a.drawKey);
  const viewer = await connect(url, a.id, a.viewKey);
  let cuts = 0;
  let closing = false;
  for (const s of [recorder, viewer])
    s.on('disconnect', () => {
      if (!closing) cuts++;
    });
  const sent = new Map<string, number>();
  const live: number[] = [];
  const acks: number[] = [];
  let ackFailures = 0;
  viewer.on('live', (b) => {
    const at = sent.get(`${b.strokeId}:${b.from}`);
    if (at !== undefined) live.push(now() - at);
  });
  const pending: Promise<void>[] = [];
  const end = now() + ms;
  let strokeId = newId();
  let points: Point[] = [];
  let from = 0;
  let n = 0;
  while (now() < end && recorder.connected) {
    const batch: Point[] = [
      [200 + (n % 600) * 5, 900 + Math.round(20 * Math.sin(n / 5)), 0.5],
      [202 + (n % 600) * 5, 901 + Math.round(20 * Math.sin(n / 5)), 0.5],
    ];
    n++;
    points.push(...batch);
    const msg: LiveStroke = { ...STYLE, strokeId, from, points: batch };
    sent.set(`${strokeId}:${from}`, now());
    recorder.emit('live', msg);
    from += batch.length;
    if (points.length >= STROKE_POINTS) {
      const op: AddOp = {
        id: newId(),
        kind: 'add',
        objects: [{ ...STYLE, id: strokeId, type: 'stroke', points }],
      };
      const t0 = now();
      pending.push(
        recorder
          .timeout(30_000)
          .emitWithAck('op', op)
          .then(
            (ack: OpAck) => {
              if (ack.ok) acks.push(now() - t0);
              else ackFailures++;
            },
            () => {
              ackFailures++;
            },
          ),
      );
      strokeId = newId();
      points = [];
      from = 0;
    }
    await sleep(33);
  }
  await Promise.all(pending);
  await sleep(300);
  closing = true;
  recorder.close();
  viewer.close();
  return {
    acks,
    lives: live,
    cuts,
    ackFailures,
  };
}

async function serverStats(server: ChildProcess, gc = false): Promise<ServerStats> {
  return ask<ServerStats>(server, { type: 'stats', gc }, 'stats', 10_000);
}

async function rssMb(server: ChildProcess, gc = false): Promise<number> {
  return (await serverStats(server, gc)).rssBytes / (1024 * 1024);
}

/** One phase: the attack (or none) while the honest pair measures, then what it left. */
async function phase(
  server: ChildProcess,
  attacker: ChildProcess,
  attack: Attack | 'none',
  target: AttackTarget,
  seconds: number,
): Promise<PhaseResult> {
  const rssStart = await rssMb(server, true);
  if (attack !== 'none') attacker.send({ type: 'attack', attack, target });
  await sleep(1_000);
  let rssMax = await rssMb(server);
  let sampling = true;
  const sampler = (async () => {
    while (sampling) {
      rssMax = Math.max(rssMax, await rssMb(server).catch(() => 0));
      await sleep(500);
    }
  })();
  const cpuBefore = await serverStats(server);
  const t0 = now();
  const honest = await honestPhase(target.url, target.a, seconds * 1000);
  const stopped = nextMessage<AttackerStopped>(attacker, 'stopped', 30_000);
  attacker.send({ type: 'stop' });
  const cpuAfter = await serverStats(server);
  const elapsedMicros = (now() - t0) * 1000;
  const { counts, cpuMicros } = await stopped;
  sampling = false;
  await sampler;
  // Let the server shed what the attack left (closed sockets, buffers) before the next.
  await sleep(2_000);
  return {
    attack,
    acks: honest.acks,
    lives: honest.lives,
    rssMaxMb: rssMax,
    rssStartMb: rssStart,
    rssAfterMb: await rssMb(server, true),
    honestCuts: honest.cuts,
    ackFailures: honest.ackFailures,
    serverCpu: (cpuAfter.user + cpuAfter.system - cpuBefore.user - cpuBefore.system) / elapsedMicros,
    // The attacker's CPU from its start, one second before the honest pair began.
    attackerCpu: cpuMicros / (elapsedMicros + 1_000_000),
    counts,
  };
}

/** Per attack, the rounds' samples pooled (p99 of all of them), other figures' medians; counts summed. */
function medianOfRounds(rounds: readonly PhaseResult[][]): PhaseResult[] {
  const first = rounds[0] ?? [];
  return first.map((r, i) => {
    const all = rounds.map((round) => round[i] as PhaseResult);
    const med = (f: (p: PhaseResult) => number) => median(all.map(f));
    const counts: Record<string, number> = {};
    for (const p of all) for (const [k, v] of Object.entries(p.counts)) counts[k] = (counts[k] ?? 0) + v;
    return {
      attack: r.attack,
      acks: all.flatMap((p) => p.acks),
      lives: all.flatMap((p) => p.lives),
      rssMaxMb: med((p) => p.rssMaxMb),
      rssStartMb: med((p) => p.rssStartMb),
      rssAfterMb: med((p) => p.rssAfterMb),
      honestCuts: all.reduce((n, p) => n + p.honestCuts, 0),
      ackFailures: all.reduce((n, p) => n + p.ackFailures, 0),
      serverCpu: med((p) => p.serverCpu),
      attackerCpu: med((p) => p.attackerCpu),
      counts,
    };
  });
}

/**
 * `npm run bench -- abuse`: each attack of issue #14 against one server while an honest
 * recorder draws and an honest viewer watches, beside a quiet phase in the same run.
 * ABUSE_ROUNDS (default 1) repeats the whole cycle, quiet phase included, and prints the p99
 * of every round's samples pooled and the median of the other figures; ABUSE_ONLY=<attack,...> runs only those; ABUSE_NICE=0 leaves the
 * attacker at normal priority; ABUSE_CPU_PROF=<dir> writes the server's CPU profile there.
 */
export async function abuseBench(seconds: number): Promise<void> {
  const rounds = Math.max(1, Number(process.env.ABUSE_ROUNDS ?? 1) || 1);
  const only = process.env.ABUSE_ONLY?.split(',').filter(Boolean);
  const profDir = process.env.ABUSE_CPU_PROF;
  const server = forkTs('bench/server-child.ts', {}, [
    '--expose-gc',
    ...(profDir ? ['--cpu-prof', `--cpu-prof-dir=${profDir}`] : []),
  ]);
  const attacker = forkTs('bench/abuse-attacker.ts');
  try {
    const ready = await nextMessage<ServerReady>(server, 'ready', 60_000);
    const { priority } = await nextMessage<AttackerReady>(attacker, 'attacker-ready', 60_000);
    const { url, adminToken } = ready;
    const a = await createBoard(url, adminToken);
    const b = await createBoard(url, adminToken);
    const seq = await seed(url, a.id, a.drawKey);
    const target: AttackTarget = { url, adminToken, a: { ...a, seq }, b };
    const attacks = Object.values(ATTACKS).filter((x) => !only || only.includes(x));
    console.log(
      `abuse: ${seconds} s per phase, ${rounds} round(s), one honest recorder and viewer on board A (${seq} ops), ` +
        `attacks from a process of their own at ${priority === 19 ? 'nice 19 (on two cores it would otherwise take one from the server; a remote attacker would not)' : 'normal priority (ABUSE_NICE=0)'}`,
    );
    // A quiet phase first that counts for nothing: the first phase of a fresh server pays for
    // the JIT and the honest pair's first connections, which made "quiet" the slowest phase.
    await phase(server, attacker, 'none', target, Math.min(seconds, 5));
    console.log('  warm-up: done');
    const all: PhaseResult[][] = [];
    for (let round = 0; round < rounds; round++) {
      const results: PhaseResult[] = [];
      for (const attack of ['none', ...attacks] as const) {
        results.push(await phase(server, attacker, attack, target, seconds));
        console.log(`  ${round + 1}/${rounds} ${attack}: done`);
      }
      all.push(results);
    }
    const results = medianOfRounds(all);
    const p99 = (v: number[]) => percentile(Float64Array.from(v).sort(), 99);
    const quiet = results[0] as PhaseResult;
    const quietAck = p99(quiet.acks);
    const quietLive = p99(quiet.lives);
    const ratio = (v: number, base: number) =>
      Number.isFinite(v) && base > 0 ? `${(v / base).toFixed(1)}×` : '-';
    const pct = (v: number) => `${Math.round(v * 100)}%`;
    const rows: Cell[][] = results.map((r) => [
      r.attack,
      r.acks.length,
      p99(r.acks),
      ratio(p99(r.acks), quietAck),
      p99(r.lives),
      ratio(p99(r.lives), quietLive),
      r.rssMaxMb,
      r.rssMaxMb - r.rssStartMb,
      r.rssAfterMb,
      pct(r.serverCpu),
      r.attack === 'none' ? '' : pct(r.attackerCpu),
      r.honestCuts + r.ackFailures,
      Object.entries(r.counts)
        .sort((x, y) => y[1] - x[1])
        .slice(0, 3)
        .map(([k, v]) => `${k} ${v}`)
        .join(', '),
    ]);
    console.log(
      `\n${formatTable(
        [
          'attack',
          'acks',
          'ack p99 ms',
          'vs quiet',
          'live p99 ms',
          'vs quiet',
          'RSS max MB',
          'Δ RSS MB (phase)',
          'RSS after MB',
          'server CPU',
          'attacker CPU',
          'honest failures',
          'what the attacker got',
        ],
        rows,
      )}`,
    );
  } finally {
    attacker.send({ type: 'close' });
    await stopChild(attacker);
    await stopChild(server);
  }
}
