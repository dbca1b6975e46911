import { describe, expect, it } from 'vitest';
import { imageSchema } from '../../shared/objects/image';
import { shapeSchema } from '../../shared/objects/shape';
import { stampSchema } from '../../shared/objects/stamp';
import { textSchema } from '../../shared/objects/text';
import { LIMITS } from '../../shared/limits';
import { REJECT, type RejectReason } from '../../shared/reject-reasons';
import { parseWith } from '../../shared/validate';

/** The placed records (text, shape, stamp, image), parsed on their own schemas. */
type Row = [string, Parameters<typeof parseWith>[0], unknown, RejectReason, string];

const place = { w: 100, h: 50, transform: [1, 0, 0, 1, 10, 20] };
const text = (o: Record<string, unknown> = {}) => ({
  id: 't1',
  type: 'text',
  text: '基調講演',
  fontSize: 44,
  color: '#1f2328',
  bold: false,
  ...place,
  ...o,
});
const shape = (o: Record<string, unknown> = {}) => ({
  id: 'h1',
  type: 'shape',
  shape: 'rect',
  stroke: '#000000',
  fill: null,
  strokeWidth: 4,
  flipX: false,
  flipY: false,
  bend: 0,
  ...place,
  ...o,
});
const stamp = (o: Record<string, unknown> = {}) => ({
  id: 'p1',
  type: 'stamp',
  stamp: 'light-bulb',
  color: '#000000',
  ...place,
  ...o,
});
const image = (o: Record<string, unknown> = {}) => ({
  id: 'i1',
  type: 'image',
  assetId: 'a'.repeat(64),
  ...place,
  ...o,
});

const rows: Row[] = [
  ['text: empty', textSchema, text({ text: '' }), REJECT.invalidPayload, 'text'],
  [
    'text: one over the length limit',
    textSchema,
    text({ text: 'あ'.repeat(LIMITS.textLength + 1) }),
    REJECT.textTooLong,
    'text',
  ],
  ['text: font too small', textSchema, text({ fontSize: 7 }), REJECT.invalidPayload, 'fontSize'],
  ['text: bad colour', textSchema, text({ color: 'red' }), REJECT.invalidColor, 'color'],
  ['text: id that climbs a path', textSchema, text({ id: '../x' }), REJECT.invalidId, 'id'],
  ['placed: zero width', textSchema, text({ w: 0 }), REJECT.invalidPayload, 'w'],
  [
    'placed: NaN in the transform',
    textSchema,
    text({ transform: [1, 0, 0, 1, NaN, 0] }),
    REJECT.invalidPayload,
    'transform.4',
  ],
  [
    'placed: Infinity in the transform',
    textSchema,
    text({ transform: [Infinity, 0, 0, 1, 0, 0] }),
    REJECT.invalidPayload,
    'transform.0',
  ],
  [
    'placed: a five-entry transform',
    textSchema,
    text({ transform: [1, 0, 0, 1, 0] }),
    REJECT.invalidPayload,
    'transform',
  ],
  [
    'placed: a transform far off the board',
    textSchema,
    text({ transform: [1, 0, 0, 1, 2e6, 0] }),
    REJECT.invalidPayload,
    'transform.4',
  ],
  ['placed: unknown layer', textSchema, text({ layer: 'top' }), REJECT.invalidPayload, 'layer'],
  ['shape: unknown kind', shapeSchema, shape({ shape: 'star' }), REJECT.invalidPayload, 'shape'],
  ['shape: fill "none"', shapeSchema, shape({ fill: 'none' }), REJECT.invalidColor, 'fill'],
  ['shape: bend beyond 1', shapeSchema, shape({ bend: 2 }), REJECT.invalidPayload, 'bend'],
  [
    'shape: negative stroke width',
    shapeSchema,
    shape({ strokeWidth: -1 }),
    REJECT.invalidPayload,
    'strokeWidth',
  ],
  ['stamp: a name that climbs a path', stampSchema, stamp({ stamp: '../x' }), REJECT.invalidPayload, 'stamp'],
  ['stamp: a name in capitals', stampSchema, stamp({ stamp: 'Bulb' }), REJECT.invalidPayload, 'stamp'],
  [
    'image: an asset id that climbs a path',
    imageSchema,
    image({ assetId: `../${'a'.repeat(61)}` }),
    REJECT.invalidPayload,
    'assetId',
  ],
  [
    'image: an asset id in capitals',
    imageSchema,
    image({ assetId: 'A'.repeat(64) }),
    REJECT.invalidPayload,
    'assetId',
  ],
  [
    'image: a short asset id',
    imageSchema,
    image({ assetId: 'a'.repeat(63) }),
    REJECT.invalidPayload,
    'assetId',
  ],
];

describe('placed records reject with the exact reason', () => {
  it.each(rows)('%s', (_what, schema, input, reason, detail) => {
    expect(parseWith(schema, input)).toEqual({ ok: false, reason, detail });
  });
});

describe('placed records accept and clean good input', () => {
  it('keeps Japanese text, lower-cases the colour, strips unknown keys', () => {
    expect(parseWith(textSchema, text({ color: '#ABCDEF', fabricType: 'IText' }))).toEqual({
      ok: true,
      value: text({ color: '#abcdef' }),
    });
  });

  it('accepts a filled shape, lower-casing the fill, and a layer', () => {
    const result = parseWith(shapeSchema, shape({ fill: '#ABCDEF', layer: 'template' }));
    expect(result).toEqual({ ok: true, value: shape({ fill: '#abcdef', layer: 'template' }) });
  });

  it.each([
    ['a stamp', stampSchema, stamp()],
    ['an image', imageSchema, image()],
    ['text at the length limit', textSchema, text({ text: 'あ'.repeat(LIMITS.textLength) })],
  ] as [string, Parameters<typeof parseWith>[0], unknown][])('accepts %s', (_what, schema, input) => {
    expect(parseWith(schema, input)).toEqual({ ok: true, value: input });
  });
});
