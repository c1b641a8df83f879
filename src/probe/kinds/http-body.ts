/**
 * An HTTP response's body, read within the attempt's deadline: decoded (gzip, deflate, br) up
 * to the bytes content checks need, the rest read to its end and thrown away, so memory stays
 * flat whatever the size of the body.
 */
import type http from 'node:http';
import zlib from 'node:zlib';
import { ProbeError } from '../errors.js';
import type { ProbeResult } from '../types.js';

function decoderFor(encoding: string | undefined): zlib.Gunzip | zlib.Inflate | zlib.BrotliDecompress | null {
  switch ((encoding ?? '').trim().toLowerCase()) {
    case 'gzip':
    case 'x-gzip':
      return zlib.createGunzip();
    case 'deflate':
      return zlib.createInflate();
    case 'br':
      return zlib.createBrotliDecompress();
    default:
      return null;
  }
}

/** Reads the whole body within the deadline, keeping at most `limit` decoded bytes. Once the
 * limit is reached the decoder is dropped and the rest is read and thrown away, so memory stays
 * flat whatever the size of the body. */
export function readBody(res: http.IncomingMessage, limit: number, result: ProbeResult, discardReads: () => void): Promise<void> {
  return new Promise((resolve, reject) => {
    const kept: Buffer[] = [];
    let size = 0;
    let decoder = decoderFor(res.headers['content-encoding']);
    let rawEnded = false;

    const keep = (chunk: Buffer) => {
      if (size >= limit) {
        result.bodyTruncated = true;
        stopDecoding();
        return;
      }
      const room = limit - size;
      if (chunk.length > room) {
        kept.push(chunk.subarray(0, room));
        size = limit;
        result.bodyTruncated = true;
        stopDecoding();
      } else {
        kept.push(chunk);
        size += chunk.length;
      }
    };
    const finish = () => {
      result.body = Buffer.concat(kept, size);
      resolve();
    };
    // The rest of the body is only read to its end: nothing more is decoded, copied or kept.
    const stopDecoding = () => {
      drainRest();
      if (!decoder) return;
      const old = decoder;
      decoder = null;
      res.unpipe(old);
      old.destroy();
      if (rawEnded) finish();
      else res.resume();
    };

    // Body bytes the HTTP parser has handed on so far (to the decoder, or to `keep`).
    let parsedBytes = 0;
    res.on('data', (chunk: Buffer) => void (parsedBytes += chunk.length));
    const length = Number(res.headers['content-length'] ?? NaN);
    let draining = false;
    /**
     * Reads the rest of a body of known length straight from the socket, past the HTTP parser:
     * the parser copies every piece of a body into a new buffer, and Node 24 lets those pile up
     * (a 200 MiB body peaked at 130+ MiB of RSS). Read this way, the bytes are counted in the
     * socket's one read buffer and never copied. (A chunked body is still drained by the parser.)
     */
    const drainRest = () => {
      discardReads();
      const socket = res.socket;
      if (draining || res.complete || !Number.isSafeInteger(length) || res.headers['transfer-encoding'] || !socket) return;
      draining = true;
      let rawBytes = 0;
      const done = () => parsedBytes + res.readableLength + rawBytes >= length;
      // The parser has read every byte up to here (each read is parsed whole); from here on the
      // bytes are only counted.
      socket.removeAllListeners('data');
      socket.on('data', (chunk: Buffer) => {
        rawBytes += chunk.length;
        if (done()) {
          rawEnded = true;
          if (!decoder) finish();
        }
      });
      // The parser may have paused the socket while the response had no room; nothing waits now.
      socket.resume();
    };

    res.on('error', reject);
    res.once('close', () => {
      if (!res.complete && !(draining && rawEnded)) {
        reject(new ProbeError('connection closed before the end of the body', 'ECONNABORTED'));
      }
    });
    res.once('end', () => {
      rawEnded = true;
      if (!decoder) finish();
    });

    if (decoder) {
      const active = decoder;
      active.on('data', keep);
      active.once('end', () => {
        if (decoder === active) {
          decoder = null;
          finish();
        }
      });
      active.on('error', (error) => {
        if (decoder !== active) return;
        result.bodyError = `could not decode the ${res.headers['content-encoding']} body (${error.message})`;
        stopDecoding();
      });
      res.pipe(active);
    } else {
      res.on('data', keep);
    }
  });
}
