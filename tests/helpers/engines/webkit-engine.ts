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

type Action = Record<string, unknown>;

/** W3C pointer actions for one contact: down at the first point, moves, up at the last. */
function pointerActions(kind: 'mouse' | StylusKind, points: readonly PagePoint[]): Action[] {
  const [first, ...rest] = points;
  if (!first) return [];
  const at = (p: PagePoint) => ({ x: Math.round(p.x), y: Math.round(p.y), origin: 'viewport' });
  const pressure = kind === 'mouse' ? {} : { pressure: 0.5, width: 1, height: 1 };
  return [
    { type: 'pointerMove', duration: 0, ...at(first) },
    { type: 'pointerDown', button: 0, ...pressure },
    ...rest.map((p) => ({ type: 'pointerMove', duration: STEP_MS, ...at(p), ...pressure })),
    { type: 'pointerUp', button: 0 },
  ];
}

/**
 * One page is one WebKitWebDriver with one session: the driver holds a single session, and
 * each session's MiniBrowser keeps its own ephemeral website data, as another device would.
 */
function webkitPage(driver: WebDriver, child: ChildProcess): EnginePage {
  async function perform(kind: 'mouse' | StylusKind, actions: Action[]): Promise<void> {
    const source = { type: 'pointer', id: `${kind}-1`, parameters: { pointerType: kind }, actions };
    await driver.execute(new Command(Name.ACTIONS).setParameter('actions', [source]));
    await driver.execute(new Command(Name.CLEAR_ACTIONS));
  }
  async function keys(actions: Action[]): Promise<void> {
    const source = { type: 'key', id: 'keyboard', actions };
    await driver.execute(new Command(Name.ACTIONS).setParameter('actions', [source]));
    await driver.execute(new Command(Name.CLEAR_ACTIONS));
  }
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
    async close() {
      try {
        await driver.quit();
      } finally {
        await stopChild(child);
      }
    },
  };
}

/** WebKitGTK's MiniBrowser in a virtual X server of its own, one WebKitWebDriver per page. */
export async function launchWebkitEngine(): Promise<Engine> {
  const browser = findMiniBrowser();
  if (!existsSync(WEBKIT_DRIVER) || !browser)
    throw new Error('WebKitGTK is missing (apt-get install webkit2gtk-driver xvfb)');
  const xvfb: Xvfb = await startXvfb();
  const open = new Set<EnginePage>();
  return {
    name: ENGINE.webkit,
    stylus: 'pen',
    stylusDrags: false,
    async newPage(url) {
      const port = await freePort();
      const child = spawn(WEBKIT_DRIVER, [`--port=${port}`], {
        stdio: 'ignore',
        env: { ...process.env, DISPLAY: xvfb.display },
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
        // The window's outer size; the viewport is a toolbar-less few pixels shorter.
        await driver
          .manage()
          .window()
          .setRect({ x: 0, y: 0, ...ENGINE_VIEWPORT });
        const page = webkitPage(driver, child);
        const close = page.close;
        const tracked: EnginePage = {
          ...page,
          async close() {
            open.delete(tracked);
            await close();
          },
        };
        open.add(tracked);
        await driver.get(url);
        return tracked;
      } catch (err) {
        await stopChild(child);
        throw err;
      }
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
