import type { AgendaItem, BoardDocument } from '../../shared/board';
import { boardBounds } from '../../shared/geometry/record-bounds';
import type { Bounds } from '../../shared/geometry/matrix';
import { layerOf } from '../../shared/layers';
import type { BoardObject } from '../../shared/objects/board-object';
import type { TextRecord } from '../../shared/objects/text';

/** The board's words under one programme heading (or, heading null, before or without one). */
export interface TextSection {
  heading: AgendaItem | null;
  texts: string[];
}

function norm(s: string): string {
  return s.normalize('NFKC').replace(/\s+/gu, ' ').trim();
}

/** The template's own lettering (title, start times, headings) is given as headings, not again as text. */
function templateEcho(record: TextRecord, doc: BoardDocument): boolean {
  if (layerOf(record) !== 'template') return false;
  const text = norm(record.text);
  return (
    text === norm(doc.title) || doc.meta.agenda.some((a) => text === norm(a.title) || text === norm(a.start))
  );
}

/** The column of each agenda item: its template box, else an even share of the width. */
function agendaColumns(doc: BoardDocument): { x0: number; x1: number; top: number }[] {
  const { agenda, width } = doc.meta;
  const boxes = new Map<number, Bounds>();
  for (const o of doc.objects) {
    const m = /-agenda-(\d+)-box$/.exec(o.id);
    if (m && o.type === 'shape' && layerOf(o) === 'template') boxes.set(Number(m[1]), boardBounds(o));
  }
  return agenda.map((_, i) => {
    const box = boxes.get(i);
    if (box) return { x0: box.minX, x1: box.maxX, top: box.minY };
    return { x0: (i * width) / agenda.length, x1: ((i + 1) * width) / agenda.length, top: 0 };
  });
}

function readingOrder(a: { b: Bounds }, b: { b: Bounds }): number {
  // Rows first, top to bottom; within a row (tops less than a line apart), left to right.
  const dy = a.b.minY - b.b.minY;
  return Math.abs(dy) > 40 ? dy : a.b.minX - b.b.minX;
}

/** The column under which a text ends (its centre within it, or the closest one), or -1 above them all. */
function nearestColumn(
  columns: readonly { x0: number; x1: number; top: number }[],
  cx: number,
  bottom: number,
): number {
  let best = -1;
  let bestGap = Infinity;
  columns.forEach((c, i) => {
    if (bottom <= c.top) return;
    const gap = cx < c.x0 ? c.x0 - cx : cx > c.x1 ? cx - c.x1 : 0;
    if (gap < bestGap) [best, bestGap] = [i, gap];
  });
  return best;
}

/**
 * The board's text as a page reads it: every text record, in reading order, under the
 * programme heading whose column it sits in (the template lays the agenda out as one box per
 * item in a row). Text above the row, or on a board without a programme, comes first.
 */
export function boardTextSections(doc: BoardDocument): TextSection[] {
  const texts = doc.objects
    .filter((o: BoardObject): o is TextRecord => o.type === 'text' && !templateEcho(o, doc))
    .map((o) => ({ text: o.text, b: boardBounds(o) }))
    .sort(readingOrder);
  const columns = agendaColumns(doc);
  const lead: TextSection = { heading: null, texts: [] };
  const sections: TextSection[] = doc.meta.agenda.map((heading) => ({ heading, texts: [] }));
  for (const t of texts) {
    const cx = (t.b.minX + t.b.maxX) / 2;
    (sections[nearestColumn(columns, cx, t.b.maxY)] ?? lead).texts.push(t.text);
  }
  return lead.texts.length > 0 || sections.length === 0 ? [lead, ...sections] : sections;
}
