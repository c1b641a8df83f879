/**
 * git's wire format as Vigil's client reads and writes it (Documentation/gitprotocol-common.txt,
 * gitprotocol-v2.txt, gitprotocol-pack.txt): packet lines, side bands, and the answers of a fetch
 * and of a push. Every byte is the server's: lengths are checked, and an `ERR` packet fails the
 * request with the server's words (scrubbed of the token by smart-http.ts).
 */

/** The server answered, or failed to, in a way that is not a fault of the branch: read it with git. */
export class Unsupported extends Error {}

/** A request failed: the HTTP status (null when there was no answer) and what went wrong. */
export class HttpFailure extends Error {
  constructor(
    readonly status: number | null,
    message: string,
    readonly timedOut = false,
  ) {
    super(message);
  }
}

export const FLUSH = Buffer.from('0000');
export const DELIM = Buffer.from('0001');

export const NO_COMMIT = '0'.repeat(40);

export function pkt(line: string, newline = true): Buffer {
  const data = Buffer.from(newline ? `${line}\n` : line, 'utf8');
  return Buffer.concat([Buffer.from((data.length + 4).toString(16).padStart(4, '0')), data]);
}

/** The packets of an answer, as raw payloads; null for a flush, delimiter or end packet. */
export function* packets(answer: Buffer): Generator<Buffer | null> {
  for (let at = 0; at < answer.length;) {
    const hex = answer.toString('latin1', at, at + 4);
    const length = /^[0-9a-f]{4}$/i.test(hex) ? Number.parseInt(hex, 16) : NaN;
    if (
      !Number.isInteger(length) ||
      at + 4 > answer.length ||
      (length > 2 && length < 4) ||
      at + Math.max(length, 4) > answer.length
    )
      throw new Error('the server sent a damaged answer (a packet runs past its end)');
    yield length < 4 ? null : answer.subarray(at + 4, at + length);
    at += Math.max(length, 4);
  }
}

/** An `ERR` packet fails the request with the server's words. */
function refuseOnError(text: string): void {
  if (text.startsWith('ERR ')) throw new HttpFailure(200, `the server refused: ${text.slice(4).trim()}`);
}

/** One packet of a side-band stream: band 1 is data, band 2 the server's words, band 3 its
 * failure (said after `prefix` and its words before), any other band damage. */
function sideBand(payload: Buffer, data: Buffer[], said: string[], prefix = ''): void {
  const band = payload[0];
  if (band === 1) data.push(payload.subarray(1));
  else if (band === 2) said.push(payload.subarray(1).toString('utf8'));
  else if (band === 3) throw new HttpFailure(200, `${prefix}${said.join('')}${payload.subarray(1).toString('utf8')}`.trim());
  else throw new Error('the server sent a damaged answer (an unknown side band)');
}

/** The packets as lines of text, without their line end; an `ERR` packet fails the request. */
export function* pktLines(answer: Buffer): Generator<string | null> {
  for (const payload of packets(answer)) {
    const line = payload === null ? null : payload.toString('utf8').replace(/\n$/, '');
    if (line !== null) refuseOnError(line);
    yield line;
  }
}

/** A fetch's answer: its sections (acknowledgments, shallow-info, …), then the pack on side band 1. */
export function fetchAnswer(answer: Buffer): { pack: Buffer; shallow: string[] } {
  const shallow: string[] = [];
  const pack: Buffer[] = [];
  let section = '';
  let header = true;
  for (const payload of packets(answer)) {
    if (payload === null) {
      header = true;
      continue;
    }
    if (section === 'packfile' && !header) {
      // No progress is asked for: the server's words on band 2 are not kept.
      sideBand(payload, pack, [], 'the server failed: ');
      continue;
    }
    const line = payload.toString('utf8').replace(/\n$/, '');
    refuseOnError(line);
    if (header) {
      section = line;
      header = false;
      continue;
    }
    const shallowLine = section === 'shallow-info' ? /^shallow ([0-9a-f]{40})$/.exec(line) : null;
    if (shallowLine) shallow.push(shallowLine[1]);
  }
  if (section !== 'packfile') throw new Error('the server sent no pack');
  return { pack: Buffer.concat(pack), shallow };
}

export type PushReport = { pushed: true } | { pushed: false; reason: string; said: string };

/** A push's report (`report-status`, on side band 1 when asked for): `unpack ok`, then `ok <ref>`
 * or `ng <ref> <reason>`; side band 2 carries the server's other words. */
export function pushReport(answer: Buffer, ref: string, inSideBands: boolean): PushReport {
  let report = answer;
  const said: string[] = [];
  if (inSideBands) {
    const data: Buffer[] = [];
    for (const payload of packets(answer)) {
      if (payload === null) continue;
      refuseOnError(payload.toString('utf8'));
      sideBand(payload, data, said);
    }
    report = Buffer.concat(data);
  }
  let unpacked: string | null = null;
  for (const line of pktLines(report)) {
    if (line === null) continue;
    if (line.startsWith('unpack ')) unpacked = line.slice('unpack '.length);
    else if (line === `ok ${ref}`) {
      if (unpacked !== 'ok') break;
      return { pushed: true };
    } else if (line.startsWith(`ng ${ref} `))
      return { pushed: false, reason: line.slice(`ng ${ref} `.length), said: said.join('') };
  }
  // Without a report the push may have landed or not: said as it is, never taken for a refusal.
  if (unpacked === null)
    throw new HttpFailure(200, `${said.join('')}the push may or may not have landed: the server sent no report`.trim());
  throw new HttpFailure(200, `${said.join('')}the server did not take the push (unpack ${unpacked})`.trim());
}
