import { Packr } from 'msgpackr/pack';
import * as msgpackParser from 'socket.io-msgpack-parser';

/** Socket.IO's ack packet type: a reply to `emitWithAck` (the `sync` reply among them). */
const ACK = 3;
/** msgpack: nil is one byte, and a fixarray of one element starts with this byte. */
const NIL = 0xc0;
const ARRAY_OF_ONE = 0x91;

interface Packet {
  type: number;
  nsp: string;
  id?: number;
  data?: unknown;
}

/**
 * Frames are written by msgpackr, read by the wire's notepack decoder on both sides. notepack's
 * encoder took 3–7 ms for one 10,000-point op (the broadcast of a large paste, once per op),
 * msgpackr 0.6–0.8 ms, for bytes notepack decodes to the same value. Options that keep it to
 * plain MessagePack as notepack reads it: no records or extension types, and properties whose
 * value is undefined left out as notepack and JSON leave them (the parser refuses a packet
 * whose `id` is nil).
 */
// skipValues is in msgpackr 1.12 but not in the types of its `pack` entry.
const packr = new Packr({
  useRecords: false,
  moreTypes: false,
  encodeUndefinedAsNil: true,
  skipValues: [undefined],
} as ConstructorParameters<typeof Packr>[0]);

/** The msgpack bytes of any value, as the wire parser reads them. */
function encodeValue(value: unknown): Buffer {
  return packr.pack(value);
}

/** Replies sent to many sockets, with their msgpack bytes once they were first needed. */
const shared = new WeakMap<object, Buffer | null>();

/**
 * Marks a reply object as one that many sockets receive (a catch-up reply from the cache):
 * it is encoded once, the first time, and every later ack carrying the same object reuses the
 * bytes. The object must not change after this.
 */
export function shareReply(reply: object): void {
  if (!shared.has(reply)) shared.set(reply, null);
}

/** The encoded size of a shared reply (it is encoded now if it was not yet). */
export function sharedReplyBytes(reply: object): number {
  return bytesOf(reply).length;
}

function bytesOf(reply: object): Buffer {
  let bytes = shared.get(reply);
  if (!bytes) {
    bytes = encodeValue(reply);
    shared.set(reply, bytes);
  }
  return bytes;
}

/**
 * The msgpack parser of shared/wire.ts with one shortcut on the server's side: an ack whose
 * only argument is a shared reply is assembled from that reply's cached bytes instead of
 * encoded again. Encoding 500 ops of 200 points takes ~65 ms; copying the bytes takes well
 * under 1 ms, so a flood of identical catch-up requests costs copies, not encodes. The bytes
 * on the wire are the same a plain encode would give, so clients see no difference.
 */
export class SharedFrameEncoder {
  encode(packet: Packet): Buffer[] {
    const reply = Array.isArray(packet.data) && packet.data.length === 1 ? (packet.data[0] as unknown) : null;
    if (
      packet.type !== ACK ||
      !Number.isInteger(packet.id) ||
      typeof reply !== 'object' ||
      reply === null ||
      !shared.has(reply)
    )
      return [encodeValue(packet)];
    // `data` last and nil: the envelope's final byte is that nil, replaced by [reply].
    const envelope = encodeValue({ type: packet.type, nsp: packet.nsp, id: packet.id, data: null });
    if (envelope[envelope.length - 1] !== NIL) return [encodeValue(packet)];
    return [Buffer.concat([envelope.subarray(0, -1), Buffer.of(ARRAY_OF_ONE), bytesOf(reply)])];
  }
}

/** The server's parser: the wire's decoder, the encoder above (frames the wire's decoder reads). */
export const SERVER_PARSER = {
  protocol: msgpackParser.protocol,
  PacketType: msgpackParser.PacketType,
  Encoder: SharedFrameEncoder,
  Decoder: msgpackParser.Decoder,
} as const;
