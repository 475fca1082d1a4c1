// Prikbord photos: the uploaded bytes are never stored or served. sharp reads the real format (not the declared
// Content-Type), and only JPEG and PNG pass; the picture is turned upright by its EXIF orientation, scaled down to
// at most MAX_SIDE pixels and re-encoded as JPEG without any metadata (sharp drops EXIF, GPS and ICC comments
// unless asked to keep them), so a phone photo's location never reaches the other members of the network.
import sharp, { type Sharp } from 'sharp';
import { fieldError } from '../http/errors.ts';
import { PHOTO_MAX_BYTES } from '../../shared/api/details.ts';

export const MAX_SIDE = 1600;

export interface ProcessedPhoto {
  data: Buffer;
  mime: 'image/jpeg';
}

const bad = (reason: string) => fieldError('validation_failed', 'Invalid photo', 'photo', reason);

// limitInputPixels guards against decompression bombs (a tiny file that claims a gigantic canvas).
const INPUT = { limitInputPixels: 50_000_000 } as const;

/** Refuses (400 on field `photo`) an empty or too large upload and anything whose real format is not JPEG or PNG. */
export async function requireJpegOrPng(input: Buffer): Promise<void> {
  if (input.length === 0) throw bad('required');
  if (input.length > PHOTO_MAX_BYTES) throw bad('too_large');
  let format: string | undefined;
  try {
    format = (await sharp(input, INPUT).metadata()).format;
  } catch {
    throw bad('unsupported_type');
  }
  if (format !== 'jpeg' && format !== 'png') throw bad('unsupported_type');
}

/** Runs a re-encoding; broken pixel data behind a valid header becomes the same 400 as a wrong type. */
export async function reencode(input: Buffer, shape: (s: Sharp) => Sharp): Promise<ProcessedPhoto> {
  try {
    const data = await shape(sharp(input, INPUT).rotate())
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
    return { data, mime: 'image/jpeg' };
  } catch {
    throw bad('unsupported_type');
  }
}

export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  await requireJpegOrPng(input);
  return reencode(input, (s) =>
    s.resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true }),
  );
}
