import { describe, expect, it } from 'vitest';
import { chooseVideoFormat, type VideoCodecName } from '../../client/replay/video-format';
import {
  framePlayTime,
  HOLD_END_MS,
  MAX_BITS_PER_SECOND,
  MAX_FILE_BYTES,
  videoBitrate,
  videoPlan,
  videoSeconds,
} from '../../client/replay/video-plan';

function probe(codecs: readonly VideoCodecName[], recorder: string | null = null) {
  return {
    encodes: (codec: VideoCodecName) => Promise.resolve(codecs.includes(codec)),
    recorderType: () => recorder,
  };
}

describe('time-lapse video format', () => {
  it.each([
    [
      ['avc', 'vp9', 'vp8'],
      'video/webm;codecs=vp9',
      { encoder: 'webcodecs', container: 'mp4', codec: 'avc' },
    ],
    [['avc'], null, { encoder: 'webcodecs', container: 'mp4', codec: 'avc' }],
    [['vp9', 'vp8'], 'video/webm;codecs=vp9', { encoder: 'webcodecs', container: 'webm', codec: 'vp9' }],
    [['vp8'], null, { encoder: 'webcodecs', container: 'webm', codec: 'vp8' }],
    [
      [],
      'video/webm;codecs=vp8',
      { encoder: 'recorder', container: 'webm', mimeType: 'video/webm;codecs=vp8' },
    ],
    [[], null, null],
  ] as const)('encodes %j, records %s: %j', async (codecs, recorder, expected) => {
    await expect(chooseVideoFormat(probe(codecs, recorder))).resolves.toEqual(expected);
  });

  it('takes a probe that throws as no', async () => {
    const format = await chooseVideoFormat({
      encodes: (codec) =>
        codec === 'avc' ? Promise.reject(new Error('no WebCodecs')) : Promise.resolve(true),
      recorderType: () => null,
    });
    expect(format).toEqual({ encoder: 'webcodecs', container: 'webm', codec: 'vp9' });
  });
});

describe('time-lapse video plan', () => {
  it('samples the replay 30 times a second, then holds the end; the video lasts frames / 30', () => {
    // Two minutes of play at ×2: a minute of moving board, 1.5 s of the finished one.
    const plan = videoPlan(120_000, 2);
    expect(plan.frames).toBe(60 * 30 + (HOLD_END_MS / 1000) * 30);
    expect(videoSeconds(plan)).toBeCloseTo(61.5, 9);
    expect(framePlayTime(plan, 0)).toBe(0);
    expect(framePlayTime(plan, 30)).toBeCloseTo(2_000, 9);
    expect(framePlayTime(plan, 60 * 30)).toBe(120_000);
    expect(framePlayTime(plan, plan.frames - 1)).toBe(120_000);
  });

  it('reaches the end on a frame even when the length is not a whole number of frames', () => {
    const plan = videoPlan(1_010, 1);
    const firstAtEnd = Array.from({ length: plan.frames }, (_, i) => framePlayTime(plan, i)).indexOf(1_010);
    expect(firstAtEnd).toBe(31);
    expect(plan.frames - firstAtEnd).toBe(45);
  });

  it('is only the hold for a log of one moment', () => {
    expect(videoPlan(0, 1).frames).toBe(45);
  });

  it('keeps 8 Mbit/s for a short video and lowers it so a long one stays within the memory ceiling', () => {
    expect(videoBitrate(videoPlan(3_600_000, 60))).toBe(MAX_BITS_PER_SECOND);
    // A 2.5-hour afternoon exported at ×1: 9,000 s of video.
    const long = videoPlan(9_000_000, 1);
    const bits = videoBitrate(long);
    expect(bits).toBeLessThan(MAX_BITS_PER_SECOND);
    expect((bits / 8) * videoSeconds(long)).toBeLessThanOrEqual(MAX_FILE_BYTES);
  });
});
