import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';

export const XVFB = '/usr/bin/Xvfb';

export interface Xvfb {
  /** The DISPLAY value, e.g. ":12". */
  display: string;
  stop(): Promise<void>;
}

function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}

/**
 * A virtual X server on a display nobody uses: `-displayfd` lets Xvfb pick the first free
 * number itself and tell us which, so parallel test files never race for one.
 */
export async function startXvfb(screen = '1600x1000x24'): Promise<Xvfb> {
  if (!existsSync(XVFB)) throw new Error(`${XVFB} is missing (apt-get install xvfb)`);
  const child = spawn(XVFB, ['-displayfd', '1', '-screen', '0', screen, '-nolisten', 'tcp'], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d: Buffer) => {
    stderr = (stderr + d.toString()).slice(-2000);
  });
  const display = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`Xvfb gave no display within 10 s:\n${stderr}`)), 10_000);
    child.stdout?.on('data', (d: Buffer) => {
      out += d.toString();
      const line = out.match(/^(\d+)\n/);
      if (line) {
        clearTimeout(timer);
        resolve(`:${line[1]}`);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Xvfb exited with ${code}:\n${stderr}`));
    });
  });
  return { display, stop: () => stopChild(child) };
}
