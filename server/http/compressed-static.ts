import { readFile, stat } from 'node:fs/promises';
import { extname, relative, resolve, sep } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { RequestHandler } from 'express';

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);

/** Text the build writes; fonts and images are compressed already. */
const COMPRESSIBLE = new Set(['.js', '.mjs', '.css', '.svg', '.json', '.html', '.txt']);
const ENTRIES_KEPT = 64;
const ENCODINGS = ['br', 'gzip'] as const;
type Encoding = (typeof ENCODINGS)[number];

interface Entry {
  mtimeMs: number;
  bodies: Partial<Record<Encoding, Promise<Buffer>>>;
}

function compress(bytes: Buffer, encoding: Encoding): Promise<Buffer> {
  if (encoding === 'gzip') return gzipAsync(bytes, { level: 9 });
  return brotli(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 9, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.byteLength },
  });
}

function accepted(header: string | undefined): Encoding | undefined {
  const offered = (header ?? '').toLowerCase();
  return ENCODINGS.find((e) => new RegExp(`(^|[ ,])${e}(?!;q=0(\\.0*)?(,|$))`).test(offered));
}

/**
 * The client's scripts and styles compressed, once per file and encoding, in libuv's pool
 * (off the event loop), then served from memory: a phone on the hall's Wi-Fi fetches the
 * ~770 kB bundle as ~230 kB, and 250 phones cost one compression. Anything else (and any
 * client that takes no compression) goes on to express.static.
 */
export function compressedStatic(dir: string, maxAgeS = 3600): RequestHandler {
  const root = resolve(dir);
  const entries = new Map<string, Entry>();
  return (req, res, next) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') return next();
    const ext = extname(req.path);
    const encoding = accepted(req.get('accept-encoding'));
    if (!COMPRESSIBLE.has(ext) || !encoding) return next();
    const file = resolve(root, `.${decodeURIComponent(req.path)}`);
    const inside = relative(root, file);
    if (inside.startsWith('..') || inside.startsWith(sep) || inside === '') return next();
    void (async () => {
      const info = await stat(file).catch(() => undefined);
      if (!info?.isFile()) return next();
      let entry = entries.get(file);
      if (!entry || entry.mtimeMs !== info.mtimeMs) {
        entry = { mtimeMs: info.mtimeMs, bodies: {} };
        entries.set(file, entry);
        const oldest = entries.keys().next().value;
        if (entries.size > ENTRIES_KEPT && oldest !== undefined) entries.delete(oldest);
      }
      const body = (entry.bodies[encoding] ??= readFile(file).then((b) => compress(b, encoding)));
      const bytes = await body.catch(() => undefined);
      if (!bytes) return next();
      res.set({
        'Content-Encoding': encoding,
        Vary: 'Accept-Encoding',
        'Cache-Control': `public, max-age=${maxAgeS}`,
        'Last-Modified': info.mtime.toUTCString(),
      });
      res.type(ext).send(bytes);
    })().catch(next);
  };
}
