import { describe, expect, it } from 'vitest';
import { LIMITS } from '../../shared/limits';
import { opSchema } from '../../shared/ops';
import { REJECT, type RejectReason } from '../../shared/reject-reasons';
import { parseWith } from '../../shared/validate';
import { rawAdd, rawRemove, rawStroke, repeat } from './fixtures';

/** [what, input, exact reason, path of the first issue (undefined when the root is wrong)]. */
type Row = [string, unknown, RejectReason, string | undefined];

const badId: Row[] = [
  ['op id with a space', rawAdd(undefined, { id: 'a b' }), REJECT.invalidId, 'id'],
  ['op id with a slash', rawAdd(undefined, { id: 'a/b' }), REJECT.invalidId, 'id'],
  ['op id that climbs a path', rawAdd(undefined, { id: '../x' }), REJECT.invalidId, 'id'],
  ['op id that is a dot', rawAdd(undefined, { id: '.' }), REJECT.invalidId, 'id'],
  ['op id with a backslash', rawAdd(undefined, { id: '..\\x' }), REJECT.invalidId, 'id'],
  ['op id with a NUL', rawAdd(undefined, { id: 'a\u0000' }), REJECT.invalidId, 'id'],
  ['op id with a trailing newline', rawAdd(undefined, { id: 'abc\n' }), REJECT.invalidId, 'id'],
  ['op id in full-width letters', rawAdd(undefined, { id: 'ａｂｃ' }), REJECT.invalidId, 'id'],
  ['op id in Japanese', rawAdd(undefined, { id: '線' }), REJECT.invalidId, 'id'],
  ['op id with a percent escape', rawAdd(undefined, { id: '%2e%2e' }), REJECT.invalidId, 'id'],
  ['empty op id', rawAdd(undefined, { id: '' }), REJECT.invalidId, 'id'],
  [
    'op id one over the limit',
    rawAdd(undefined, { id: 'a'.repeat(LIMITS.idMaxLength + 1) }),
    REJECT.invalidId,
    'id',
  ],
  ['numeric op id', rawAdd(undefined, { id: 42 }), REJECT.invalidId, 'id'],
  ['null op id', rawAdd(undefined, { id: null }), REJECT.invalidId, 'id'],
  ['missing op id', { kind: 'add', objects: [rawStroke()] }, REJECT.invalidId, 'id'],
  [
    'object id that climbs a path',
    rawAdd([rawStroke({ id: '../../etc/passwd' })]),
    REJECT.invalidId,
    'objects.0.id',
  ],
  ['missing object id', rawAdd([rawStroke({ id: undefined })]), REJECT.invalidId, 'objects.0.id'],
  [
    'bad id in the second object',
    rawAdd([rawStroke(), rawStroke({ id: 'x y' })]),
    REJECT.invalidId,
    'objects.1.id',
  ],
  ['remove id that climbs a path', rawRemove(['../x']), REJECT.invalidId, 'ids.0'],
  ['remove id too long', rawRemove(['ok', 'b'.repeat(65)]), REJECT.invalidId, 'ids.1'],
  ['remove id that is a number', rawRemove([7]), REJECT.invalidId, 'ids.0'],
];

const badShape: Row[] = [
  ['null', null, REJECT.invalidPayload, undefined],
  ['undefined', undefined, REJECT.invalidPayload, undefined],
  ['a string', 'add', REJECT.invalidPayload, undefined],
  ['a number', 1, REJECT.invalidPayload, undefined],
  ['an array', [rawAdd()], REJECT.invalidPayload, undefined],
  ['missing kind', { id: 'op1', objects: [rawStroke()] }, REJECT.invalidPayload, 'kind'],
  ['unknown kind', rawAdd(undefined, { kind: 'update' }), REJECT.invalidPayload, 'kind'],
  ['kind in capitals', rawAdd(undefined, { kind: 'ADD' }), REJECT.invalidPayload, 'kind'],
  [
    'kind named after a prototype key',
    rawAdd(undefined, { kind: 'constructor' }),
    REJECT.invalidPayload,
    'kind',
  ],
  ['kind __proto__', rawAdd(undefined, { kind: '__proto__' }), REJECT.invalidPayload, 'kind'],
  ['add without objects', { id: 'op1', kind: 'add' }, REJECT.invalidPayload, 'objects'],
  [
    'add with objects not an array',
    rawAdd(undefined, { objects: { 0: rawStroke() } }),
    REJECT.invalidPayload,
    'objects',
  ],
  ['add with no objects', rawAdd([]), REJECT.invalidPayload, 'objects'],
  ['add with a null object', rawAdd([null]), REJECT.invalidPayload, 'objects.0'],
  ['add with a remove body', { id: 'op1', kind: 'add', ids: ['s1'] }, REJECT.invalidPayload, 'objects'],
  ['remove without ids', { id: 'op1', kind: 'remove' }, REJECT.invalidPayload, 'ids'],
  ['empty remove', rawRemove([]), REJECT.invalidPayload, 'ids'],
  ['remove with ids as a string', rawRemove(undefined, { ids: 's1' }), REJECT.invalidPayload, 'ids'],
];

