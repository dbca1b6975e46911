import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { layoutText, notoSansJpMeasure } from '../../shared/geometry/text-layout';
import { opSchema } from '../../shared/ops';
import { parseWith } from '../../shared/validate';
import { fitSize, imageRecord, viewCentre } from '../../client/board/tools/image';
import { PenMode, TwoFingerTap } from '../../client/board/pen-mode';
import { shapeAtClick, shapeFromDrag, tint, type ShapeStyle } from '../../client/board/tools/shape';
import { stampAt } from '../../client/board/tools/stamp';
import {
  cleanText,
  commitTextOp,
  editTextRequest,
  measureTextBlock,
  newTextRequest,
  textAt,
  wrapWidthAt,
} from '../../client/board/tools/text';
import { matches, shortcutFor, SHORTCUTS } from '../../client/shortcuts';
import type { TextRecord } from '../../shared/objects/text';

const RUNS = { seed: 20_261_127, numRuns: 300 } as const;

function validateOp(op: unknown) {
  return parseWith(opSchema, op);
}

function key(init: Partial<KeyboardEvent> & { key: string }): KeyboardEvent {
  return {
    code: '',
    ctrlKey: false,
    metaKey: false,
    altKey: false,
    shiftKey: false,
    ...init,
  } as KeyboardEvent;
}

describe('text tool', () => {
  it('hugging the widest line never changes how the text breaks', () => {
    const chars = fc.constantFrom(...Array.from('支援体制の整備、「地域」。ーっ abc Welfare 123 \n'));
    fc.assert(
      fc.property(fc.array(chars, { maxLength: 80 }), fc.integer({ min: 60, max: 1500 }), (cs, wrap) => {
        const text = cs.join('');
        for (const [size, bold] of [
          [120, true],
          [44, false],
        ] as const) {
          const block = measureTextBlock(text, wrap, size, bold);
          expect(block.w).toBeLessThanOrEqual(Math.max(1, wrap));
          expect(layoutText(text, block.w, notoSansJpMeasure(size, bold))).toEqual(block.lines);
        }
      }),
      RUNS,
    );
  });

  it('a new text sits where it was clicked and wraps at 1200 or the board edge', () => {
    const req = newTextRequest(600, 400, { size: 'heading', color: '#1c7ed6' }, 3840);
    expect(req).toMatchObject({ fontSize: 72, bold: true, wrap: 1200, record: null });
    expect(req.transform).toEqual([1, 0, 0, 1, 600, Math.round(400 - (72 * 1.35) / 2)]);
    expect(wrapWidthAt(3400, 3840, 44)).toBe(440);
    expect(wrapWidthAt(3800, 3840, 44)).toBe(132); // never narrower than three characters
    expect(newTextRequest(0, 0, { size: 'body', color: '#000000' }, 3840).bold).toBe(false);
  });

  it('commit: add, patch, remove or nothing; the ops pass the shared validator', () => {
    const req = newTextRequest(100, 100, { size: 'title', color: '#1f2328' }, 3840);
    expect(commitTextOp(req, '  \n ', () => false)).toBeNull();
    const add = commitTextOp(req, '重層的支援体制整備事業\n', () => false);
    expect(add?.kind).toBe('add');
    expect(validateOp(add).ok).toBe(true);
    const record = (add?.kind === 'add' ? add.objects[0] : undefined) as TextRecord;
    expect(record).toMatchObject({ type: 'text', text: '重層的支援体制整備事業', fontSize: 120, bold: true });

    const edit = editTextRequest(record, 3840);
    expect(commitTextOp(edit, '重層的支援体制整備事業', () => true)).toBeNull();
    const patch = commitTextOp(edit, '重層的支援体制整備事業について', () => true);
    expect(patch?.kind).toBe('patch');
    expect(validateOp(patch).ok).toBe(true);
    if (patch?.kind === 'patch') expect(Object.keys(patch.patches[0]?.set ?? {})).toEqual(['text', 'w', 'h']);
    expect(commitTextOp(edit, '', () => true)).toMatchObject({ kind: 'remove', ids: [record.id] });
    // Erased by someone else meanwhile: the edit comes back as a new text.
    const again = commitTextOp(edit, '復活', () => false);
    expect(again?.kind).toBe('add');
  });

  it('cleans line endings and trailing blanks, and caps the length', () => {
    expect(cleanText('a\r\nb\rc  \n\n')).toBe('a\nb\nc');
    expect(Array.from(cleanText('あ'.repeat(3000)))).toHaveLength(2000);
  });

  it('finds the topmost text under a point, through its transform', () => {
    const base = {
      type: 'text',
      text: 'x',
      fontSize: 44,
      color: '#000000',
      bold: false,
      w: 100,
      h: 60,
    } as const;
    const a: TextRecord = { ...base, id: 'a', transform: [1, 0, 0, 1, 0, 0] };
    const b: TextRecord = { ...base, id: 'b', transform: [2, 0, 0, 2, 50, 0] };
    expect(textAt([a, b], 60, 10)?.id).toBe('b');
    expect(textAt([a, b], 20, 10)?.id).toBe('a');
    expect(textAt([a, b], 260, 10)).toBeUndefined();
    expect(textAt([a, b], 104, 10, 5)?.id).toBe('b');
  });
});

