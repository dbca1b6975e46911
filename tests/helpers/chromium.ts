import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chromium, type Browser } from 'playwright-core';

const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a quiet, deterministic headless run: no sandbox (CI containers run as root),
 * no GPU, and no background traffic that could reach the network during a test.
 */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
] as const;

function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: 'inherit',
      env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' },
    });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0 ? resolve() : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** One install attempt per process, shared by every caller. */
let installing: Promise<void> | undefined;

function installDebianChromium(): Promise<void> {
  installing ??= (async () => {
    console.log(
      '[chromium] /usr/bin/chromium is missing; as root: apt-get update && apt-get install -y chromium',
    );
    // The lock timeout lets parallel test workers wait for each other instead of failing on the dpkg lock.
    const lock = ['-o', 'DPkg::Lock::Timeout=300'];
    await run('apt-get', [...lock, 'update']);
    await run('apt-get', [...lock, 'install', '-y', 'chromium']);
  })();
  return installing;
}

function playwrightChromium(): string | undefined {
  try {
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : undefined;
  } catch {
    // playwright-core throws when it has no registry entry for this platform.
    return undefined;
  }
}

/**
 * Where to find Chromium, most explicit first: CHROMIUM_PATH, Debian's package, an install
 * when we are root (CI), then Playwright's own download. Otherwise the error says what to run.
 */
export async function findChromium(): Promise<string> {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) {
    if (!existsSync(fromEnv)) throw new Error(`CHROMIUM_PATH=${fromEnv} does not exist`);
    return fromEnv;
  }
  if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  if (process.platform === 'linux' && process.getuid?.() === 0 && existsSync('/usr/bin/apt-get')) {
    await installDebianChromium();
    if (existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  }
  const downloaded = playwrightChromium();
  if (downloaded) return downloaded;
  throw new Error(
    'Chromium not found. Install it with `sudo apt-get install chromium` (Debian/Ubuntu), ' +
      'or `npx playwright-core install chromium`, or set CHROMIUM_PATH to a Chromium executable.',
  );
}

export async function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: await findChromium(), headless: true, args: [...CHROMIUM_ARGS] });
}
