import { describe, expect, it } from 'vitest';
import * as msgpackParser from 'socket.io-msgpack-parser';
import { SharedFrameEncoder, shareReply, sharedReplyBytes } from '../../server/socket/shared-frames';
import { addOp, makeStroke } from '../helpers/fixtures';

function decode(frame: Buffer): unknown {
  const decoder = new msgpackParser.Decoder();
  let out: unknown;
  decoder.on('decoded', (p: unknown) => (out = p));
  decoder.add(frame);
  return out;
}

describe('shared catch-up frames', () => {
  const reply = {
    ok: true,
    seq: 3,
    ops: [1, 2, 3].map((seq) => ({
      seq,
      at: 1_700_000_000_000 + seq,
      actor: 'a',
      op: addOp(makeStroke(seq, 0, 50)),
    })),
  };

  it('assembles an ack of a shared reply that decodes exactly as a plain encode', () => {
    shareReply(reply);
    const encoder = new SharedFrameEncoder();
    for (const id of [0, 7, 300, 70_000]) {
      const packet = { type: 3, nsp: '/', id, data: [reply] };
      const [frame] = encoder.encode(packet);
      const [plain] = new msgpackParser.Encoder().encode(packet) as unknown as Buffer[];
      expect(decode(frame as Buffer)).toEqual(decode(plain as Buffer));
      expect(decode(frame as Buffer)).toEqual({ type: 3, nsp: '/', id, data: [reply] });
    }
    expect(sharedReplyBytes(reply)).toBeGreaterThan(1000);
  });

  it('encodes everything else so the wire parser reads the same packet', () => {
    const encoder = new SharedFrameEncoder();
    const big = {
      seq: 9,
      at: 1_700_000_000_000,
      actor: 'a',
      op: addOp(...Array.from({ length: 200 }, (_, i) => makeStroke(i, i, 50))),
    };
    for (const packet of [
      { type: 2, nsp: '/', data: ['op', reply.ops[0]] },
      { type: 2, nsp: '/', data: ['op', big] },
      // No id on an event: left out, never nil (the parser refuses a nil id).
      {
        type: 2,
        nsp: '/',
        id: undefined,
        data: ['live', { strokeId: 's', from: 0, points: [[1, 2, 0.5]], actor: 'c' }],
      },
      { type: 2, nsp: '/', data: ['bytes', { blob: Buffer.from([1, 2, 3]) }] },
      { type: 3, nsp: '/', id: 1, data: [{ ok: true, seq: 1, ops: [] }] },
      { type: 0, nsp: '/', data: { sid: 'abc' } },
    ]) {
      const [frame] = encoder.encode(packet);
      const [plain] = new msgpackParser.Encoder().encode(packet) as unknown as Buffer[];
      expect(decode(frame as Buffer)).toEqual(decode(plain as Buffer));
      expect('id' in (decode(frame as Buffer) as object)).toBe(packet.id !== undefined);
    }
  });
});
