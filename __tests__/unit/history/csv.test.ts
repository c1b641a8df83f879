import { describe, expect, it } from '@jest/globals';
import { parseCsv, formatRecord } from '../../../src/history/csv.js';
import { formatDailyFrom, readDailyByDate, readDailyRows } from '../../../src/history/daily-rows.js';
import { generator } from '../../support/random.js';
import { formatCheckRow, formatDaily, readPoints, readPointsOf } from '../../../src/history/rows.js';
import type { CheckRow, DailyRow } from '../../../src/history/types.js';

const HEADER = 'time,id,status,http,total,dns,connect,tls,wait,download,attempts,error\n';

function row(overrides: Partial<CheckRow> = {}): CheckRow {
  return {
    time: '2026-11-26T10:05:03.412Z',
    id: 'api-health',
    status: 'up',
    http: 200,
    total: 412,
    dns: 3,
    connect: 21,
    tls: 40,
    wait: 340,
    download: 8,
    attempts: 1,
    error: '',
    ...overrides,
  };
}

describe('CSV records (RFC 4180)', () => {
  it('quotes fields holding a comma, a quote, CR or LF, and reads them back unchanged', () => {
    const fields = ['plain', 'a,b', 'say "hi"', 'line\r\nbreak', 'cr\ronly', '', 'lf\nonly'];
    const text = formatRecord(fields) + formatRecord(['next', 'record']);
    expect(text.startsWith('plain,"a,b","say ""hi""","line\r\nbreak","cr\ronly",,"lf\nonly"\n')).toBe(true);
    expect(parseCsv(text)).toEqual([fields, ['next', 'record']]);
  });

  it('reads CRLF line ends and skips blank lines', () => {
    expect(parseCsv('a,b\r\n\r\nc,d\r\n')).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('drops a line whose quote never closes and goes on with the next', () => {
    expect(parseCsv('a,"unclosed\nb,c\n')).toEqual([['b', 'c']]);
  });

  it('keeps a stray quote inside an unquoted field as text', () => {
    expect(parseCsv('5" screen,x,"y"\n')).toEqual([['5" screen', 'x', 'y']]);
  });
});

describe('day files', () => {
  it('writes the documented example line and reads it back', () => {
    const line = formatCheckRow(row());
    expect(line).toBe('2026-11-26T10:05:03.412Z,api-health,up,200,412,3,21,40,340,8,1,\n');
    const down = formatCheckRow(
      row({
        id: 'payments',
        status: 'down',
        http: null,
        total: 1,
        dns: 0,
        connect: 1,
        tls: 0,
        wait: 0,
        download: 0,
        attempts: 3,
        error: 'connection refused',
      }),
    );
    expect(down).toBe('2026-11-26T10:05:03.412Z,payments,down,,1,0,1,0,0,0,3,connection refused\n');
    expect(parseCsv(line + down)).toEqual([
      ['2026-11-26T10:05:03.412Z', 'api-health', 'up', '200', '412', '3', '21', '40', '340', '8', '1', ''],
      ['2026-11-26T10:05:03.412Z', 'payments', 'down', '', '1', '0', '1', '0', '0', '0', '3', 'connection refused'],
    ]);
    const at = Date.parse('2026-11-26T10:05:03.412Z');
    expect(readPoints(HEADER + line + down)).toEqual([
      { at, id: 'api-health', status: 'up', total: 412 },
      { at, id: 'payments', status: 'down', total: 1 },
    ]);
  });

  it('round-trips an error with commas and quotes', () => {
    const error = 'status 503, body said "no", `x`';
    const text = formatCheckRow(row({ status: 'down', error }));
    expect(parseCsv(text)[0][11]).toBe(error);
    expect(readPoints(HEADER + text)).toEqual([{ at: Date.parse(row().time), id: 'api-health', status: 'down', total: 412 }]);
  });

  it('skips corrupt lines (bad time, unknown status, bad number, missing fields, open quote) and keeps the rest', () => {
    const good = formatCheckRow(row());
    const text =
      HEADER +
      good +
      'yesterday,api-health,up,200,412,3,21,40,340,8,1,\n' +
      '2026-11-26T10:06:00.000Z,api-health,fine,200,412,3,21,40,340,8,1,\n' +
      '2026-11-26T10:07:00.000Z,api-health,up,OK,412,3,21,40,340,8,1,\n' +
      '2026-11-26T10:08:00.000Z,api-health,up,200,fast\n' +
      '2026-11-26T10:09:00.000Z,api-health\n' +
      '2026-11-26T10:10:00.000Z,api-health,down,,1,0,0,0,0,0,3,"never closed\n' +
      '<<<<<<< HEAD\n' +
      formatCheckRow(row({ time: '2026-11-26T10:15:00.000Z', total: 500 }));
    expect(readPoints(text).map((point) => [point.at, point.total])).toEqual([
      [Date.parse('2026-11-26T10:05:03.412Z'), 412],
      [Date.parse('2026-11-26T10:15:00.000Z'), 500],
    ]);
  });

  it('does not read a line inside a quoted error that spans lines as a check of its own', () => {
    const text =
      HEADER +
      '2026-11-26T10:10:00.000Z,api-health,down,,1,0,0,0,0,0,3,"first line\n' +
      '2026-11-26T10:11:00.000Z,api-health,up,200,5,0,0,0,0,0,1,"\n' +
      formatCheckRow(row({ time: '2026-11-26T10:15:00.000Z' }));
    expect(readPoints(text).map((point) => [point.at, point.status])).toEqual([
      [Date.parse('2026-11-26T10:10:00.000Z'), 'down'],
      [Date.parse('2026-11-26T10:15:00.000Z'), 'up'],
    ]);
  });

  it('reads a line where it lies exactly as it reads the same columns cut out of a record', () => {
    // The same checks twice: in the documented order (read in place), and with the first two
    // columns swapped under a header that says so (read by the general reader, field by field).
    const random = generator(11);
    const pick = <T>(values: readonly T[]) => values[random.int(0, values.length - 1)];
    const times = [
      '2026-11-26T10:05:03.412Z',
      '2026-11-26T23:59:59.999Z',
      '2026-02-30T10:00:00.000Z',
      '2026-11-26T24:00:00.000Z',
    ];
    const oddTimes = ['2026-11-26T10:00:00Z', '2026-11-26T1a:00:00.000Z', 'yesterday', '', '2026-11-26T10:00:00.000+01:00'];
    const statuses = ['up', 'down', 'degraded', 'maintenance', 'Up', 'upp', 'dow', '', 'maintenancE'];
    const numbers = [
      '0',
      '7',
      '412',
      '007',
      '1e2',
      ' 5',
      '5 ',
      '-3',
      '+4',
      '4.6',
      '',
      'x',
      '123456789012345',
      '1234567890123456',
      '0x10',
    ];
    const lines = Array.from({ length: 3000 }, () => {
      const time = random.next() < 0.8 ? pick(times) : pick(oddTimes);
      const status = random.next() < 0.8 ? pick(statuses.slice(0, 4)) : pick(statuses);
      const http = random.next() < 0.7 ? pick(['200', '503', '']) : pick(numbers);
      const total = random.next() < 0.7 ? String(random.int(0, 3000)) : pick(numbers);
      return [time, pick(['api', 'web', 'é-db', '']), status, http, total, '3', '21', '40', '340', '8', '1', ''];
    });
    const inOrder = HEADER + lines.map((fields) => fields.join(',') + '\n').join('');
    const swapped =
      'id,time,status,http,total,dns,connect,tls,wait,download,attempts,error\n' +
      lines.map(([time, id, ...rest]) => [id, time, ...rest].join(',') + '\n').join('');
    const points = readPoints(inOrder);
    expect(points.length).toBeGreaterThan(1000);
    expect(points).toEqual(readPoints(swapped));
  });

  it('reads every time exactly as Date.parse does, also the odd ones', () => {
    const times = [
      '2026-11-26T00:00:00.000Z',
      '2026-11-26T23:59:59.999Z',
      '2026-12-31T23:59:59.999Z',
      '2028-02-29T12:00:00.000Z',
      '2026-02-30T10:00:00.000Z', // not a date, yet Date.parse reads it as 2 March
      '2026-13-01T10:00:00.000Z',
      '2026-11-26T24:00:00.000Z',
      '2026-11-26T23:59:60.000Z',
      '2026-11-26T1a:00:00.000Z',
      '2026-11-26T0;:00:00.000Z',
      '2026-11-26T/0:00:00.000Z',
      '2026-11-26T10:0?:00.000Z',
      '2026-11-26T10:00:00.0:0Z',
      '2026-11-26T10:00:00.00/Z',
      '2026-11-26T10:00:00.-01Z',
      '2026-11-26T10:00:00.000+01:00',
      '2026-11-26 10:00:00.000Z',
      '2026-11-26T10:00:00Z',
      '0000-01-01T00:00:00.000Z',
    ];
    // Each time twice, the day changing between them, as the reader keeps the last day's midnight.
    const lines = times
      .flatMap((time) => [time, time])
      .map((time, index) => `${time},e${index},up,200,${index + 1},0,0,0,0,0,1,\n`);
    const read = new Map(readPoints(HEADER + lines.join('')).map((point) => [point.total - 1, point.at]));
    lines.forEach((line, index) => {
      const expected = Date.parse(line.slice(0, line.indexOf(',')));
      expect([index, read.get(index) ?? NaN]).toEqual([index, expected]);
    });
    expect(read.size).toBe(lines.filter((line) => !Number.isNaN(Date.parse(line.slice(0, line.indexOf(','))))).length);
  });

  it('reads columns by the header when a person reordered them, and files without a header', () => {
    const reordered =
      'id,time,status,total,http,dns,connect,tls,wait,download,attempts,error\napi-health,2026-11-26T10:05:03.412Z,up,412,200,3,21,40,340,8,1,\n';
    const point = { at: Date.parse('2026-11-26T10:05:03.412Z'), id: 'api-health', status: 'up', total: 412 };
    expect(readPoints(reordered)).toEqual([point]);
    expect(readPoints(reordered.replace(',200,', ',OK,'))).toEqual([]);
    expect(readPoints(formatCheckRow(row()))).toEqual([point]);
  });

  it('reads only the rows of the endpoints asked for, even when another row quotes their id', () => {
    const text =
      HEADER +
      formatCheckRow(row({ id: 'a' })) +
      formatCheckRow(row({ id: 'b', status: 'down', error: 'saw ,a, in the body' })) +
      formatCheckRow(row({ id: 'a', total: 9 }));
    expect(readPointsOf(text, new Set(['a'])).map((point) => [point.id, point.total])).toEqual([
      ['a', 412],
      ['a', 9],
    ]);
  });

  it('finds the rows of an id that is written quoted, and reads a file with reordered columns whole', () => {
    const odd = ['a,b', 'say "x"'];
    const text =
      HEADER +
      formatCheckRow(row({ id: odd[0], total: 1 })) +
      formatCheckRow(row({ id: 'c', total: 2 })) +
      formatCheckRow(row({ id: odd[1], total: 3 }));
    expect(readPointsOf(text, new Set(odd)).map((point) => [point.id, point.total])).toEqual([
      [odd[0], 1],
      [odd[1], 3],
    ]);
    const reordered = 'id,time,status,total,http\nc,2026-11-26T10:05:03.412Z,down,1,\nd,2026-11-26T10:05:03.412Z,up,5,200\n';
    expect(readPointsOf(reordered, new Set(['c'])).map((point) => [point.id, point.status])).toEqual([['c', 'down']]);
  });

  it('finds the header after blank lines', () => {
    const text = '\r\n\nid,time,status,http,total\napi,2026-11-26T10:05:03.412Z,down,,1500\n';
    const point = { at: Date.parse('2026-11-26T10:05:03.412Z'), id: 'api', status: 'down', total: 1500 };
    expect(readPoints(text)).toEqual([point]);
    expect(readPointsOf(text, new Set(['api']))).toEqual([point]);
  });

  it('reads each line it jumps to on its own and in file order, so an open quote cannot swallow the next one', () => {
    const text =
      HEADER +
      formatCheckRow(row({ id: 'b', time: '2026-11-26T10:00:00.000Z', total: 1 })) +
      '2026-11-26T10:01:00.000Z,a,down,,1,0,0,0,0,0,3,"never closed\n' +
      formatCheckRow(row({ id: 'b', time: '2026-11-26T10:02:00.000Z', total: 2 })) +
      formatCheckRow(row({ id: 'a', time: '2026-11-26T10:03:00.000Z', total: 3 }));
    expect(readPointsOf(text, new Set(['a', 'b'])).map((point) => [point.id, point.total])).toEqual([
      ['b', 1],
      ['b', 2],
      ['a', 3],
    ]);
  });
});

describe('daily.csv', () => {
  const day: DailyRow = {
    date: '2026-11-25',
    id: 'api-health',
    checks: 288,
    up: 286,
    degraded: 1,
    down: 1,
    maintenance: 6,
    p50: 390,
    p95: 880,
    p99: 1410,
  };

  it('writes rows by date and id with empty percentiles for a day without timed checks, and reads them back', () => {
    const empty: DailyRow = {
      date: '2026-11-24',
      id: 'b',
      checks: 3,
      up: 0,
      degraded: 0,
      down: 3,
      maintenance: 0,
      p50: null,
      p95: null,
      p99: null,
    };
    const text = formatDaily([day, empty]);
    expect(text).toBe(
      'date,id,checks,up,degraded,down,maintenance,p50,p95,p99\n2026-11-24,b,3,0,0,3,0,,,\n2026-11-25,api-health,288,286,1,1,6,390,880,1410\n',
    );
    expect(readDailyRows(text)).toEqual([empty, day]);
  });

  it('writes ids that need quotes or are not ASCII, and any number, as the records writer does', () => {
    const ids = ['plain', 'a,b', 'say "hi"', 'café', '東京-api', 'emoji-😀', 'new\nline'];
    const numbers = [0, 7, 10, 99, 100, 1234567, 2 ** 53 - 1, 2 ** 53, 1e21, 12.5, -3, null];
    const rows: DailyRow[] = ids.flatMap((id, i) =>
      numbers.map((value, j) => ({
        date: `2026-11-${String(10 + j).padStart(2, '0')}`,
        id,
        checks: value ?? i,
        up: value ?? 0,
        degraded: i,
        down: j,
        maintenance: value ?? 1,
        p50: value,
        p95: j % 2 === 0 ? null : value,
        p99: value === null ? null : value + 1,
      })),
    );
    const sorted = [...rows].sort((a, b) =>
      a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0,
    );
    const asText = (value: number | null) => (value === null ? '' : String(value));
    const expected =
      formatRecord(['date', 'id', 'checks', 'up', 'degraded', 'down', 'maintenance', 'p50', 'p95', 'p99']) +
      sorted
        .map((row) =>
          formatRecord([
            row.date,
            row.id,
            ...[row.checks, row.up, row.degraded, row.down, row.maintenance, row.p50, row.p95, row.p99].map(asText),
          ]),
        )
        .join('');
    expect(formatDaily(rows)).toBe(expected);
    // Many rows: the text outgrows its first buffer.
    const many = Array.from({ length: 5000 }, (_, n) => ({ ...day, id: `endpoint-${n}-é`, up: n }));
    expect(readDailyRows(formatDaily(many))).toEqual(
      [...many].sort((a, b) => (a.id < b.id ? -1 : 1)).map((row) => ({ ...row, checks: row.up + row.degraded + row.down })),
    );
  });

  it('recounts `checks` from up + degraded + down and skips lines it cannot read', () => {
    const text =
      'date,id,checks,up,degraded,down,maintenance,p50,p95,p99\n2026-11-25,api-health,999,286,1,1,6,390,880,1410\nnot a date,x,1,1,0,0,0,,,\n2026-11-26,x,1,one,0,0,0,,,\n';
    expect(readDailyRows(text)).toEqual([day]);
  });

  describe('rewriting only the days a run changed', () => {
    const dates = ['2026-11-20', '2026-11-21', '2026-11-22', '2026-11-23', '2026-11-24', '2026-11-25'];
    const randomRow = (random: ReturnType<typeof generator>, date: string, id: string): DailyRow => {
      const [up, degraded, down] = [random.int(0, 300), random.int(0, 9), random.int(0, 12)];
      const timed = up + degraded > 0;
      return {
        date,
        id,
        checks: up + degraded + down,
        up,
        degraded,
        down,
        maintenance: random.int(0, 3),
        p50: timed ? random.int(0, 999) : null,
        p95: timed ? random.int(0, 9999) : null,
        p99: timed ? random.int(0, 99999) : null,
      };
    };
    const allRows = (byDate: Map<string, Map<string, DailyRow>>) => [...byDate.values()].flatMap((byId) => [...byId.values()]);

    it('writes the same text as formatting every row, keeping the lines before the first day changed', () => {
      for (let seed = 1; seed <= 60; seed++) {
        const random = generator(seed);
        const ids = Array.from({ length: random.int(1, 6) }, (_, n) => ['api', 'web', 'db', 'a,b', 'café', 'x'][n]);
        const rows = dates
          .slice(0, random.int(1, dates.length))
          .flatMap((date) => ids.filter(() => random.next() < 0.8).map((id) => randomRow(random, date, id)));
        const text = formatDaily(rows);
        const { byDate, starts } = readDailyByDate(text);
        // A quoted id is not read in place: such a file is written whole, as before.
        const quoted = rows.some((row) => row.id.includes(','));
        expect(starts === null).toBe(quoted);
        // The run recomputes one day (maybe one the file lacks) and those after it.
        const changedFrom = [...dates, '2026-11-26'][random.int(0, dates.length)];
        for (const date of [...dates, '2026-11-26'].filter((d) => d >= changedFrom && random.next() < 0.7)) {
          byDate.set(date, new Map(ids.map((id) => [id, randomRow(random, date, id)])));
        }
        const changed = [...byDate.keys()].some((date) => date >= changedFrom);
        const written = formatDailyFrom(text, byDate, starts, changed ? changedFrom : null);
        expect(written).toBe(formatDaily(allRows(byDate)));
        if (starts !== null && changed) expect(written.startsWith(text.slice(0, starts.get(changedFrom) ?? 0))).toBe(true);
      }
    });

    it('writes every row again when the file is not exactly as Vigil writes it', () => {
      const random = generator(7);
      const rows = dates.flatMap((date) => ['api', 'web'].map((id) => randomRow(random, date, id)));
      rows[0] = { ...rows[0], p50: 100 }; // 1e2 is as wide
      const text = formatDaily(rows);
      const lines = text.split('\n');
      const damaged = {
        'no line end at the end': text.slice(0, -1),
        'a line end of CR LF': text.replace('\n2026-11-21', '\r\n2026-11-21'),
        'a number with a leading zero': text.replace(/\n2026-11-22,api,(\d+),/, (_, n) => `\n2026-11-22,api,0${n},`),
        'checks that are not the sum': text.replace(/\n2026-11-23,web,(\d+),/, (_, n) => `\n2026-11-23,web,${Number(n) + 1},`),
        'an eleventh column': text.replace(/(\n2026-11-24,api,[^\n]*)/, '$1,extra'),
        'a ninth column missing': text.replace(/(\n2026-11-24,web,[^\n]*),[^,\n]*/, '$1'),
        'rows out of order': [lines[0], lines[2], lines[1], ...lines.slice(3)].join('\n'),
        'the same day and id twice': [...lines.slice(0, 3), lines[2], ...lines.slice(3)].join('\n'),
        'a blank line': [lines[0], '', ...lines.slice(1)].join('\n'),
        'no header': lines.slice(1).join('\n'),
        'a header in another order': ['id,date,checks,up,degraded,down,maintenance,p50,p95,p99', ...lines.slice(1)].join('\n'),
        'a number written as a decimal': text.replace(/\n(2026-11-25,api,\d+,\d+,\d+,\d+,\d+,)(\d+)/, '\n$1$2.0'),
        'a number written with an exponent as wide as its digits': text.replace(
          /\n(2026-11-20,api,\d+,\d+,\d+,\d+,\d+,)100,/,
          '\n$11e2,',
        ),
        'a space read as 0': text.replace(/\n(2026-11-21,api,\d+,\d+,\d+,\d+,)\d+,/, '\n$1 ,'),
        'a number in hexadecimal as wide as its digits': text.replace(
          /\n(2026-11-22,web,\d+,\d+,\d+,\d+,\d+,)\d+,/,
          '\n$10x2000000000,',
        ),
        'an id with a CR inside': text.replace('\n2026-11-20,web,', '\n2026-11-20,w\reb,'),
      };
      for (const [what, bad] of Object.entries(damaged)) {
        expect([what, bad !== text]).toEqual([what, true]);
        const { byDate, starts } = readDailyByDate(bad);
        expect([what, starts]).toEqual([what, null]);
        byDate.set('2026-11-25', new Map([['api', randomRow(random, '2026-11-25', 'api')]]));
        expect([what, formatDailyFrom(bad, byDate, starts, '2026-11-25')]).toEqual([what, formatDaily(allRows(byDate))]);
      }
    });
  });
});
