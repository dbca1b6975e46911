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

  it('encodes everything else as the wire parser does', () => {
    const encoder = new SharedFrameEncoder();
    const event = { type: 2, nsp: '/', data: ['op', reply.ops[0]] };
    const [frame] = encoder.encode(event);
    const [plain] = new msgpackParser.Encoder().encode(event) as unknown as Buffer[];
    expect(Buffer.compare(frame as Buffer, plain as Buffer)).toBe(0);
    const unshared = { type: 3, nsp: '/', id: 1, data: [{ ok: true, seq: 1, ops: [] }] };
    expect(decode(encoder.encode(unshared)[0] as Buffer)).toEqual(unshared);
  });
});
