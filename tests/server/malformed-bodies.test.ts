import { connect } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REJECT } from '../../shared/reject-reasons';
import { createBoard, keyOf, type CreatedBoard } from '../helpers/socket-clients';
import { startTestServer, TEST_ADMIN_TOKEN } from '../helpers/test-server';

type Server = Awaited<ReturnType<typeof startTestServer>>;

/** Who sends the row's request: the organiser (admin token) or the recorder (edit key). */
type Sender = 'admin' | 'recorder';

interface Row {
  route: string;
  method: 'GET' | 'POST' | 'PATCH';
  /** The path under /api, `:id` standing for the board's id; a query is the input for GETs. */
  path: string;
  as: Sender;
  /** JSON text; `null` sends no body at all (no Content-Length, no Transfer-Encoding). */
  body: string | null;
  error: string;
  detail?: string;
}

/**
 * Every route that checks its input, each sent input of the wrong shape: each answers 400 with
 * the schema's typed reason (and where it failed), the JSON shape of every refusal, and no board
 * changes. The reasons are written out, not read from the server, so a route that answered a
 * looser reason (or a bare string) would fail here.
 */
const ROWS: Row[] = [
  {
    route: 'create',
    method: 'POST',
    path: '/boards',
    as: 'admin',
    body: '{"title":"   "}',
    error: REJECT.invalidTitle,
    detail: 'title',
  },
  {
    route: 'create, no title',
    method: 'POST',
    path: '/boards',
    as: 'admin',
    body: '{}',
    error: REJECT.invalidTitle,
    detail: 'title',
  },
  {
    route: 'rotate',
    method: 'POST',
    path: '/boards/:id/rotate',
    as: 'admin',
    body: '{"which":"both"}',
    error: REJECT.invalidPayload,
    detail: 'which',
  },
  {
    route: 'lock',
    method: 'POST',
    path: '/boards/:id/lock',
    as: 'admin',
    body: '{"locked":"yes"}',
    error: REJECT.invalidPayload,
    detail: 'locked',
  },
  {
    route: 'settings',
    method: 'PATCH',
    path: '/boards/:id',
    as: 'admin',
    body: '{"title":""}',
    error: REJECT.invalidTitle,
    detail: 'title',
  },
  {
    route: 'settings, alt text',
    method: 'PATCH',
    path: '/boards/:id',
    as: 'admin',
    body: JSON.stringify({ altText: 'あ'.repeat(5000) }),
    error: REJECT.textTooLong,
    detail: 'altText',
  },
  {
    route: 'duplicate',
    method: 'POST',
    path: '/boards/:id/duplicate',
    as: 'admin',
    body: '{"title":5}',
    error: REJECT.invalidTitle,
    detail: 'title',
  },
  {
    route: 'reveal',
    method: 'POST',
    path: '/boards/:id/reveal',
    as: 'recorder',
    body: '{"revealed":1}',
    error: REJECT.invalidPayload,
    detail: 'revealed',
  },
  {
    route: 'save stamp',
    method: 'POST',
    path: '/boards/:id/stamps',
    as: 'recorder',
    body: '{"name":"","objects":[]}',
    error: REJECT.invalidTitle,
    detail: 'name',
  },
  {
    route: 'export job',
    method: 'POST',
    path: '/boards/:id/export-jobs',
    as: 'admin',
    body: '{"format":"gif"}',
    error: REJECT.invalidPayload,
    detail: 'format',
  },
  {
    route: 'export job, pdf page',
    method: 'POST',
    path: '/boards/:id/export-jobs',
    as: 'admin',
    body: '{"format":"pdf","page":"a0"}',
    error: REJECT.invalidPayload,
    detail: 'page',
  },
  {
    route: 'pdf export',
    method: 'GET',
    path: '/boards/:id/export.pdf?page=a0',
    as: 'admin',
    body: null,
    error: REJECT.invalidPayload,
    detail: 'page',
  },
  {
    route: 'png export',
    method: 'GET',
    path: '/boards/:id/export.png?size=huge',
    as: 'admin',
    body: null,
    error: REJECT.invalidPayload,
    detail: 'size',
  },
  {
    route: 'asset upload, no body',
    method: 'POST',
    path: '/boards/:id/assets',
    as: 'recorder',
    body: null,
    error: REJECT.unsupportedImage,
  },
  {
    route: 'archive import, no body',
    method: 'POST',
    path: '/boards/import',
    as: 'admin',
    body: null,
    error: REJECT.invalidArchive,
  },
];

/** One request as raw HTTP, so "no body at all" really sends no framing headers (fetch would). */
function request(url: string, method: string, path: string, auth: string, body: string | null) {
  const { hostname, port } = new URL(url);
  const bytes = body === null ? undefined : Buffer.from(body);
  const head = [
    `${method} /api${path} HTTP/1.1`,
    `Host: ${hostname}:${port}`,
    `Authorization: Bearer ${auth}`,
    'Connection: close',
    ...(bytes ? ['Content-Type: application/json', `Content-Length: ${bytes.length}`] : []),
  ].join('\r\n');
  return new Promise<{ status: number; json: unknown }>((resolve, reject) => {
    const socket = connect(Number(port), hostname);
    const chunks: Buffer[] = [];
    socket.on('data', (c: Buffer) => chunks.push(c));
    socket.on('error', reject);
    socket.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(text)?.[1]);
      const payload = text.slice(text.indexOf('\r\n\r\n') + 4);
      try {
        resolve({ status, json: JSON.parse(payload) });
      } catch {
        resolve({ status, json: payload });
      }
    });
    socket.end(bytes ? Buffer.concat([Buffer.from(`${head}\r\n\r\n`), bytes]) : `${head}\r\n\r\n`);
  });
}

describe('malformed request bodies', () => {
  let server: Server;
  let board: CreatedBoard;

  beforeAll(async () => {
    server = await startTestServer('memory');
    board = await createBoard(server.url, TEST_ADMIN_TOKEN, '検証');
  });
  afterAll(async () => {
    await server.stop();
  });

  /** Everything a refused request could have changed: the boards, their meta, keys and objects. */
  async function everything(): Promise<unknown> {
    const headers = { authorization: `Bearer ${TEST_ADMIN_TOKEN}` };
    const list = (await (await fetch(`${server.url}/api/boards`, { headers })).json()) as {
      boards: { id: string }[];
    };
    const docs = await Promise.all(
      list.boards.map(async (b) => (await fetch(`${server.url}/api/boards/${b.id}`, { headers })).json()),
    );
    return { list, docs };
  }

  it.each(ROWS)('$route: 400 $error, nothing changed', async (row) => {
    const before = await everything();
    const auth = row.as === 'admin' ? TEST_ADMIN_TOKEN : keyOf(board.links.draw);
    const res = await request(server.url, row.method, row.path.replace(':id', board.id), auth, row.body);
    expect(res.status).toBe(400);
    expect(res.json).toEqual(
      row.detail === undefined ? { error: row.error } : { error: row.error, detail: row.detail },
    );
    expect(await everything()).toEqual(before);
  });

  it('answers an unknown API route with the typed not_found reason', async () => {
    const res = await fetch(`${server.url}/api/no-such-route`);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: REJECT.notFound });
  });
});
