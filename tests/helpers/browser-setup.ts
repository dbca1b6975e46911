import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll } from 'vitest';
import type { Browser } from 'playwright-core';
import { openBrowser } from './browser-pages';
import { createBoard, type CreatedBoard } from './socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from './test-server';

export interface BrowserBoard {
  url: string;
  board: CreatedBoard;
  browser: Browser;
  /** A second board on the same server, for tests that need a fresh one. */
  newBoard(title?: string): Promise<CreatedBoard>;
  close(): Promise<void>;
}

/** One real server (in-memory store unless told) with one board, and one Chromium. */
export async function startBrowserBoard(store: 'memory' | 'sqlite' = 'memory'): Promise<BrowserBoard> {
  const server = await startTestServer(store);
  const browser = await openBrowser();
  const board = await createBoard(server.url, TEST_ADMIN_TOKEN, 'ブラウザーテスト');
  return {
    url: server.url,
    board,
    browser,
    newBoard: (title = '別のボード') => createBoard(server.url, TEST_ADMIN_TOKEN, title),
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}

/**
 * Registers the suite's server and Chromium (started before its tests, closed after them) and
 * returns a getter for them: the setup every browser suite otherwise writes out.
 */
export function useBrowserBoard(store: 'memory' | 'sqlite' = 'memory'): () => BrowserBoard {
  let env: BrowserBoard | undefined;
  beforeAll(async () => {
    env = await startBrowserBoard(store);
  });
  afterAll(async () => {
    await env?.close();
  });
  return () => {
    if (!env) throw new Error('the browser board is not started (use it inside a test)');
    return env;
  };
}

/** A scratch directory for the suite's files (PDF renderings and the like), removed after it. */
export function useTempDir(prefix: string): () => string {
  let dir: string | undefined;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), prefix));
  });
  afterAll(() => {
    if (dir) rmSync(dir, { recursive: true, force: true });
  });
  return () => {
    if (!dir) throw new Error('the scratch directory is not made yet (use it inside a test)');
    return dir;
  };
}
