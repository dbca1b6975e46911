import { readdirSync, readFileSync } from 'node:fs';
import { performActions, pointerActions, startWebkitSession } from '../tests/helpers/engines/webkit-engine';
import { startXvfb } from '../tests/helpers/engines/xvfb';
import { PROBE_SCRIPT } from './draw-probe';
import { waitForBoardIn, type At, type DrawPage, type OpenDraw } from './draw-page';

/** Linux's USER_HZ: /proc counts CPU time in these ticks. */
const TICKS_PER_SECOND = 100;

interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  cpuTicks: number;
}

function readStat(pid: string): ProcStat | undefined {
  try {
    const raw = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const close = raw.lastIndexOf(')');
    const comm = raw.slice(raw.indexOf('(') + 1, close);
    // Fields after the name: state ppid ... utime (14th field overall) stime (15th).
    const rest = raw.slice(close + 2).split(' ');
    return { pid: Number(pid), ppid: Number(rest[1]), comm, cpuTicks: Number(rest[11]) + Number(rest[12]) };
  } catch {
    return undefined;
  }
}

/**
 * CPU seconds of the WebKit web processes (the renderer: script, layout, paint) under a
 * driver process: WebKitWebDriver starts MiniBrowser, which starts them (through bwrap when
 * sandboxed).
 */
function webProcessCpu(root: number): number {
  const all = readdirSync('/proc')
    .filter((d) => /^\d+$/.test(d))
    .map(readStat)
    .filter((s): s is ProcStat => s !== undefined);
  const children = new Map<number, ProcStat[]>();
  for (const s of all) children.set(s.ppid, [...(children.get(s.ppid) ?? []), s]);
  let ticks = 0;
  const stack = [root];
  while (stack.length > 0) {
    for (const c of children.get(stack.pop() as number) ?? []) {
      if (c.comm.startsWith('WebKitWebProces')) ticks += c.cpuTicks;
      stack.push(c.pid);
    }
  }
  return ticks / TICKS_PER_SECOND;
}

/**
 * The recorder page in WebKitGTK's MiniBrowser (WebKitWebDriver under an Xvfb of its own;
 * GDK_SCALE for a device scale above 1; no accelerated compositing unless asked). WebKitGTK's driver delivers a pen's pointerdown only
 * (no moves, no lift), so the stroke is the driver's mouse, paced by WebKit's own input
 * dispatcher; its wheel action adds a stray reversed event at (0, 0), so the zoom step is a
 * WheelEvent dispatched on the board where the pointer is.
 */
export async function openWebkitDraw(o: OpenDraw): Promise<DrawPage> {
  const xvfb = await startXvfb('2600x1800x24');
  try {
    const env: Record<string, string> = o.scale > 1 ? { GDK_SCALE: String(o.scale) } : {};
    // Like Chromium's --disable-gpu: without a GPU, WebKitGTK's GL compositing runs on Mesa's
    // software rasteriser, a cost no real device has (about 3x the latency here).
    // BENCH_WEBKIT_COMPOSITING=1 measures it anyway.
    const compositing = process.env.BENCH_WEBKIT_COMPOSITING === '1';
    if (!compositing) env.WEBKIT_DISABLE_COMPOSITING_MODE = '1';
    const session = await startWebkitSession(xvfb.display, o.viewport, env);
    const { driver } = session;
    const close = async () => {
      try {
        await session.close();
      } finally {
        await xvfb.stop();
      }
    };
    try {
      const opened = performance.now();
      await driver.get(o.url);
      const run = <R>(expression: string) => driver.executeScript<R>(`return (${expression});`);
      await waitForBoardIn({ run }, o.strokes);
      o.log(
        `  webkit: recorder page shows ${o.strokes} strokes after ${Math.round(performance.now() - opened)} ms`,
      );
      // Nothing needs the probe before the board is there: it only times later input.
      await driver.executeScript(`${PROBE_SCRIPT}
        window.__drawErrors = [];
        window.addEventListener('error', (e) => window.__drawErrors.push(String(e.message)));`);
      const box = await run<{ x: number; y: number; width: number; height: number }>(
        `(() => { const r = document.querySelector('[data-testid="board"]').getBoundingClientRect(); ` +
          `return { x: r.left, y: r.top, width: r.width, height: r.height }; })()`,
      );
      return {
        engine: 'WebKitGTK',
        input: compositing ? 'mouse (WebDriver), GL compositing' : 'mouse (WebDriver)',
        box,
        run,
        penStroke: (points: readonly At[], hz: number) =>
          performActions(driver, {
            type: 'pointer',
            id: 'mouse',
            parameters: { pointerType: 'mouse' },
            actions: pointerActions('mouse', points, 1000 / hz),
          }),
        async wheel(at, deltaY) {
          await driver.executeScript(
            `const [x, y, dy] = arguments;
             const el = document.elementFromPoint(x, y);
             el.dispatchEvent(new WheelEvent('wheel', { clientX: x, clientY: y, deltaY: dy, bubbles: true, cancelable: true }));`,
            at.x,
            at.y,
            deltaY,
          );
        },
        cpuSeconds: async () => webProcessCpu(session.pid),
        errors: () => run<string[]>('window.__drawErrors ?? []'),
        close,
      };
    } catch (err) {
      await close();
      throw err;
    }
  } catch (err) {
    await xvfb.stop();
    throw err;
  }
}
