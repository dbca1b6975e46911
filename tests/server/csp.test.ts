import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createBoard, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

/**
 * Every directive of the Content-Security-Policy the server sends, not only default-src: a
 * page that may load script from `*` or talk to any host is as open as one with no policy.
 * Each fetch directive is checked through the browser's fallback chain, so a directive left
 * out is judged by what the browser would really use in its place.
 */

const SELF = "'self'";
const NONE = "'none'";

/** What each directive may list. Anything else (a host, `*`, `https:`, `'unsafe-eval'`) fails. */
const ALLOWED: Record<string, readonly string[]> = {
  'default-src': [SELF, NONE],
  'script-src': [SELF, NONE],
  'script-src-elem': [SELF, NONE],
  'script-src-attr': [NONE],
  // fabric sets inline style attributes on its canvases.
  'style-src': [SELF, NONE, "'unsafe-inline'"],
  'style-src-elem': [SELF, NONE, "'unsafe-inline'"],
  'style-src-attr': [SELF, NONE, "'unsafe-inline'"],
  'img-src': [SELF, NONE, 'data:', 'blob:'],
  'font-src': [SELF, NONE, 'data:'],
  // 'self' covers ws:/wss: to the same origin (CSP Level 3), which is all the socket needs.
  'connect-src': [SELF, NONE],
  'media-src': [SELF, NONE, 'blob:'],
  'worker-src': [SELF, NONE, 'blob:'],
  'child-src': [SELF, NONE],
  'frame-src': [SELF, NONE],
  'object-src': [NONE],
  'manifest-src': [SELF, NONE],
  'base-uri': [SELF, NONE],
  'form-action': [SELF, NONE],
  'frame-ancestors': [SELF, NONE],
};

/** Directives the browser falls back from, nearest first (CSP Level 3). */
const FALLBACK: Record<string, readonly string[]> = {
  'script-src-elem': ['script-src', 'default-src'],
  'script-src-attr': ['script-src', 'default-src'],
  'style-src-elem': ['style-src', 'default-src'],
  'style-src-attr': ['style-src', 'default-src'],
  'worker-src': ['child-src', 'script-src', 'default-src'],
  'frame-src': ['child-src', 'default-src'],
  'child-src': ['default-src'],
};

/** These have no fallback: left out, they allow everything, so they must be sent. */
const REQUIRED = ['default-src', 'base-uri', 'form-action', 'frame-ancestors', 'object-src'] as const;

/** Directives that take no source list. */
const FLAGS = new Set(['upgrade-insecure-requests', 'block-all-mixed-content']);

function parseCsp(header: string): Map<string, string[]> {
  const directives = new Map<string, string[]>();
  for (const part of header.split(';')) {
    const [name, ...sources] = part.trim().split(/\s+/);
    if (name && !directives.has(name.toLowerCase())) directives.set(name.toLowerCase(), sources);
  }
  return directives;
}

/** Every way the policy is too open, one line each; empty when it holds. */
function cspProblems(header: string): string[] {
  const csp = parseCsp(header);
  const problems: string[] = [];
  for (const name of REQUIRED) if (!csp.has(name)) problems.push(`${name} is missing`);
  for (const name of csp.keys()) {
    if (!(name in ALLOWED) && !FLAGS.has(name)) problems.push(`${name} is not reviewed by this test`);
  }
  for (const [name, allowed] of Object.entries(ALLOWED)) {
    const chain = [name, ...(FALLBACK[name] ?? (name === 'default-src' ? [] : ['default-src']))];
    const used = chain.find((d) => csp.has(d));
    if (!used) continue; // only possible for a REQUIRED one, reported above
    const sources = csp.get(used) ?? [];
    if (sources.length === 0) problems.push(`${name} (via ${used}) lists nothing`);
    for (const source of sources) {
      if (!allowed.includes(source)) problems.push(`${name} (via ${used}) allows ${source}`);
    }
  }
  return problems;
}

describe('Content-Security-Policy', () => {
  let server: Awaited<ReturnType<typeof startTestServer>>;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startTestServer();
    board = await createBoard(server.url, TEST_ADMIN_TOKEN, 'CSP');
  });
  afterAll(async () => {
    await server?.stop();
  });

  it('every fetch directive on every page and the API allows only the origin itself', async () => {
    const urls = [
      board.links.draw,
      board.links.view,
      board.links.present,
      `${server.url}/admin`,
      `${server.url}/healthz`,
    ];
    for (const url of urls) {
      const header = (await fetch(url)).headers.get('content-security-policy');
      expect(header, url).toBeTruthy();
      expect(cspProblems(header ?? ''), `${url}\n${header}`).toEqual([]);
    }
  });

  // The checker itself, so a weakened policy cannot pass through a weakened check.
  const GOOD =
    "default-src 'self';script-src 'self';style-src 'self' 'unsafe-inline';img-src 'self' data: blob:;" +
    "connect-src 'self';font-src 'self';object-src 'none';base-uri 'self';form-action 'self';" +
    "frame-ancestors 'self';script-src-attr 'none'";

  it.each([
    [
      'script-src *',
      GOOD.replace("script-src 'self'", 'script-src *'),
      'script-src (via script-src) allows *',
    ],
    [
      'connect-src *',
      GOOD.replace("connect-src 'self'", 'connect-src *'),
      'connect-src (via connect-src) allows *',
    ],
    [
      'connect-src to another host',
      GOOD.replace("connect-src 'self'", "connect-src 'self' https://evil.example"),
      'connect-src (via connect-src) allows https://evil.example',
    ],
    [
      'unsafe-eval',
      GOOD.replace("script-src 'self'", "script-src 'self' 'unsafe-eval'"),
      "script-src (via script-src) allows 'unsafe-eval'",
    ],
    [
      'default-src *, media-src falls back to it',
      GOOD.replace("default-src 'self'", 'default-src *'),
      'media-src (via default-src) allows *',
    ],
    [
      'worker-src falls back to script-src',
      GOOD.replace("script-src 'self'", "script-src 'self' https:"),
      'worker-src (via script-src) allows https:',
    ],
    ['frame-src *', `${GOOD};frame-src *`, 'frame-src (via frame-src) allows *'],
    ['no base-uri', GOOD.replace(";base-uri 'self'", ''), 'base-uri is missing'],
    ['no frame-ancestors', GOOD.replace(";frame-ancestors 'self'", ''), 'frame-ancestors is missing'],
    ['an unreviewed directive', `${GOOD};prefetch-src *`, 'prefetch-src is not reviewed by this test'],
  ])('the check refuses %s', (_what, header, problem) => {
    expect(cspProblems(GOOD)).toEqual([]);
    expect(cspProblems(header)).toContain(problem);
  });
});
