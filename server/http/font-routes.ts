import { Router } from 'express';
import { canWrite } from '../../shared/protocol';
import { REJECT } from '../../shared/reject-reasons';
import type { BoardService } from '../boards/board-service';
import { boardCodePoints, FONT_WEIGHTS, unicodeRange, type CodePointsByWeight } from '../fonts/board-text';
import { FontSubsets } from '../fonts/subset-builds';
import { boardAccess } from './board-access';

/** The chrome's own characters a page may add to its board's faces (a viewer needs ~60). */
const UI_CHARS_MAX = 256;
/** How long the first viewer of a new text waits for its faces before using the full font. */
const FIRST_BUILD_WAIT_MS = 3_000;
const FACE_FILE = /^([0-9a-f]{32})\.woff2$/;
const TEXT_KEPT = 64;

function uiCodePoints(value: unknown): number[] {
  if (typeof value !== 'string') return [];
  const out = new Set<number>();
  for (const ch of value) {
    const cp = ch.codePointAt(0);
    if (cp !== undefined && cp >= 0x20) out.add(cp);
    if (out.size >= UI_CHARS_MAX) break;
  }
  return [...out];
}

function merged(a: readonly number[], b: readonly number[]): number[] {
  return [...new Set([...a, ...b])].sort((x, y) => x - y);
}

/**
 * Each board's own web font: `GET /api/boards/:id/fonts` (any key of the board) names the
 * faces holding the board's text, and `GET /api/fonts/<hash>.woff2` serves them, immutable
 * by content. A phone then loads one small file per weight instead of dozens of the full
 * font's slices; client/fonts.ts puts the faces in front of those slices.
 */
export function fontRoutes(boards: BoardService, subsets = new FontSubsets()): Router {
  const router = Router();
  // The characters of a board at a seq, read once for every viewer loading it meanwhile.
  const texts = new Map<string, CodePointsByWeight>();

  router.get('/boards/:id/fonts', async (req, res) => {
    const access = await boardAccess(boards, req, res);
    if (!access) return;
    const { meta, seq } = access.board;
    const sees = meta.revealed || canWrite(access.role) ? 'board' : 'cover';
    const slot = `${meta.id}\n${sees}`;
    const version = `${slot}\n${seq}\n${meta.title}`;
    let text = texts.get(version);
    if (!text) {
      const doc = await boards.writer.document(meta.id);
      if (!doc) {
        res.status(404).json({ error: REJECT.unknownBoard });
        return;
      }
      text = boardCodePoints(doc, access.role);
      texts.set(version, text);
      const oldest = texts.keys().next().value;
      if (texts.size > TEXT_KEPT && oldest !== undefined) texts.delete(oldest);
    }
    const query = req.query as Record<string, unknown>;
    const wanted = [
      {
        weight: FONT_WEIGHTS.regular,
        codePoints: merged(text[FONT_WEIGHTS.regular], uiCodePoints(query['ui'])),
      },
      { weight: FONT_WEIGHTS.bold, codePoints: merged(text[FONT_WEIGHTS.bold], uiCodePoints(query['uib'])) },
    ];
    const faces = await subsets.faces(slot, wanted, FIRST_BUILD_WAIT_MS);
    res.set('Cache-Control', 'no-store').json({
      faces: faces.map((f) => ({
        weight: f.weight,
        url: `/api/fonts/${f.hash}.woff2`,
        unicodeRange: unicodeRange(f.codePoints),
      })),
    });
  });

  router.get('/fonts/:file', (req, res) => {
    const hash = FACE_FILE.exec(req.params['file'] ?? '')?.[1];
    const face = hash ? subsets.face(hash) : undefined;
    if (!face) {
      res.status(404).json({ error: REJECT.notFound });
      return;
    }
    const etag = `"${face.hash}"`;
    res.set({
      'Content-Type': 'font/woff2',
      // Named by its content: the bytes behind a name never change. Public: no key in it.
      'Cache-Control': 'public, max-age=31536000, immutable',
      ETag: etag,
      'X-Content-Type-Options': 'nosniff',
    });
    if (req.get('if-none-match') === etag) {
      res.status(304).end();
      return;
    }
    res.send(face.woff2);
  });
  return router;
}
