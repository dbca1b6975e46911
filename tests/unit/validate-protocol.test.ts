import { describe, expect, it } from 'vitest';
import { createBoardSchema } from '../../shared/board';
import { LIMITS } from '../../shared/limits';
import {
  liveStrokeSchema,
  PROTOCOL_VERSION,
  socketAuthSchema,
  syncRequestSchema,
} from '../../shared/protocol';
import { REJECT, type RejectReason } from '../../shared/reject-reasons';
import { parseWith } from '../../shared/validate';
import { repeat } from './fixtures';

type Row = [string, unknown, RejectReason, string | undefined];

function expectReject(
  schema: Parameters<typeof parseWith>[0],
  input: unknown,
  reason: RejectReason,
  detail?: string,
) {
  expect(parseWith(schema, input)).toEqual(
    detail === undefined ? { ok: false, reason } : { ok: false, reason, detail },
  );
}

function live(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    tool: 'pen',
    color: '#1f2328',
    size: 10,
    opacity: 1,
    simulatePressure: false,
    strokeId: 'k1',
    from: 0,
    points: [[1, 2, 0.3]],
    ...overrides,
  };
}

function auth(overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return { boardId: 'b1', key: 'secret', clientId: 'c1', protocol: PROTOCOL_VERSION, ...overrides };
}

describe('live stroke batches', () => {
  const rows: Row[] = [
    [
      'one point over the batch limit',
      live({ points: repeat(LIMITS.pointsPerLiveBatch + 1, () => [1, 1, 0.5]) }),
      REJECT.tooManyPoints,
      'points',
    ],
    ['stroke id that climbs a path', live({ strokeId: '../x' }), REJECT.invalidId, 'strokeId'],
    ['NaN coordinate', live({ points: [[NaN, 1, 0.5]] }), REJECT.invalidPoint, 'points.0.0'],
    ['pressure over 1', live({ points: [[1, 1, 1.5]] }), REJECT.invalidPoint, 'points.0.2'],
    ['negative from', live({ from: -1 }), REJECT.invalidPayload, 'from'],
    ['fractional from', live({ from: 1.5 }), REJECT.invalidPayload, 'from'],
    [
      'from beyond the stroke limit',
      live({ from: LIMITS.pointsPerStroke + 1 }),
      REJECT.invalidPayload,
      'from',
    ],
    ['unknown tool', live({ tool: 'laser' }), REJECT.invalidPayload, 'tool'],
    ['bad colour', live({ color: 'blue' }), REJECT.invalidColor, 'color'],
    ['cancel as a string', live({ cancel: 'yes' }), REJECT.invalidPayload, 'cancel'],
    ['not an object', 'points', REJECT.invalidPayload, undefined],
  ];
  it.each(rows)('rejects %s', (_what, input, reason, detail) =>
    expectReject(liveStrokeSchema, input, reason, detail),
  );

  it('accepts an empty cancel batch and cleans points like a stroke', () => {
    expect(parseWith(liveStrokeSchema, live({ points: [], cancel: true })).ok).toBe(true);
    const result = parseWith(
      liveStrokeSchema,
      live({ points: [[1.6, 2.4, 0.123]], color: '#ABCDEF', actor: 'spoofed' }),
    );
    expect(result).toEqual({
      ok: true,
      value: { ...live({ points: [[2, 2, 0.12]], color: '#abcdef' }) },
    });
  });
});

describe('socket handshake auth', () => {
  const rows: Row[] = [
    ['an older protocol', auth({ protocol: PROTOCOL_VERSION - 1 }), REJECT.protocolMismatch, 'protocol'],
    ['a newer protocol', auth({ protocol: PROTOCOL_VERSION + 1 }), REJECT.protocolMismatch, 'protocol'],
    ['no protocol', auth({ protocol: undefined }), REJECT.protocolMismatch, 'protocol'],
    [
      'protocol as a string',
      auth({ protocol: String(PROTOCOL_VERSION) }),
      REJECT.protocolMismatch,
      'protocol',
    ],
    ['board id that climbs a path', auth({ boardId: '../boards' }), REJECT.invalidId, 'boardId'],
    [
      'client id too long',
      auth({ clientId: 'c'.repeat(LIMITS.idMaxLength + 1) }),
      REJECT.invalidId,
      'clientId',
    ],
    ['empty key', auth({ key: '' }), REJECT.invalidPayload, 'key'],
    ['key too long', auth({ key: 'k'.repeat(201) }), REJECT.invalidPayload, 'key'],
    ['no auth at all', undefined, REJECT.invalidPayload, undefined],
  ];
  it.each(rows)('rejects %s', (_what, input, reason, detail) =>
    expectReject(socketAuthSchema, input, reason, detail),
  );

  it('accepts the current protocol', () => {
    expect(parseWith(socketAuthSchema, auth()).ok).toBe(true);
  });
});

describe('board creation body', () => {
  const rows: Row[] = [
    ['an empty title', { title: '' }, REJECT.invalidTitle, 'title'],
    ['a blank title', { title: ' \t\n ' }, REJECT.invalidTitle, 'title'],
    ['a title of ideographic spaces', { title: '　　' }, REJECT.invalidTitle, 'title'],
    [
      'a title one over the limit',
      { title: 'あ'.repeat(LIMITS.titleMaxLength + 1) },
      REJECT.invalidTitle,
      'title',
    ],
    ['a numeric title', { title: 7 }, REJECT.invalidTitle, 'title'],
    ['no title', {}, REJECT.invalidTitle, 'title'],
    [
      'a board narrower than the minimum',
      { title: 'x', width: LIMITS.boardMinSide - 1 },
      REJECT.invalidPayload,
      'width',
    ],
    [
      'a board taller than the maximum',
      { title: 'x', height: LIMITS.boardMaxSide + 1 },
      REJECT.invalidPayload,
      'height',
    ],
    ['a fractional width', { title: 'x', width: 1000.5 }, REJECT.invalidPayload, 'width'],
  ];
  it.each(rows)('rejects %s', (_what, input, reason, detail) =>
    expectReject(createBoardSchema, input, reason, detail),
  );

  it('trims a Japanese title and keeps it', () => {
    expect(parseWith(createBoardSchema, { title: '  地域福祉セミナー  ' })).toEqual({
      ok: true,
      value: { title: '地域福祉セミナー' },
    });
  });
});

describe('sync request', () => {
  it.each([
    ['a negative seq', { since: -1 }],
    ['a fractional seq', { since: 1.5 }],
    ['a string seq', { since: '3' }],
    ['nothing', null],
  ])('rejects %s', (_what, input) => {
    expect(parseWith(syncRequestSchema, input)).toMatchObject({ ok: false, reason: REJECT.invalidPayload });
  });

  it('accepts since 0', () => {
    expect(parseWith(syncRequestSchema, { since: 0 })).toEqual({ ok: true, value: { since: 0 } });
  });
});
