import { setPriority } from 'node:os';
import { FONT_FILES } from '../export/fonts';
import { FONT_WEIGHTS, type FontWeight } from './board-text';
import type { SubsetReply, SubsetTask } from './subset-task';
import { openSourceFont, webSubset } from './web-subset';

/**
 * The font subset process: cuts the web fonts of one board's text and exits. Brotli at its
 * best quality takes a few hundred ms of CPU per face: here, at a lower priority, it never
 * delays an op on the process that serves the sockets.
 */
function post(message: SubsetReply): void {
  process.send?.(message);
}

function file(weight: FontWeight): string {
  return weight === FONT_WEIGHTS.bold ? FONT_FILES.bold : FONT_FILES.regular;
}

process.once('message', (task: SubsetTask) => {
  try {
    setPriority(10);
  } catch {
    // Not allowed here: run at the server's priority.
  }
  try {
    const faces = task.faces.map((f) => webSubset(openSourceFont(file(f.weight)), f.codePoints));
    post({ type: 'subsets', faces });
  } catch (err) {
    post({ type: 'failed', message: String(err) });
  }
});
process.once('disconnect', () => process.exit(0));
