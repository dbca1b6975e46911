import {
  arc,
  c,
  chevron,
  circle,
  ellipse,
  l,
  line,
  m,
  path,
  polar,
  polygon,
  q,
  roundRect,
  star,
} from './draw';

/**
 * grareco's built-in stamps: simple line drawings in the graphic-recording style, drawn for
 * grareco. Each is SVG path data in a 100 × 100 box using only absolute M, L, C, Q and Z, so
 * fabric and pdfkit draw them alike.
 *
 * How to draw one in a stamp record's colour:
 * - `strokes`: stroke with width STAMP_STROKE_WIDTH (box units), round caps and round joins,
 *   no fill;
 * - `fills`: fill (non-zero rule), no stroke;
 * - map the box onto the record with scale(w / STAMP_BOX, h / STAMP_BOX), then its transform.
 *   The stroke width scales with the box like everything else.
 */

export const STAMP_BOX = 100;
export const STAMP_STROKE_WIDTH = 6;

export interface StampDef {
  readonly strokes: readonly string[];
  readonly fills?: readonly string[];
}

/** The library's names in a stable order (the palette shows them in this order). */
export const STAMP_NAMES = [
  'person-standing',
  'person-pointing',
  'person-thinking',
  'person-talking',
  'person-cane',
  'people-group',
  'people-connect',
  'hands-heart',
  'handshake',
  'face-smile',
  'face-sad',
  'face-surprised',
  'face-thinking',
  'light-bulb',
  'heart',
  'star',
  'sparkle',
  'check',
  'question',
  'exclamation',
  'warning',
  'speech-bubble',
  'arrow-right',
  'arrow-up-right',
  'arrow-cycle',
  'target',
  'flag',
  'clock',
  'calendar',
  'house',
  'map-pin',
  'book',
  'puzzle',
] as const;

export type StampName = (typeof STAMP_NAMES)[number];

/** A stick figure's round head: a filled circle. */
function head(cx: number, cy: number, r = 10): string {
  return circle(cx, cy, r);
}

/** A speech bubble as one closed path: a rounded box with a tail from its bottom edge to `tip`. */
function bubble(
  x: number,
  y: number,
  w: number,
  h: number,
  r: number,
  tailFrom: number,
  tailTo: number,
  tip: readonly [number, number],
): string {
  const k = r * 0.5523;
  const x1 = x + w;
  const y1 = y + h;
  return path(
    m([x + r, y]),
    l([x1 - r, y]),
    c([x1 - r + k, y], [x1, y + r - k], [x1, y + r]),
    l([x1, y1 - r]),
    c([x1, y1 - r + k], [x1 - r + k, y1], [x1 - r, y1]),
    l([tailTo, y1], tip, [tailFrom, y1], [x + r, y1]),
    c([x + r - k, y1], [x, y1 - r + k], [x, y1 - r]),
    l([x, y + r]),
    c([x, y + r - k], [x + r - k, y], [x + r, y]),
    'Z',
  );
}

/** A heart with its dip at (cx, top + 0.28·size) and its tip at (cx, top + size). */
function heartPath(cx: number, top: number, size: number): string {
  const s = size / 80;
  const p = (x: number, y: number): [number, number] => [cx + x * s, top + y * s];
  return path(
    m(p(0, 80)),
    c(p(-28, 60), p(-42, 44), p(-42, 26)),
    c(p(-42, 10), p(-30, 0), p(-19, 0)),
    c(p(-9, 0), p(-2, 6), p(0, 14)),
    c(p(2, 6), p(9, 0), p(19, 0)),
    c(p(30, 0), p(42, 10), p(42, 26)),
    c(p(42, 44), p(28, 60), p(0, 80)),
    'Z',
  );
}

/** A filled arrowhead continuing a clockwise arc that ends at angle `deg` of the circle. */
function arcHead(cx: number, cy: number, r: number, deg: number): string {
  const base = polar(cx, cy, r, deg);
  const inner = polar(cx, cy, r - 11, deg);
  const outer = polar(cx, cy, r + 11, deg);
  const tip = polar(base[0], base[1], 16, deg + 90);
  return path(polygon(inner, outer, tip));
}

