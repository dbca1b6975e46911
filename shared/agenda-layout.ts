import type { AgendaItem } from './board';
import { layoutText, notoSansJpMeasure, textBlockHeight } from './geometry/text-layout';
import type { BoardObject } from './objects/board-object';
import type { ShapeRecord } from './objects/shape';
import type { TextRecord } from './objects/text';
import { TEXT_SIZES } from './objects/text';

const MARGIN = 0.03;
const GAP = 24;
const BOX_MIN_H = 150;
const HEADING_SIZE = 40;
const TIME_SIZE = 30;

/** The template's margin from the board's edges: 3 % of its shorter side. */
export function templateMargin(width: number, height: number): number {
  return Math.round(Math.min(width, height) * MARGIN);
}

/**
 * The prepared template of an event board: the title in the top-left corner and one box
 * per agenda item in a row below it, each with its start time and heading. Every record sits
 * on the template layer, so the recorder draws over it and cannot move it by accident.
 * Ids are derived from `prefix`, so the same call gives the same records. `reserveRight`
 * keeps that much of the title's line free on the right (for the organiser's logo).
 */
export function agendaTemplate(
  title: string,
  agenda: readonly AgendaItem[],
  width: number,
  height: number,
  prefix: string,
  reserveRight = 0,
): BoardObject[] {
  const m = templateMargin(width, height);
  const out: BoardObject[] = [];
  const titleSize = TEXT_SIZES.title;
  const titleW = Math.max(1, width - 2 * m - reserveRight);
  const titleLines = layoutText(title, titleW, notoSansJpMeasure(titleSize, true));
  const titleH = Math.round(textBlockHeight(titleLines, titleSize));
  const titleRecord: TextRecord = {
    id: `${prefix}-title`,
    type: 'text',
    text: title,
    fontSize: titleSize,
    color: '#1f2328',
    bold: true,
    w: titleW,
    h: Math.max(1, titleH),
    transform: [1, 0, 0, 1, m, m],
    layer: 'template',
  };
  out.push(titleRecord);
  if (agenda.length === 0) return out;

  const top = m + titleH + GAP;
  const colW = (width - 2 * m - GAP * (agenda.length - 1)) / agenda.length;
  const inner = Math.max(1, Math.round(colW * 0.8));
  const measure = notoSansJpMeasure(HEADING_SIZE, true);
  const headingHeights = agenda.map((item) =>
    textBlockHeight(layoutText(item.title, inner, measure), HEADING_SIZE),
  );
  // Every box as tall as the longest heading needs, so the row stays even.
  const boxH = Math.max(BOX_MIN_H, Math.round(14 + TIME_SIZE * 1.4 + Math.max(...headingHeights) + 24));
  agenda.forEach((item, i) => {
    const x = Math.round(m + i * (colW + GAP));
    const box: ShapeRecord = {
      id: `${prefix}-agenda-${i}-box`,
      type: 'shape',
      shape: 'roundRect',
      stroke: '#4b5563',
      fill: '#f1f3f5',
      strokeWidth: 4,
      flipX: false,
      flipY: false,
      bend: 0,
      w: Math.max(1, Math.round(colW)),
      h: boxH,
      transform: [1, 0, 0, 1, x, top],
      layer: 'template',
    };
    const time: TextRecord = {
      id: `${prefix}-agenda-${i}-time`,
      type: 'text',
      text: item.start,
      fontSize: TIME_SIZE,
      color: '#4b5563',
      bold: false,
      w: inner,
      h: Math.round(textBlockHeight([item.start], TIME_SIZE)),
      transform: [1, 0, 0, 1, Math.round(x + colW * 0.1), top + 14],
      layer: 'template',
    };
    const heading: TextRecord = {
      id: `${prefix}-agenda-${i}-title`,
      type: 'text',
      text: item.title,
      fontSize: HEADING_SIZE,
      color: '#1f2328',
      bold: true,
      w: inner,
      h: Math.max(1, Math.round(headingHeights[i] ?? HEADING_SIZE)),
      transform: [1, 0, 0, 1, Math.round(x + colW * 0.1), top + 14 + TIME_SIZE * 1.4],
      layer: 'template',
    };
    out.push(box, time, heading);
  });
  return out;
}