const badObject: Row[] = [
  ['unknown object type', rawAdd([rawStroke({ type: 'video' })]), REJECT.invalidPayload, 'objects.0.type'],
  ['missing object type', rawAdd([rawStroke({ type: undefined })]), REJECT.invalidPayload, 'objects.0.type'],
  ['unknown tool', rawAdd([rawStroke({ tool: 'laser' })]), REJECT.invalidPayload, 'objects.0.tool'],
  ['eraser is not a pen', rawAdd([rawStroke({ tool: 'eraser' })]), REJECT.invalidPayload, 'objects.0.tool'],
  [
    'tool named after a prototype key',
    rawAdd([rawStroke({ tool: 'toString' })]),
    REJECT.invalidPayload,
    'objects.0.tool',
  ],
  ['missing tool', rawAdd([rawStroke({ tool: undefined })]), REJECT.invalidPayload, 'objects.0.tool'],
  ['colour name', rawAdd([rawStroke({ color: 'red' })]), REJECT.invalidColor, 'objects.0.color'],
  ['short hex colour', rawAdd([rawStroke({ color: '#abc' })]), REJECT.invalidColor, 'objects.0.color'],
  [
    'hex colour with alpha',
    rawAdd([rawStroke({ color: '#aabbcc80' })]),
    REJECT.invalidColor,
    'objects.0.color',
  ],
  ['hex colour without #', rawAdd([rawStroke({ color: 'aabbcc' })]), REJECT.invalidColor, 'objects.0.color'],
  ['colour with spaces', rawAdd([rawStroke({ color: ' #aabbcc' })]), REJECT.invalidColor, 'objects.0.color'],
  [
    'colour with non-hex digits',
    rawAdd([rawStroke({ color: '#gggggg' })]),
    REJECT.invalidColor,
    'objects.0.color',
  ],
  [
    'css injection as colour',
    rawAdd([rawStroke({ color: '#000;x' })]),
    REJECT.invalidColor,
    'objects.0.color',
  ],
  ['colour as a number', rawAdd([rawStroke({ color: 0xaabbcc })]), REJECT.invalidColor, 'objects.0.color'],
  ['missing colour', rawAdd([rawStroke({ color: undefined })]), REJECT.invalidColor, 'objects.0.color'],
  ['size zero', rawAdd([rawStroke({ size: 0 })]), REJECT.invalidPayload, 'objects.0.size'],
  ['size NaN', rawAdd([rawStroke({ size: NaN })]), REJECT.invalidPayload, 'objects.0.size'],
  ['size Infinity', rawAdd([rawStroke({ size: Infinity })]), REJECT.invalidPayload, 'objects.0.size'],
  ['size too large', rawAdd([rawStroke({ size: 401 })]), REJECT.invalidPayload, 'objects.0.size'],
  ['opacity zero', rawAdd([rawStroke({ opacity: 0 })]), REJECT.invalidPayload, 'objects.0.opacity'],
  ['opacity over one', rawAdd([rawStroke({ opacity: 1.5 })]), REJECT.invalidPayload, 'objects.0.opacity'],
  [
    'simulatePressure missing',
    rawAdd([rawStroke({ simulatePressure: undefined })]),
    REJECT.invalidPayload,
    'objects.0.simulatePressure',
  ],
  [
    'simulatePressure as a string',
    rawAdd([rawStroke({ simulatePressure: 'true' })]),
    REJECT.invalidPayload,
    'objects.0.simulatePressure',
  ],
];