const HEART = heartPath(50, 12, 80);
const STAR = star(50, 55, 44, 19);
const EXCLAMATION = polygon([43, 8], [57, 8], [53, 64], [47, 64]);
const SPARKLE_BIG = path(
  m([42, 10]),
  q([46, 42], [74, 46]),
  q([46, 50], [42, 82]),
  q([38, 50], [10, 46]),
  q([38, 42], [42, 10]),
  'Z',
);
const SPARKLE_SMALL = path(
  m([76, 58]),
  q([78, 72], [90, 74]),
  q([78, 76], [76, 90]),
  q([74, 76], [62, 74]),
  q([74, 72], [76, 58]),
  'Z',
);
const WARNING = path(
  m([44, 12]),
  q([50, 2], [56, 12]),
  l([92, 76]),
  q([97, 86], [86, 86]),
  l([14, 86]),
  q([3, 86], [8, 76]),
  'Z',
);
const MAP_PIN = path(
  m([50, 94]),
  c([38, 74], [20, 58], [20, 38]),
  c([20, 20], [34, 8], [50, 8]),
  c([66, 8], [80, 20], [80, 38]),
  c([80, 58], [62, 74], [50, 94]),
  'Z',
);
/** A jigsaw piece: knobs out on the top and right, sockets in on the left and bottom. */
const PUZZLE = path(
  m([14, 26]),
  l([38, 26]),
  c([32, 14], [38, 6], [48, 6]),
  c([58, 6], [64, 14], [58, 26]),
  l([82, 26]),
  l([82, 48]),
  c([92, 42], [98, 48], [98, 58]),
  c([98, 68], [92, 74], [82, 68]),
  l([82, 92]),
  l([58, 92]),
  c([64, 80], [58, 72], [48, 72]),
  c([38, 72], [32, 80], [38, 92]),
  l([14, 92]),
  l([14, 68]),
  c([24, 74], [30, 68], [30, 58]),
  c([30, 48], [24, 42], [14, 48]),
  'Z',
);

