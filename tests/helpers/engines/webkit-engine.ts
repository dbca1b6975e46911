import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { Builder, By, type WebDriver } from 'selenium-webdriver';
import { Command, Name } from 'selenium-webdriver/lib/command.js';
import { freePort } from '../free-port';
import {
  ENGINE,
  ENGINE_VIEWPORT,
  type Engine,
  type EnginePage,
  type PagePoint,
  type StylusKind,
} from './engine';
import { startXvfb, type Xvfb } from './xvfb';

export const WEBKIT_DRIVER = '/usr/bin/WebKitWebDriver';

/** Pointer moves at about 60 Hz, as a hand moves a pen. */
const STEP_MS = 16;

/**
 * Debian's webkit2gtk-driver drives MiniBrowser, which lives beside the WebKitGTK library
 * (webkit2gtk-4.1 today; webkitgtk-6.0 in newer releases). WEBKIT_MINIBROWSER names another.
 */
export function findMiniBrowser(): string | undefined {
  const fromEnv = process.env.WEBKIT_MINIBROWSER;
  if (fromEnv) return existsSync(fromEnv) ? fromEnv : undefined;
  for (const lib of ['/usr/lib', '/usr/libexec']) {
    const arches = existsSync(lib) ? readdirSync(lib) : [];
    for (const dir of ['', ...arches]) {
      for (const api of ['webkitgtk-6.0', 'webkit2gtk-4.1', 'webkit2gtk-4.0']) {
        const candidate = join(lib, dir, api, 'MiniBrowser');
        if (existsSync(candidate)) return candidate;
      }
    }
  }
  return undefined;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

async function waitForDriver(port: number, child: ChildProcess): Promise<void> {
  const end = Date.now() + 15_000;
  while (Date.now() < end) {
    if (child.exitCode !== null) throw new Error(`WebKitWebDriver exited with ${child.exitCode}`);
    try {
      const res = await fetch(`http://127.0.0.1:${port}/status`);
      if (res.ok) return;
    } catch {
      // Not listening yet.
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`WebKitWebDriver did not answer on ${port} within 15 s`);
}

export type Action = Record<string, unknown>;

/** Performs one W3C input source's actions, then releases whatever it left pressed. */
export async function performActions(driver: WebDriver, source: Record<string, unknown>): Promise<void> {
  await driver.execute(new Command(Name.ACTIONS).setParameter('actions', [source]));
  await driver.execute(new Command(Name.CLEAR_ACTIONS));
}

/** W3C pointer actions for one contact: down at the first point, moves, up at the last. */
export function pointerActions(
  kind: 'mouse' | StylusKind,
  points: readonly PagePoint[],
  stepMs = STEP_MS,
): Action[] {
  const [first, ...rest] = points;
  if (!first) return [];
  const at = (p: PagePoint) => ({ x: Math.round(p.x), y: Math.round(p.y), origin: 'viewport' });
  const pressure = kind === 'mouse' ? {} : { pressure: 0.5, width: 1, height: 1 };
  return [
    { type: 'pointerMove', duration: 0, ...at(first) },
    { type: 'pointerDown', button: 0, ...pressure },
    // Whole milliseconds only: the rounding is carried, so 8.33 ms steps keep 120 Hz on average.
    ...rest.map((p, i) => ({
      type: 'pointerMove',
      duration: Math.round((i + 1) * stepMs) - Math.round(i * stepMs),
      ...at(p),
      ...pressure,
    })),
    { type: 'pointerUp', button: 0 },
  ];
}

/**
 * One page is one WebKitWebDriver with one session: the driver holds a single session, and
 * each session's MiniBrowser keeps its own ephemeral website data, as another device would.
 */
function webkitPage(session: WebkitSession): EnginePage {
  const { driver } = session;
  const perform = (kind: 'mouse' | StylusKind, actions: Action[]) =>
    performActions(driver, { type: 'pointer', id: `${kind}-1`, parameters: { pointerType: kind }, actions });
  const keys = (actions: Action[]) => performActions(driver, { type: 'key', id: 'keyboard', actions });
  return {
    engine: ENGINE.webkit,
    goto: (url) => driver.get(url),
    reload: () => driver.navigate().refresh(),
    evaluate<A, R>(fn: (arg: A) => R | Promise<R>, arg: A): Promise<R> {
      // WebDriver's Execute Script awaits a returned promise.
      return driver.executeScript<R>(`return (${fn.toString()})(arguments[0]);`, arg);
    },
    mouseStroke: (points) => perform('mouse', pointerActions('mouse', points)),
    stylusStroke: (kind, points) => perform(kind, pointerActions(kind, points)),
    async click(selector) {
      await driver.findElement(By.css(selector)).click();
    },
    clickAt: (at) => perform('mouse', pointerActions('mouse', [at])),
    async typeText(text) {
      await driver.switchTo().activeElement().sendKeys(text);
    },
    pressCtrlEnter: () =>
      keys([
        { type: 'keyDown', value: '\uE009' },
        { type: 'keyDown', value: '\uE007' },
        { type: 'keyUp', value: '\uE007' },
        { type: 'keyUp', value: '\uE009' },
      ]),
    async screenshot() {
      return Buffer.from(await driver.takeScreenshot(), 'base64');
    },
    close: () => session.close(),
  };
}

export interface WebkitSession {
  driver: WebDriver;
  /** The WebKitWebDriver process; MiniBrowser and its web process run under it. */
  pid: number;
  close(): Promise<void>;
}

/**
 * One WebKitWebDriver on a free port with one MiniBrowser session on the given X display, its
 * window at `size` (outer size: the viewport is the window, MiniBrowser shows no toolbar under
 * automation). `env` adds to the driver's environment (GDK_SCALE for a HiDPI window).
 */
export async function startWebkitSession(
  display: string,
  size: { width: number; height: number } = ENGINE_VIEWPORT,
  env: Record<string, string> = {},
): Promise<WebkitSession> {
  const browser = findMiniBrowser();
  if (!existsSync(WEBKIT_DRIVER) || !browser)
    throw new Error('WebKitGTK is missing (apt-get install webkit2gtk-driver xvfb)');
  const port = await freePort();
  const child = spawn(WEBKIT_DRIVER, [`--port=${port}`], {
    stdio: 'ignore',
    env: { ...process.env, ...env, DISPLAY: display },
  });
  try {
    await waitForDriver(port, child);
    const driver = await new Builder()
      .usingServer(`http://127.0.0.1:${port}`)
      .withCapabilities({
        browserName: 'MiniBrowser',
        'webkitgtk:browserOptions': { binary: browser, args: ['--automation'] },
      })
      .build();
    await driver
      .manage()
      .window()
      .setRect({ x: 0, y: 0, ...size });
    return {
      driver,
      pid: child.pid ?? 0,
      async close() {
        try {
          await driver.quit();
        } finally {
          await stopChild(child);
        }
      },
    };
  } catch (err) {
    await stopChild(child);
    throw err;
  }
}

/** WebKitGTK's MiniBrowser in a virtual X server of its own, one WebKitWebDriver per page. */
export async function launchWebkitEngine(): Promise<Engine> {
  if (!existsSync(WEBKIT_DRIVER) || !findMiniBrowser())
    throw new Error('WebKitGTK is missing (apt-get install webkit2gtk-driver xvfb)');
  const xvfb: Xvfb = await startXvfb();
  const open = new Set<EnginePage>();
  return {
    name: ENGINE.webkit,
    stylus: 'pen',
    stylusDrags: false,
    async newPage(url) {
      const session = await startWebkitSession(xvfb.display);
      const page = webkitPage(session);
      const tracked: EnginePage = {
        ...page,
        async close() {
          open.delete(tracked);
          await page.close();
        },
      };
      open.add(tracked);
      try {
        await session.driver.get(url);
      } catch (err) {
        await tracked.close();
        throw err;
      }
      return tracked;
    },
    async close() {
      try {
        await Promise.allSettled([...open].map((p) => p.close()));
      } finally {
        await xvfb.stop();
      }
    },
  };
}