describe('shapes, stamps, images', () => {
  const style: ShapeStyle = { kind: 'arrow', color: '#d9480f', strokeWidth: 10, fill: true };

  it('a drag gives the box; a line runs from press to release with flips', () => {
    const r = shapeFromDrag('s', style, [700, 600], [100, 100]);
    expect(r).toMatchObject({ w: 600, h: 500, flipX: true, flipY: true, fill: null, bend: 0 });
    expect(r.transform).toEqual([1, 0, 0, 1, 100, 100]);
    const flat = shapeFromDrag('s', { ...style, kind: 'line' }, [0, 50], [300, 50]);
    expect(flat.h).toBe(1);
    const box = shapeFromDrag('s', { ...style, kind: 'rect' }, [0, 0], [300, -100], true);
    expect(box).toMatchObject({ w: 300, h: 300, flipY: true, fill: tint('#d9480f') });
    expect(shapeFromDrag('s', { ...style, kind: 'curvedArrow' }, [0, 0], [9, 9]).bend).toBeCloseTo(0.3);
    const snapped = shapeFromDrag('s', style, [0, 0], [300, 20], true);
    expect(snapped.h).toBe(1); // 45° snap: flat
    expect(validateOp({ id: 'o', kind: 'add', objects: [r, flat, box, snapped] }).ok).toBe(true);
    expect(shapeAtClick('s', { ...style, kind: 'ellipse' }, [1000, 1000]).transform).toEqual([
      1, 0, 0, 1, 760, 850,
    ]);
  });

  it('tint keeps a light share of the colour', () => {
    expect(tint('#000000')).toBe('#d1d1d1');
    expect(tint('#ffffff')).toBe('#ffffff');
  });

  it('a stamp is centred on the click, 240 units square', () => {
    const s = stampAt('p', { stamp: 'heart', color: '#2f9e44' }, 1000, 500);
    expect(s).toMatchObject({ w: 240, h: 240, transform: [1, 0, 0, 1, 880, 380] });
    expect(validateOp({ id: 'o', kind: 'add', objects: [s] }).ok).toBe(true);
  });

  it('an image fits in a third of the board, never enlarged, and stays on the board', () => {
    expect(fitSize(3000, 1500, 1280, 720)).toEqual({ w: 1280, h: 640 });
    expect(fitSize(200, 100, 1280, 720)).toEqual({ w: 200, h: 100 });
    const asset = { id: 'a'.repeat(64), width: 1600, height: 1600 };
    const rec = imageRecord(asset, [3800, 2100], { width: 3840, height: 2160 });
    expect(rec).toMatchObject({ w: 720, h: 720, transform: [1, 0, 0, 1, 3120, 1440] });
    expect(validateOp({ id: 'o', kind: 'add', objects: [rec] }).ok).toBe(true);
    expect(viewCentre([0.5, 0, 0, 0.5, 100, 50], 1000, 600)).toEqual([800, 500]);
  });
});

describe('pen mode and the two-finger tap', () => {
  it('turns on at the first pen; a choice by hand wins from then on', () => {
    const seen: boolean[] = [];
    const mode = new PenMode((on) => seen.push(on));
    mode.sawPen();
    mode.sawPen();
    expect(mode.on).toBe(true);
    mode.set(false);
    mode.sawPen();
    expect(mode.on).toBe(false);
    expect(seen).toEqual([true, false]);
  });

  it('a quick still two-finger tap counts; slow, moving, one or three fingers do not', () => {
    const tap = new TwoFingerTap();
    tap.down(1, 0, 0, 0);
    tap.down(2, 50, 0, 20);
    expect(tap.up(1, 100)).toBe(false);
    expect(tap.up(2, 120)).toBe(true);

    tap.down(1, 0, 0, 1000);
    tap.down(2, 50, 0, 1010);
    expect(tap.up(1, 1200)).toBe(false);
    expect(tap.up(2, 1300)).toBe(false); // too slow

    tap.down(1, 0, 0, 2000);
    tap.down(2, 50, 0, 2010);
    tap.move(2, 90, 0);
    tap.up(1, 2050);
    expect(tap.up(2, 2060)).toBe(false); // a pinch

    tap.down(1, 0, 0, 3000);
    expect(tap.up(1, 3050)).toBe(false); // one finger

    tap.down(1, 0, 0, 4000);
    tap.down(2, 10, 0, 4005);
    tap.down(3, 20, 0, 4010);
    tap.up(1, 4050);
    tap.up(2, 4050);
    expect(tap.up(3, 4060)).toBe(false); // three fingers
  });
});

describe('shortcuts', () => {
  it('one table drives the handler', () => {
    expect(shortcutFor(key({ key: 't', code: 'KeyT' }))).toEqual({ kind: 'tool', tool: 'text' });
    expect(shortcutFor(key({ key: 'r', code: 'KeyR' }))).toEqual({ kind: 'tool', tool: 'shape' });
    expect(shortcutFor(key({ key: '?', code: 'Slash', shiftKey: true }))).toEqual({ kind: 'help' });
    expect(shortcutFor(key({ key: 'Z', code: 'KeyZ', ctrlKey: true, shiftKey: true }))).toEqual({
      kind: 'redo',
    });
    expect(shortcutFor(key({ key: 'z', code: 'KeyZ', metaKey: true }))).toEqual({ kind: 'undo' });
    expect(shortcutFor(key({ key: 'T', code: 'KeyT', shiftKey: true }))).toBeNull();
    // A Japanese IME on: the key reports 'Process', the physical key still picks the tool.
    expect(shortcutFor(key({ key: 'Process', code: 'KeyP' }))).toEqual({ kind: 'tool', tool: 'pen' });
    // Every listed action answers to its own keys (no entry is shadowed by an earlier one).
    for (const s of SHORTCUTS) {
      if (!s.action) continue;
      for (const k of s.keys) {
        const e = key({
          key: k.key,
          code: k.code ?? '',
          ctrlKey: k.mod ?? false,
          shiftKey: k.shift === true,
        });
        expect(matches(k, e)).toBe(true);
        expect(shortcutFor(e)).toEqual(s.action);
      }
    }
  });
});