const LIBRARY: Record<StampName, StampDef> = {
  'person-standing': {
    strokes: [
      line([50, 32], [50, 62]),
      line([28, 56], [50, 38], [72, 56]),
      line([34, 92], [50, 62], [66, 92]),
    ],
    fills: [head(50, 17, 11)],
  },
  'person-pointing': {
    strokes: [
      line([36, 32], [36, 62]),
      line([20, 58], [36, 38], [58, 32], [86, 18]),
      line([22, 92], [36, 62], [50, 92]),
    ],
    fills: [head(36, 17, 11)],
  },
  'person-thinking': {
    strokes: [
      line([34, 50], [34, 74]),
      line([22, 68], [34, 54]),
      line([34, 54], [50, 60], [46, 44]),
      line([22, 96], [34, 74], [46, 96]),
      ellipse(80, 16, 15, 10),
    ],
    fills: [head(34, 36, 11), circle(52, 32, 3), circle(59, 24, 4)],
  },
  'person-talking': {
    strokes: [
      line([26, 46], [26, 72]),
      line([14, 66], [26, 52], [42, 58]),
      line([14, 94], [26, 72], [38, 94]),
      bubble(48, 8, 46, 32, 10, 56, 66, [50, 48]),
    ],
    fills: [head(26, 31, 11), circle(60, 24, 3.5), circle(71, 24, 3.5), circle(82, 24, 3.5)],
  },
  'person-cane': {
    strokes: [
      path(m([46, 32]), q([34, 46], [42, 62])),
      line([42, 62], [32, 92]),
      line([42, 62], [54, 92]),
      line([44, 38], [60, 52], [72, 52]),
      path(m([72, 92]), l([72, 50]), q([72, 42], [80, 42]), q([87, 42], [87, 49])),
    ],
    fills: [head(52, 20, 11)],
  },
  'people-group': {
    strokes: [
      path(m([26, 90]), c([26, 68], [36, 58], [50, 58]), c([64, 58], [74, 68], [74, 90])),
      path(m([6, 78]), c([6, 60], [12, 50], [22, 50]), q([28, 50], [32, 54])),
      path(m([94, 78]), c([94, 60], [88, 50], [78, 50]), q([72, 50], [68, 54])),
    ],
    fills: [head(50, 38, 12), head(22, 30, 9.5), head(78, 30, 9.5)],
  },
  'people-connect': {
    strokes: [
      line([22, 38], [22, 66]),
      line([78, 38], [78, 66]),
      line([10, 92], [22, 66], [34, 92]),
      line([66, 92], [78, 66], [90, 92]),
      line([10, 62], [22, 44], [50, 56], [78, 44], [90, 62]),
    ],
    fills: [head(22, 23, 10), head(78, 23, 10), heartPath(50, 10, 28)],
  },
  'hands-heart': {
    strokes: [
      path(
        m([50, 90]),
        c([28, 90], [10, 76], [6, 54]),
        q([14, 50], [20, 58]),
        c([28, 66], [38, 70], [50, 70]),
        c([62, 70], [72, 66], [80, 58]),
        q([86, 50], [94, 54]),
        c([90, 76], [72, 90], [50, 90]),
        'Z',
      ),
      line([50, 70], [50, 90]),
    ],
    fills: [heartPath(50, 8, 48)],
  },
  handshake: {
    strokes: [
      polygon([4, 40], [16, 32], [30, 58], [18, 66]),
      polygon([96, 40], [84, 32], [70, 58], [82, 66]),
      path(m([16, 34]), q([30, 26], [44, 28]), l([62, 28]), q([74, 28], [84, 34])),
      path(m([66, 29]), q([58, 44], [40, 42])),
      path(
        m([70, 56]),
        q([74, 64], [66, 66]),
        q([66, 74], [58, 72]),
        q([56, 80], [48, 76]),
        q([44, 82], [38, 74]),
        l([30, 58]),
      ),
      line([66, 66], [58, 56]),
      line([58, 72], [50, 60]),
      line([48, 76], [42, 64]),
    ],
  },
  'face-smile': {
    strokes: [circle(50, 50, 42), path(m([30, 58]), q([50, 82], [70, 58]))],
    fills: [circle(36, 40, 5.5), circle(64, 40, 5.5)],
  },
  'face-sad': {
    strokes: [
      circle(50, 50, 42),
      path(m([32, 74]), q([50, 56], [68, 74])),
      line([26, 32], [40, 26]),
      line([60, 26], [74, 32]),
    ],
    fills: [circle(36, 43, 5.5), circle(64, 43, 5.5)],
  },
  'face-surprised': {
    strokes: [circle(50, 50, 42), ellipse(50, 70, 8, 10), arc(36, 32, 9, 200, 340), arc(64, 32, 9, 200, 340)],
    fills: [circle(36, 44, 6.5), circle(64, 44, 6.5)],
  },
  'face-thinking': {
    strokes: [
      circle(42, 56, 38),
      line([22, 40], [36, 40]),
      line([48, 36], [62, 32]),
      line([32, 74], [54, 70]),
      path(m([76, 12]), q([76, 5], [84, 5]), q([92, 5], [92, 12]), q([92, 18], [84, 20]), l([84, 25])),
    ],
    fills: [circle(29, 50, 5), circle(55, 48, 5), circle(84, 33, 3.5)],
  },
  'light-bulb': {
    strokes: [
      path(
        m([40, 66]),
        c([32, 60], [26, 52], [26, 42]),
        c([26, 29], [37, 18], [50, 18]),
        c([63, 18], [74, 29], [74, 42]),
        c([74, 52], [68, 60], [60, 66]),
        l([60, 74], [40, 74]),
        'Z',
      ),
      line([41, 83], [59, 83]),
      line([45, 92], [55, 92]),
      line([50, 4], [50, 9]),
      line([19, 15], [23, 19]),
      line([81, 15], [77, 19]),
      line([6, 42], [12, 42]),
      line([94, 42], [88, 42]),
      arc(50, 42, 14, 195, 250),
    ],
  },
  heart: { strokes: [HEART], fills: [HEART] },
  star: { strokes: [STAR], fills: [STAR] },
  sparkle: { strokes: [SPARKLE_BIG, SPARKLE_SMALL], fills: [SPARKLE_BIG, SPARKLE_SMALL] },
  check: { strokes: [line([14, 54], [38, 78], [86, 24])] },
  question: {
    strokes: [
      path(
        m([28, 32]),
        c([28, 16], [38, 8], [50, 8]),
        c([64, 8], [72, 18], [72, 29]),
        c([72, 42], [60, 46], [54, 53]),
        q([50, 58], [50, 66]),
      ),
    ],
    fills: [circle(50, 86, 6.5)],
  },
  exclamation: { strokes: [EXCLAMATION], fills: [EXCLAMATION, circle(50, 86, 6.5)] },
  warning: {
    strokes: [WARNING, line([50, 34], [50, 60])],
    fills: [circle(50, 73, 4.5)],
  },
  'speech-bubble': { strokes: [bubble(8, 10, 84, 62, 16, 26, 44, [18, 92])] },
  'arrow-right': { strokes: [line([8, 50], [88, 50]), chevron([88, 50], 0, 32)] },
  'arrow-up-right': { strokes: [line([14, 86], [84, 16]), line([44, 16], [84, 16], [84, 56])] },
  'arrow-cycle': {
    strokes: [arc(50, 50, 36, 190, 318), arc(50, 50, 36, 10, 138)],
    fills: [arcHead(50, 50, 36, 318), arcHead(50, 50, 36, 138)],
  },
  target: {
    strokes: [
      circle(46, 54, 40),
      circle(46, 54, 24),
      line([46, 54], [86, 14]),
      line([74, 12], [86, 14], [88, 26]),
    ],
    fills: [circle(46, 54, 8)],
  },
  flag: {
    strokes: [
      line([20, 94], [20, 8]),
      path(m([20, 12]), c([40, 2], [56, 22], [82, 12]), l([82, 52]), c([56, 62], [40, 42], [20, 52])),
    ],
  },
  clock: {
    strokes: [
      circle(50, 50, 42),
      line([50, 26], [50, 50], [68, 60]),
      line([50, 14], [50, 18]),
      line([86, 50], [82, 50]),
      line([50, 86], [50, 82]),
      line([14, 50], [18, 50]),
    ],
  },
  calendar: {
    strokes: [
      roundRect(10, 16, 80, 76, 8),
      line([10, 36], [90, 36]),
      line([30, 8], [30, 22]),
      line([70, 8], [70, 22]),
      line([34, 64], [46, 76], [68, 50]),
    ],
  },
  house: {
    strokes: [
      line([8, 50], [50, 12], [92, 50]),
      line([20, 40], [20, 90], [80, 90], [80, 40]),
      line([42, 90], [42, 66], [58, 66], [58, 90]),
      line([68, 28], [68, 14], [78, 14], [78, 36]),
    ],
  },
  'map-pin': { strokes: [MAP_PIN, circle(50, 38, 12)] },
  book: {
    strokes: [
      path(m([50, 24]), c([40, 16], [24, 14], [8, 16]), l([8, 80]), c([24, 78], [40, 80], [50, 88])),
      path(m([50, 24]), c([60, 16], [76, 14], [92, 16]), l([92, 80]), c([76, 78], [60, 80], [50, 88])),
      line([50, 24], [50, 88]),
    ],
  },
  puzzle: { strokes: [PUZZLE] },
};

/** The library, frozen and without a prototype: `STAMPS['constructor']` is undefined. */
export const STAMPS: Readonly<Record<StampName, StampDef>> = Object.freeze(
  Object.assign(Object.create(null) as Record<StampName, StampDef>, LIBRARY),
);

export function isStampName(name: string): name is StampName {
  return Object.prototype.hasOwnProperty.call(STAMPS, name);
}

/**
 * The stamp a record names, or undefined for a name this build does not know (a record from a
 * newer client): draw a placeholder box then, never throw.
 */
export function getStamp(name: string): StampDef | undefined {
  return isStampName(name) ? STAMPS[name] : undefined;
}
