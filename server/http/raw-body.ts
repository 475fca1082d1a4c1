// Reads a raw (binary) request body up to a limit: the photo upload of the Prikbord. The JSON body middleware
// leaves image/jpeg and image/png bodies to this reader.
import type { IncomingMessage } from 'node:http';
import { HttpError, fieldError } from './errors.ts';

/**
 * The whole body, or a 400 naming `field` with `too_large` past the limit. Past the limit it keeps reading and
 * throws the data away: leaving an upload half-read resets the connection and the user would see no answer.
 */
export function readRawBody(req: IncomingMessage, limit: number, field: string): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size <= limit) chunks.push(chunk);
    });
    req.once('end', () => {
      if (size > limit) reject(fieldError('validation_failed', 'Photo too large', field, 'too_large'));
      else resolve(Buffer.concat(chunks));
    });
    const incomplete = () => reject(new HttpError(400, 'validation_failed', 'Request body incomplete'));
    req.once('error', incomplete);
    req.once('close', incomplete);
  });
}