const badPoints: Row[] = [
  ['NaN x', rawAdd([rawStroke({ points: [[NaN, 1, 0.5]] })]), REJECT.invalidPoint, 'objects.0.points.0.0'],
  ['NaN y', rawAdd([rawStroke({ points: [[1, NaN, 0.5]] })]), REJECT.invalidPoint, 'objects.0.points.0.1'],
  [
    'NaN pressure',
    rawAdd([rawStroke({ points: [[1, 1, NaN]] })]),
    REJECT.invalidPoint,
    'objects.0.points.0.2',
  ],
  [
    'Infinity x',
    rawAdd([rawStroke({ points: [[Infinity, 1, 0.5]] })]),
    REJECT.invalidPoint,
    'objects.0.points.0.0',
  ],
  [
    '-Infinity y',
    rawAdd([rawStroke({ points: [[1, -Infinity, 0.5]] })]),
    REJECT.invalidPoint,
    'objects.0.points.0.1',
  ],
  [
    'Infinity pressure',
    rawAdd([rawStroke({ points: [[1, 1, Infinity]] })]),
    REJECT.invalidPoint,
    'objects.0.points.0.2',
  ],
  [
    'pressure over 1',
    rawAdd([rawStroke({ points: [[1, 1, 1.01]] })]),
    REJECT.invalidPoint,
    'objects.0.points.0.2',
  ],
  ['pressure 2', rawAdd([rawStroke({ points: [[1, 1, 2]] })]), REJECT.invalidPoint, 'objects.0.points.0.2'],
  [
    'negative pressure',
    rawAdd([rawStroke({ points: [[1, 1, -0.01]] })]),
    REJECT.invalidPoint,
    'objects.0.points.0.2',
  ],
  [
    'x a string',
    rawAdd([rawStroke({ points: [['1', 1, 0.5]] })]),
    REJECT.invalidPoint,
    'objects.0.points.0.0',
  ],
  ['x null', rawAdd([rawStroke({ points: [[null, 1, 0.5]] })]), REJECT.invalidPoint, 'objects.0.points.0.0'],
  [
    'x a bigint',
    rawAdd([rawStroke({ points: [[1n, 1, 0.5]] })]),
    REJECT.invalidPoint,
    'objects.0.points.0.0',
  ],
  [
    'x beyond the far margin',
    rawAdd([rawStroke({ points: [[30_000.5, 1, 0.5]] })]),
    REJECT.invalidPoint,
    'objects.0.points.0.0',
  ],
  [
    'y beyond the near margin',
    rawAdd([rawStroke({ points: [[1, -10_001, 0.5]] })]),
    REJECT.invalidPoint,
    'objects.0.points.0.1',
  ],
  [
    'point with two values',
    rawAdd([rawStroke({ points: [[1, 1]] })]),
    REJECT.invalidPoint,
    'objects.0.points.0',
  ],
  [
    'point with four values',
    rawAdd([rawStroke({ points: [[1, 1, 0.5, 9]] })]),
    REJECT.invalidPoint,
    'objects.0.points.0',
  ],
  [
    'point as an object',
    rawAdd([rawStroke({ points: [{ x: 1, y: 1, p: 0.5 }] })]),
    REJECT.invalidPoint,
    'objects.0.points.0',
  ],
  [
    'bad point after good ones',
    rawAdd([
      rawStroke({
        points: [
          [1, 1, 0.5],
          [2, 2, 0.5],
          [3, NaN, 0.5],
        ],
      }),
    ]),
    REJECT.invalidPoint,
    'objects.0.points.2.1',
  ],
  ['no points', rawAdd([rawStroke({ points: [] })]), REJECT.invalidPoint, 'objects.0.points'],
  [
    'points not an array',
    rawAdd([rawStroke({ points: '1,1,0.5' })]),
    REJECT.invalidPoint,
    'objects.0.points',
  ],
  ['missing points', rawAdd([rawStroke({ points: undefined })]), REJECT.invalidPoint, 'objects.0.points'],
];

const tooMany: Row[] = [
  [
    'one point over the stroke limit',
    rawAdd([rawStroke({ points: repeat(LIMITS.pointsPerStroke + 1, () => [1, 1, 0.5]) })]),
    REJECT.tooManyPoints,
    'objects.0.points',
  ],
  [
    'one object over the add limit',
    rawAdd(repeat(LIMITS.objectsPerAddOp + 1, (i) => rawStroke({ id: `s${i}` }))),
    REJECT.tooManyObjects,
    'objects',
  ],
  [
    'one id over the remove limit',
    rawRemove(repeat(LIMITS.idsPerRemoveOp + 1, (i) => `s${i}`)),
    REJECT.tooManyObjects,
    'ids',
  ],
];

describe('parseWith(opSchema) rejects with the exact reason', () => {
  const tables = {
    'bad ids': badId,
    'bad shapes': badShape,
    'bad objects': badObject,
    'bad points': badPoints,
    'too many': tooMany,
  };
  for (const [group, rows] of Object.entries(tables)) {
    describe(group, () => {
      it.each(rows)('%s', (_what, input, reason, detail) => {
        const result = parseWith(opSchema, input);
        expect(result).toEqual(detail === undefined ? { ok: false, reason } : { ok: false, reason, detail });
      });
    });
  }

  it('never throws and never echoes the raw payload in the result', () => {
    const result = parseWith(opSchema, rawAdd([rawStroke({ color: '<script>' })]));
    expect(JSON.stringify(result)).not.toContain('<script>');
  });
});
