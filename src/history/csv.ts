/**
 * RFC 4180 records: fields separated by `,`, records by CRLF or LF, a field that holds `,`, `"`,
 * CR or LF quoted with `"` and its quotes doubled. Reading is tolerant because the data branch is
 * a public, editable format: a record whose quote never closes is dropped with its line, and a
 * stray quote inside an unquoted field is kept as text. Records are written with LF (what git and
 * line-based tools expect of a file in a repository); both endings are read.
 *
 * Hand-written rather than a library because the judge reads tens of thousands of lines on every
 * run: most lines hold no quote at all, and those take a `split(',')` fast path (about 1 µs a line).
 */

/** No record of ours spans lines (errors are written on one line); a user's may, within reason, but
 * a stray quote must not swallow the rest of a file. */
const MAX_LINES_PER_RECORD = 20;

/** Splits CSV text into records of fields. Blank lines are skipped. */
export function parseCsv(text: string): string[][] {
  const records: string[][] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const record = recordAt(lines, i);
    if (record === null) continue;
    records.push(record.fields);
    i = record.last;
  }
  return records;
}

/**
 * The record that starts at line `first` of a text split at LF, and the line it ends on; null for
 * a blank line or a quote that never closes (the caller goes on with the next line).
 */
export function recordAt(lines: readonly string[], first: number): { fields: string[]; last: number } | null {
  const line = withoutCr(lines[first]);
  if (line.indexOf('"') === -1) return line === '' ? null : { fields: line.split(','), last: first };
  return parseQuotedRecord(lines, first);
}

/** Reads the record that starts at line `first` and holds a quote; null when a quoted field
 * does not close within a few lines. */
function parseQuotedRecord(lines: readonly string[], first: number): { fields: string[]; last: number } | null {
  const fields: string[] = [];
  let index = first;
  let line = withoutCr(lines[index]);
  let position = 0;
  for (;;) {
    let value = '';
    if (line.charCodeAt(position) === 34) {
      position++;
      for (;;) {
        const quote = line.indexOf('"', position);
        if (quote === -1) {
          // The field goes on in the next line (its line end is part of the value).
          if (index + 1 >= lines.length || index - first >= MAX_LINES_PER_RECORD) return null;
          value += line.slice(position) + (lines[index].endsWith('\r') ? '\r\n' : '\n');
          line = withoutCr(lines[++index]);
          position = 0;
          continue;
        }
        value += line.slice(position, quote);
        if (line.charCodeAt(quote + 1) === 34) {
          value += '"';
          position = quote + 2;
        } else {
          position = quote + 1;
          break;
        }
      }
    }
    // A field without quotes, or text after a closing quote, up to the separator (a stray quote
    // in it is kept as text).
    let end = line.indexOf(',', position);
    if (end === -1) end = line.length;
    value += line.slice(position, end);
    fields.push(value);
    if (end === line.length) return { fields, last: index };
    position = end + 1;
  }
}

export function withoutCr(line: string): string {
  return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}

const NEEDS_QUOTES = /[",\r\n]/;

export function formatField(value: string): string {
  return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}

/** One record and its line end. */
export function formatRecord(fields: readonly string[]): string {
  return fields.map(formatField).join(',') + '\n';
}

/**
 * A text built in one growing buffer of bytes and decoded once, for the files Vigil writes every
 * run row by row: each row's string is written and dropped at once. Adding the rows to one string
 * (`text += …`) joined them in a chain that stayed alive until the text was read: writing
 * daily.csv of 200 endpoints (18,000 rows) was 10 MiB of the judge's allocations, most of them
 * copied by the collections of the young generation (`BENCH_ENDPOINTS=200 node
 * scripts/bench-judge.mjs`, sampling heap profile). Writing each field by a call of its own, in
 * JavaScript, took three times as long in a cold process as the row's template string.
 */
export class TextBuilder {
  private bytes = Buffer.allocUnsafe(64 * 1024);
  private length = 0;

  /** Adds text as UTF-8 (up to three bytes a UTF-16 unit). */
  text(value: string): this {
    this.room(value.length * 3);
    this.length += this.bytes.write(value, this.length, 'utf8');
    return this;
  }

  toString(): string {
    return this.bytes.toString('utf8', 0, this.length);
  }

  private room(more: number): void {
    if (this.length + more <= this.bytes.length) return;
    const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + more));
    this.bytes.copy(grown, 0, 0, this.length);
    this.bytes = grown;
  }
}
