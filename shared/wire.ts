import * as msgpackParser from 'socket.io-msgpack-parser';

/**
 * How every grareco socket talks, server and clients alike: websocket only (faster connects,
 * no sticky sessions) and msgpack frames, which are smaller than JSON because points are
 * rounded to integer board units. Both ends must use the same parser.
 */
export const WIRE: { transports: ['websocket']; parser: typeof msgpackParser } = {
  transports: ['websocket'],
  parser: msgpackParser,
};
