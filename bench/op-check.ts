import { planOp } from '../shared/board-state';
import { LIMITS } from '../shared/limits';
import type { BoardObject } from '../shared/objects/board-object';
import { opSchema } from '../shared/ops';
import { parseWith } from '../shared/validate';
import { median } from './stats';
import { formatTable } from './table';

/** A raw stroke of `n` points as a client sends it (not yet rounded). */
function rawStroke(id: string, n: number): Record<string, unknown> {
  const points = Array.from({ length: n }, (_, i) => [100.4 + (i % 500) * 1.3, 200 + i * 0.01, 0.503]);
  return {
    id,
    type: 'stroke',
    tool: 'pen',
    color: '#112233',
    size: 4,
    opacity: 1,
    simulatePressure: false,
    points,
  };
}

function addOp(strokes: number, points: number): Record<string, unknown> {
  return {
    id: 'op',
    kind: 'add',
    objects: Array.from({ length: strokes }, (_, i) => rawStroke(`s${i}`, points)),
  };
}

/** Checks and plans `raw` against `objects` as the server does for a recorder's op. */
function checkAndPlan(raw: unknown, objects: ReadonlyMap<string, BoardObject>): string {
  const op = parseWith(opSchema, raw);
  if (!op.ok) return op.reason;
  const plan = planOp(objects, op.value);
  return plan.ok ? 'accepted' : plan.reason;
}

/**
 * `npm run bench -- ops`: the time to check (opSchema) and plan (planOp) one op, for the
 * largest ops a recorder may send and for some past the limits, on the main thread as the
 * server does it. Target (#14): at most 5 ms each, whatever the op carries.
 */
export async function opCheckBench(): Promise<void> {
  const runs = 25;
  const board = new Map<string, BoardObject>();
  // As many strokes as a patch may name, with as many points as the patch may rewrite.
  const one = parseWith(opSchema, addOp(1, Math.floor(LIMITS.pointsPerOp / LIMITS.patchesPerOp)));
  if (!one.ok) throw new Error(one.reason);
  const template = one.value.kind === 'add' ? one.value.objects[0] : undefined;
  for (let i = 0; template && i < LIMITS.patchesPerOp; i++) board.set(`p${i}`, { ...template, id: `p${i}` });
  const cases: [string, unknown][] = [
    [`add 2 × ${LIMITS.pointsPerStroke} points (the cap)`, addOp(2, LIMITS.pointsPerStroke)],
    [`add ${LIMITS.objectsPerAddOp} × 100 points`, addOp(LIMITS.objectsPerAddOp, 100)],
    ['add 6 × 10,000 points (past the cap)', addOp(6, 10_000)],
    [
      `patch ${LIMITS.patchesPerOp} strokes`,
      {
        id: 'p',
        kind: 'patch',
        patches: [...board.keys()].map((id) => ({
          id,
          set: { color: '#445566', transform: [1, 0, 0, 1, 5, 5] },
        })),
      },
    ],
  ];
  const rows = cases.map(([label, raw]) => {
    const times: number[] = [];
    let outcome = '';
    for (let i = 0; i < runs; i++) {
      const t = performance.now();
      outcome = checkAndPlan(raw, board);
      times.push(performance.now() - t);
    }
    const bytes = JSON.stringify(raw).length / 1024;
    return [label, Math.round(bytes), outcome, median(times), Math.max(...times)];
  });
  console.log(`ops: opSchema + planOp of one op, ${runs} runs each, main thread`);
  console.log(`\n${formatTable(['op', 'JSON kB', 'outcome', 'median ms', 'max ms'], rows)}`);
  await Promise.resolve();
}
