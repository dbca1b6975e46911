import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deflateSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { imageProblem } from '../../server/export/image-check';
import { makeJpeg, makePng, pngHeaderClaiming } from '../helpers/images';

/** A PNG whose one IDAT holds less pixel data than its header claims (but is a whole chunk). */
function shortPixels(): Buffer {
  const whole = makePng(64, 64);
  const header = pngHeaderClaiming(64, 64);
  const data = deflateSync(Buffer.alloc(10 * (1 + 64 * 3)));
  const idat = Buffer.alloc(12 + data.length);
  idat.writeUInt32BE(data.length, 0);
  idat.write('IDAT', 4, 'latin1');
  data.copy(idat, 8);
  // The CRC is not what a decoder would accept either; the length check alone must refuse it.
  return Buffer.concat([header, idat, whole.subarray(whole.length - 12)]);
}

describe('imageProblem: whether an image is whole enough to draw', () => {
  let dir: string;
  let jpeg: Buffer;
  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'grareco-jpeg-'));
    jpeg = await makeJpeg(dir);
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it.each([
    ['a whole PNG', makePng(64, 64), undefined],
    ['a PNG cut inside its pixel data', makePng(64, 64).subarray(0, 60), 'undecodable'],
    ['a PNG with only its header', pngHeaderClaiming(64, 64), 'undecodable'],
    ['a PNG with fewer rows than its header claims', shortPixels(), 'undecodable'],
    ['bytes that are no image', Buffer.from('not an image at all'), 'undecodable'],
  ] as const)('%s', (_, bytes, problem) => {
    expect(imageProblem({ mime: 'image/png', bytes })).toBe(problem);
  });

  it('a whole JPEG is drawn; one cut short or with only its headers is not', () => {
    expect(imageProblem({ mime: 'image/jpeg', bytes: jpeg })).toBeUndefined();
    expect(imageProblem({ mime: 'image/jpeg', bytes: jpeg.subarray(0, jpeg.length - 100) })).toBe(
      'undecodable',
    );
    const sos = jpeg.indexOf(Buffer.from([0xff, 0xda]));
    expect(imageProblem({ mime: 'image/jpeg', bytes: jpeg.subarray(0, sos) })).toBe('undecodable');
  });

  it('a WebP cut short is not drawn', () => {
    const riff = Buffer.alloc(40);
    riff.write('RIFF', 0, 'latin1');
    riff.writeUInt32LE(200, 4);
    riff.write('WEBP', 8, 'latin1');
    expect(imageProblem({ mime: 'image/webp', bytes: riff })).toBe('undecodable');
  });

  it('a missing image, and a kind no exporter draws', () => {
    expect(imageProblem(undefined)).toBe('missing');
    expect(imageProblem({ mime: 'image/gif', bytes: makePng(4, 4) })).toBe('undecodable');
  });
});
