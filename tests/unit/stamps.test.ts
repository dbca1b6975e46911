import { describe, expect, it } from 'vitest';
import {
  STAMPS,
  STAMP_BOX,
  STAMP_NAMES,
  STAMP_STROKE_WIDTH,
  getStamp,
  isStampName,
} from '../../shared/stamps/library';
import { stampSchema } from '../../shared/objects/stamp';

/** How many numbers each command takes; only absolute M, L, C, Q and Z are allowed. */
const ARITY: Record<string, number> = { M: 2, L: 2, C: 6, Q: 4, Z: 0 };

interface Parsed {
  commands: string[];
  numbers: number[];
}

/** A tiny SVG path tokenizer that refuses anything but M/L/C/Q/Z with plain numbers. */
function parsePath(d: string): Parsed {
  const tokens = d.match(/[A-Za-z]|-?\d*\.?\d+(?:[eE][-+]?\d+)?|\S/g) ?? [];
  const commands: string[] = [];
  const numbers: number[] = [];
  let i = 0;
  while (i < tokens.length) {
    const cmd = tokens[i] as string;
    if (!(cmd in ARITY)) throw new Error(`unexpected "${cmd}" in ${d}`);
    if (commands.length === 0 && cmd !== 'M') throw new Error(`path must start with M: ${d}`);
    commands.push(cmd);
    i++;
    const arity = ARITY[cmd] as number;
    for (let k = 0; k < arity; k++) {
      const tok = tokens[i++];
      if (tok === undefined || !/^-?\d*\.?\d+$/.test(tok))
        throw new Error(`bad number "${tok}" after ${cmd}`);
      numbers.push(Number(tok));
    }
  }
  return { commands, numbers };
}

describe('stamp library', () => {
  it('has at least 24 stamps, in a stable order', () => {
    expect(STAMP_NAMES.length).toBeGreaterThanOrEqual(24);
    expect(new Set(STAMP_NAMES).size).toBe(STAMP_NAMES.length);
    expect(STAMP_NAMES).toMatchSnapshot();
  });

  it('has exactly the listed names, each a valid stamp record name', () => {
    expect(Object.keys(STAMPS).sort()).toEqual([...STAMP_NAMES].sort());
    for (const name of STAMP_NAMES) {
      expect(name).toMatch(/^[a-z][a-z0-9-]{0,40}$/);
      expect(name).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/); // kebab-case
    }
  });

  it('includes the stamps a welfare seminar board needs', () => {
    for (const name of [
      'person-standing',
      'person-pointing',
      'person-thinking',
      'person-talking',
      'people-group',
      'face-smile',
      'face-sad',
      'face-surprised',
      'face-thinking',
      'light-bulb',
      'clock',
      'house',
      'heart',
      'handshake',
      'star',
      'check',
      'arrow-right',
      'arrow-up-right',
      'arrow-cycle',
      'speech-bubble',
      'question',
      'exclamation',
      'flag',
      'target',
      'book',
      'people-connect',
      'hands-heart',
    ]) {
      expect(isStampName(name), name).toBe(true);
    }
  });

  it('the stroke width is 6 box units in a 100-unit box', () => {
    expect(STAMP_STROKE_WIDTH).toBe(6);
    expect(STAMP_BOX).toBe(100);
  });

  it.each(STAMP_NAMES.map((n) => [n]))(
    '%s: every path parses as absolute M/L/C/Q/Z within the box',
    (name) => {
      const stamp = STAMPS[name];
      const paths = [...stamp.strokes, ...(stamp.fills ?? [])];
      expect(paths.length).toBeGreaterThan(0);
      for (const d of paths) {
        expect(d).not.toMatch(/NaN|Infinity/);
        const { commands, numbers } = parsePath(d);
        expect(commands.length).toBeGreaterThan(1);
        for (const v of numbers) {
          expect(Number.isFinite(v)).toBe(true);
          expect(v).toBeGreaterThanOrEqual(-5);
          expect(v).toBeLessThanOrEqual(105);
        }
      }
      // Fills are solid shapes: closed.
      for (const d of stamp.fills ?? []) expect(d.trim().endsWith('Z')).toBe(true);
    },
  );

  it('the tokenizer refuses what the library must not use', () => {
    expect(() => parsePath('M0 0 A10 10 0 0 1 20 20')).toThrow();
    expect(() => parsePath('m0 0 l10 10')).toThrow();
    expect(() => parsePath('M0 0 L10')).toThrow();
    expect(() => parsePath('L0 0')).toThrow();
    expect(() => parsePath('M0 0 LNaN 1')).toThrow();
    expect(parsePath('M0 0 L1.5 -2 Q1 2 3 4 C1 2 3 4 5 6 Z').commands).toEqual(['M', 'L', 'Q', 'C', 'Z']);
  });

  it('looks names up safely: unknown or inherited names are undefined', () => {
    expect(getStamp('heart')).toBe(STAMPS.heart);
    expect(getStamp('no-such-stamp')).toBeUndefined();
    expect(getStamp('constructor')).toBeUndefined();
    expect(getStamp('__proto__')).toBeUndefined();
    expect(isStampName('toString')).toBe(false);
    // The names pass the record schema's own rule.
    for (const name of STAMP_NAMES) expect(stampSchema.shape.stamp.safeParse(name).success).toBe(true);
  });

  it('is frozen', () => {
    expect(Object.isFrozen(STAMPS)).toBe(true);
  });

  it('snapshot of the path data (a changed drawing is a reviewed change)', () => {
    expect(STAMPS).toMatchSnapshot();
  });
});
