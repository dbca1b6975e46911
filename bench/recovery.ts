import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { ExportJob } from '../server/export/export-job';
import { bigBoard } from './exports';
import { storeSafety } from './store-safety';
import { now } from './clock';
import { median } from './stats';
import { formatTable, type Cell } from './table';

const root = fileURLToPath(new URL('../', import.meta.url));
const SUPERVISOR = 'dist/server/supervisor-main.js';

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as AddressInfo;
      s.close(() => resolve(port));
    });
  });
}

async function healthy(url: string): Promise<boolean> {
  try {
    return (await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(500) })).status === 200;
  } catch {
    return false;
  }
}

/** ms from `since` until /healthz answers 200, polled every 10 ms. */
async function untilHealthy(url: string, since: number): Promise<number> {
  while (!(await healthy(url))) {
    if (now() - since > 30_000) throw new Error(`${url} not healthy after 30 s`);
    await new Promise((r) => setTimeout(r, 10));
  }
  return now() - since;
}

interface Started {
  child: ChildProcess;
  url: string;
  output: () => string;
  exited: Promise<unknown>;
}

function launch(command: string, args: string[], dataDir: string, port: number): Started {
  const child = spawn(command, args, {
    cwd: root,
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATA_DIR: dataDir, ADMIN_TOKEN: 'bench' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr?.on('data', (d: Buffer) => (out += d.toString()));
  const exited = new Promise((r) => child.once('exit', r));
  return { child, url: `http://127.0.0.1:${port}`, output: () => out, exited };
}

async function stop(s: Started): Promise<void> {
  s.child.kill('SIGTERM');
  await s.exited;
}

/** Start to healthy, `times` runs each in a fresh DATA_DIR. */
async function startTimes(command: string, args: string[], times: number): Promise<number[]> {
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    const dataDir = mkdtempSync(join(tmpdir(), 'grareco-bench-start-'));
    const t0 = now();
    const s = launch(command, args, dataDir, await freePort());
    ms.push(await untilHealthy(s.url, t0));
    await stop(s);
    rmSync(dataDir, { recursive: true, force: true });
  }
  return ms;
}

const servingPids = (out: string) =>
  [...out.matchAll(/listening on \S+ \(pid (\d+)/g)].map((m) => Number(m[1]));

/** kill -9 of the serving process to healthy again, `times` rounds under one supervisor. */
async function killTimes(times: number): Promise<number[]> {
  const dataDir = mkdtempSync(join(tmpdir(), 'grareco-bench-kill-'));
  const s = launch(process.execPath, [SUPERVISOR], dataDir, await freePort());
  await untilHealthy(s.url, now());
  const ms: number[] = [];
  for (let i = 0; i < times; i++) {
    while (servingPids(s.output()).length < i + 1) await new Promise((r) => setTimeout(r, 10));
    // A process that served more than a second is restarted at once (no backoff): wait past it.
    await new Promise((r) => setTimeout(r, 1_200));
    const pid = servingPids(s.output())[i] as number;
    const t0 = now();
    process.kill(pid, 'SIGKILL');
    ms.push(await untilHealthy(s.url, t0));
  }
  await stop(s);
  rmSync(dataDir, { recursive: true, force: true });
  return ms;
}

type RunExport = typeof import('../server/export/run-export');
type RenderExport = typeof import('../server/export/render-export');

/** A one-stroke SVG: the work is nearly nothing, so what is measured is the process around it. */
function tinyJob(): ExportJob {
  const { doc } = bigBoard(1);
  const one = { ...doc, objects: doc.objects.slice(0, 1), seq: 1 };
  return { kind: 'svg', doc: one, images: new Map() };
}

type BuildServer = {
  bundleServer(root: string, entries: Record<string, string>, outDir: string): Promise<void>;
};

/**
 * Per tiny job: in an export child (bundled as the served build is, the child beside the
 * runner) and in this process, ms.
 */
async function exportTimes(times: number): Promise<{ child: number[]; inProcess: number[] }> {
  // Inside the project, so the bundles find the packages they leave to Node (pdfkit, resvg).
  const outDir = mkdtempSync(join(root, 'dist', 'bench-export-'));
  const build = (await import(pathToFileURL(join(root, 'scripts/build-server.mjs')).href)) as BuildServer;
  await build.bundleServer(
    root,
    {
      'run-export': 'server/export/run-export.ts',
      'render-export': 'server/export/render-export.ts',
      'export-child': 'server/export/export-child.ts',
    },
    outDir,
  );
  const bundled = (file: string) => pathToFileURL(join(outDir, file)).href;
  const { runExport } = (await import(bundled('run-export.js'))) as RunExport;
  const { renderExport } = (await import(bundled('render-export.js'))) as RenderExport;
  const job = tinyJob();
  await renderExport(job); // warm the in-process path once: the child pays its load every time
  const child: number[] = [];
  const inProcess: number[] = [];
  for (let i = 0; i < times; i++) {
    let t0 = now();
    await runExport(job);
    child.push(now() - t0);
    t0 = now();
    await renderExport(job);
    inProcess.push(now() - t0);
  }
  rmSync(outDir, { recursive: true, force: true });
  return { child, inProcess };
}

/** `npm run bench -- recovery`: start, restart after kill -9, and the export process's cost. */
export async function recoveryBench(repeat: number): Promise<void> {
  const build = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: root, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('build failed');
  console.log(`recovery: medians of ${repeat} runs, loopback, build current, fresh DATA_DIR per start`);
  const npmStart = await startTimes('npm', ['start', '--silent'], repeat);
  const direct = await startTimes(process.execPath, [SUPERVISOR], repeat);
  const killed = await killTimes(repeat);
  const exports = await exportTimes(repeat);
  const overhead = exports.child.map((c, i) => c - (exports.inProcess[i] ?? NaN));
  const store = await storeSafety();
  const rows: Cell[][] = [
    [
      'npm start → /healthz 200 (freshness check, supervisor, server)',
      median(npmStart),
      Math.max(...npmStart),
    ],
    ['node supervisor-main.js → /healthz 200', median(direct), Math.max(...direct)],
    ['kill -9 of the serving process → /healthz 200 again', median(killed), Math.max(...killed)],
    [
      'tiny SVG export in a child process (spawn → answer)',
      median(exports.child),
      Math.max(...exports.child),
    ],
    ['same export in-process (no child)', median(exports.inProcess), Math.max(...exports.inProcess)],
    ['export-process overhead per job', median(overhead), Math.max(...overhead)],
  ];
  console.log(`\n${formatTable(['what', 'median ms', 'max ms'], rows)}`);
  const mb = store.megabytes.toFixed(0);
  console.log(
    `\n${formatTable(
      ['store safety, one run', 'ms'],
      [
        [`open a ${mb} MB store (quick_check included)`, store.openMs],
        [`online backup of the ${mb} MB store`, store.backupMs],
        ['  worst event-loop delay meanwhile', store.backupLoopMaxMs],
        ['  the same writer as long with no backup: worst delay', store.quietLoopMaxMs],
        [`  ops committed meanwhile (one per 5 ms)`, store.opsDuringBackup],
      ],
    )}`,
  );
}
