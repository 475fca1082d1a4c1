// Prikbord photos: the uploaded bytes are never stored or served. sharp reads the real format (not the declared
// Content-Type), and only JPEG and PNG pass; the picture is turned upright by its EXIF orientation, scaled down to
// at most MAX_SIDE pixels and re-encoded as JPEG without any metadata (sharp drops EXIF, GPS and ICC comments
// unless asked to keep them), so a phone photo's location never reaches the other members of the network.
import sharp from 'sharp';
import { fieldError } from '../http/errors.ts';
import { PHOTO_MAX_BYTES } from '../../shared/api/details.ts';

export const MAX_SIDE = 1600;

export interface ProcessedPhoto {
  data: Buffer;
  mime: 'image/jpeg';
}

const bad = (reason: string) => fieldError('validation_failed', 'Invalid photo', 'photo', reason);

export async function processPhoto(input: Buffer): Promise<ProcessedPhoto> {
  if (input.length === 0) throw bad('required');
  if (input.length > PHOTO_MAX_BYTES) throw bad('too_large');
  let format: string | undefined;
  try {
    // limitInputPixels guards against decompression bombs (a tiny file that claims a gigantic canvas).
    format = (await sharp(input, { limitInputPixels: 50_000_000 }).metadata()).format;
  } catch {
    throw bad('unsupported_type');
  }
  if (format !== 'jpeg' && format !== 'png') throw bad('unsupported_type');
  try {
    const data = await sharp(input, { limitInputPixels: 50_000_000 })
      .rotate()
      .resize({ width: MAX_SIDE, height: MAX_SIDE, fit: 'inside', withoutEnlargement: true })
      .flatten({ background: '#ffffff' })
      .jpeg({ quality: 82, mozjpeg: true })
      .toBuffer();
    return { data, mime: 'image/jpeg' };
  } catch {
    // A file with a valid header but broken pixel data.
    throw bad('unsupported_type');
  }
}
