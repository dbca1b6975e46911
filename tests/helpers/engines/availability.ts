import { existsSync } from 'node:fs';
import { findChromium } from '../chromium';
import type { EngineName } from './engine';
import { FIREFOX_ESR } from './firefox-engine';
import { findMiniBrowser, WEBKIT_DRIVER } from './webkit-engine';
import { XVFB } from './xvfb';

function inCi(): boolean {
  return process.env.CI === 'true' || process.env.CI === '1';
}

async function missing(name: EngineName): Promise<string | null> {
  switch (name) {
    case 'chromium':
      return findChromium().then(
        () => null,
        (err: unknown) => String(err),
      );
    case 'webkit':
      if (!existsSync(WEBKIT_DRIVER))
        return `${WEBKIT_DRIVER} is missing (apt-get install webkit2gtk-driver)`;
      if (!findMiniBrowser()) return 'MiniBrowser is missing (apt-get install webkit2gtk-driver)';
      if (!existsSync(XVFB)) return `${XVFB} is missing (apt-get install xvfb)`;
      return null;
    case 'firefox': {
      const path = process.env.FIREFOX_PATH ?? FIREFOX_ESR;
      return existsSync(path) ? null : `${path} is missing (apt-get install firefox-esr)`;
    }
  }
}

/**
 * Whether the engine can run here. A missing engine skips its suite with the reason, except
 * under CI=true, where it is a failure: CI must really run all three (as services.ts does).
 */
export async function engineAvailable(name: EngineName): Promise<boolean> {
  const reason = await missing(name);
  if (!reason) return true;
  if (inCi()) throw new Error(`CI=true but ${name} cannot run: ${reason}`);
  console.warn(`[engines] skipping ${name}: ${reason}`);
  return false;
}
