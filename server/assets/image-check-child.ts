import { checkImageWhole } from './check-image';
import type { ImageCheckReply, ImageCheckTask } from './image-check-task';

/**
 * The image-check process: uploads read whole, one after another, for as long as the server
 * keeps it (see ReusableChild). A zlib bomb or a decoder bug ends this process, never the one
 * serving sockets; it loads no export renderer, so it starts quickly.
 */
process.on('message', (task: ImageCheckTask) => {
  let reply: ImageCheckReply;
  try {
    const bytes = Buffer.from(task.bytes.buffer, task.bytes.byteOffset, task.bytes.byteLength);
    reply = { type: 'image', result: checkImageWhole(bytes) };
  } catch (err) {
    reply = { type: 'failed', message: String(err) };
  }
  process.send?.(reply);
});
// The server went away (killed, crashed): nobody is left to take the answer.
process.once('disconnect', () => process.exit(0));
