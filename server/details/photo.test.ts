import { describe, expect, it } from 'vitest';
import sharp from 'sharp';
import { processPhoto, MAX_SIDE } from './photo.ts';
import { HttpError } from '../http/errors.ts';
import { solidPng } from '../appointments/solid-png.ts';

async function jpegWithGps(width = 40, height = 20): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r: 200, g: 40, b: 40 } } })
    .jpeg()
    .withExif({
      IFD0: { Make: 'Telefoonmerk', Model: 'X1' },
      IFD3: { GPSLatitudeRef: 'N', GPSLatitude: '52/1 5/1 0/1', GPSLongitudeRef: 'E', GPSLongitude: '5/1 7/1 0/1' },
    })
    .withMetadata({ orientation: 6 })
    .toBuffer();
}

async function reason(p: Promise<unknown>): Promise<string> {
  try {
    await p;
  } catch (e) {
    if (e instanceof HttpError) return (e.details?.fields as Array<{ code: string }>)[0]!.code;
    throw e;
  }
  throw new Error('expected a refusal');
}

describe('processPhoto', () => {
  it('removes EXIF and GPS from a JPEG and turns it upright by its orientation', async () => {
    const input = await jpegWithGps(40, 20);
    const inMeta = await sharp(input).metadata();
    expect(inMeta.exif).toBeDefined();
    expect(inMeta.orientation).toBe(6);
    expect(inMeta.exif!.toString('latin1')).toContain('Telefoonmerk');
    const out = await processPhoto(input);
    const meta = await sharp(out.data).metadata();
    expect(out.mime).toBe('image/jpeg');
    expect(meta.format).toBe('jpeg');
    expect(meta.exif).toBeUndefined();
    expect(meta.icc).toBeUndefined();
    expect(meta.xmp).toBeUndefined();
    expect(out.data.includes(Buffer.from('Telefoonmerk'))).toBe(false);
    expect(out.data.includes(Buffer.from('GPS'))).toBe(false);
    // Orientation 6 = rotate 90°: the 40×20 picture becomes 20×40.
    expect([meta.width, meta.height]).toEqual([20, 40]);
  });

  it('accepts PNG, re-encodes it as JPEG and scales large pictures down', async () => {
    const png = await sharp({ create: { width: 3000, height: 1000, channels: 4, background: '#3366ffcc' } })
      .png()
      .toBuffer();
    const out = await processPhoto(png);
    const meta = await sharp(out.data).metadata();
    expect(meta.format).toBe('jpeg');
    expect(meta.width).toBe(MAX_SIDE);
    expect(meta.height).toBe(Math.round((1000 * MAX_SIDE) / 3000));
    expect((await processPhoto(solidPng(8, [1, 2, 3]))).mime).toBe('image/jpeg');
  });

  it('refuses other formats by their content, empty and oversized input', async () => {
    const gif = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } })
      .gif()
      .toBuffer();
    expect(await reason(processPhoto(gif))).toBe('unsupported_type');
    expect(await reason(processPhoto(Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>')))).toBe(
      'unsupported_type',
    );
    expect(await reason(processPhoto(Buffer.from('not an image at all')))).toBe('unsupported_type');
    expect(await reason(processPhoto(Buffer.alloc(0)))).toBe('required');
    expect(await reason(processPhoto(Buffer.alloc(5 * 1024 * 1024 + 1)))).toBe('too_large');
  });
});
