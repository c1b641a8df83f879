export const id = 443;
export const ids = [443];
export const modules = {

/***/ 9443:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  CHECK_COLUMNS: () => (/* reexport */ types/* CHECK_COLUMNS */.He),
  DAILY_COLUMNS: () => (/* reexport */ types/* DAILY_COLUMNS */.W3),
  DAILY_FILE: () => (/* reexport */ types/* DAILY_FILE */.zf),
  STATE_FILE: () => (/* reexport */ types/* STATE_FILE */.bv),
  STATUS_FILE: () => (/* reexport */ types/* STATUS_FILE */.C5),
  WINDOWS: () => (/* reexport */ types/* WINDOWS */.CB),
  countCheck: () => (/* reexport */ countCheck),
  dayFilePath: () => (/* reexport */ dayFilePath),
  dayOfPath: () => (/* reexport */ dayOfPath),
  filesToRead: () => (/* reexport */ filesToRead),
  formatCheckRow: () => (/* reexport */ formatCheckRow),
  formatDaily: () => (/* reexport */ formatDaily),
  formatRecord: () => (/* reexport */ formatRecord),
  judge: () => (/* reexport */ judge),
  parseCsv: () => (/* reexport */ parseCsv),
  pendingOf: () => (/* reexport */ pendingOf),
  percentiles: () => (/* reexport */ percentiles),
  readDailyRows: () => (/* reexport */ readDailyRows),
  readPoints: () => (/* reexport */ readPoints),
  uptimePercent: () => (/* reexport */ uptimePercent)
});

;// CONCATENATED MODULE: ./src/history/counting.ts
function rowStatusOf(check) {
    return check.inMaintenance ? 'maintenance' : check.status;
}
/** The error of a check as recorded: its error, else its first failed check; one line. */
function errorOf(check) {
    if (check.status === 'up' && !check.inMaintenance)
        return '';
    const text = check.error ?? check.failures[0] ?? '';
    return text.replace(/[\r\n\u2028\u2029]+/g, ' ');
}
function secondsBetween(from, to) {
    if (!from || !to)
        return null;
    const ms = Date.parse(to) - Date.parse(from);
    return Number.isFinite(ms) ? Math.max(0, Math.round(ms / 1000)) : null;
}
/** Advances one endpoint's counters by one run's check. Pure: `previous` is not changed. */
function countCheck(previous, check, settings, workflow) {
    const at = check.checkedAt;
    const state = previous
        ? { ...previous, name: check.name, url: check.url, workflow, lastCheck: at }
        : {
            id: check.id,
            name: check.name,
            url: check.url,
            workflow,
            counted: 'up',
            since: null,
            downStreak: 0,
            upStreak: 0,
            outageStart: null,
            notDownSince: null,
            beforeMaintenance: null,
            lastCheck: at,
        };
    const events = [];
    const event = (kind, since, extra = {}) => {
        events.push({
            key: `${check.id}:${kind}:${at}`,
            kind,
            id: check.id,
            name: check.name,
            url: check.url,
            at,
            since,
            status: rowStatusOf(check),
            error: errorOf(check) || null,
            failures: check.failures,
            httpStatus: check.httpStatus,
            responseTime: check.timings.total,
            downtime: null,
            incident: null,
            ...extra,
        });
    };
    if (check.inMaintenance) {
        if (state.counted !== 'maintenance') {
            state.beforeMaintenance = previous ? state.counted : null;
            state.counted = 'maintenance';
            state.since = at;
            const window = {
                phase: 'start',
                until: check.maintenanceUntil ?? null,
                timezone: check.maintenanceTimezone ?? null,
            };
            event('maintenance', at, { maintenance: window });
        }
        return { state, events, pending: null };
    }
    if (state.counted === 'maintenance') {
        event('maintenance', state.since, { maintenance: { phase: 'end', until: null, timezone: null } });
        const before = state.beforeMaintenance ?? null;
        state.beforeMaintenance = null;
        state.counted = before ?? 'up';
        // A window changes the counted status; the one it returns to dates from its end, except
        // down, which is dated at the outage's first down check.
        state.since = before === 'down' ? state.outageStart : before === null ? null : at;
    }
    if (check.status === 'down') {
        if (state.downStreak === 0 && state.counted !== 'down')
            state.outageStart = at;
        state.outageStart ??= at;
        state.downStreak++;
        state.upStreak = 0;
        state.notDownSince = null;
        if (state.counted !== 'down' && state.downStreak >= settings.failureThreshold) {
            state.counted = 'down';
            state.since = state.outageStart;
            event('down', state.outageStart);
        }
    }
    else {
        if (state.upStreak === 0)
            state.notDownSince = at;
        state.upStreak++;
        state.downStreak = 0;
        if (state.counted === 'down') {
            if (state.upStreak >= settings.successThreshold) {
                const recoveredAt = state.notDownSince ?? at;
                event('recovered', recoveredAt, { downtime: secondsBetween(state.outageStart, recoveredAt) });
                state.counted = check.status;
                state.since = recoveredAt;
                state.outageStart = null;
                if (check.status === 'degraded')
                    event('degraded', at);
            }
        }
        else {
            state.outageStart = null; // a pending outage that never counted
            if (state.counted !== check.status || state.since === null) {
                const changed = state.counted !== check.status;
                state.counted = check.status;
                state.since = changed || previous === undefined ? at : (state.notDownSince ?? at);
                if (check.status === 'degraded')
                    event('degraded', at);
            }
        }
    }
    return { state, events, pending: pendingOf(state, settings) };
}
function pendingOf(state, settings) {
    if (state.counted !== 'down' && state.counted !== 'maintenance' && state.downStreak > 0) {
        const needed = settings.failureThreshold;
        return { toward: 'down', runs: state.downStreak, needed, text: `down — ${state.downStreak} of ${needed} before it counts` };
    }
    if (state.counted === 'down' && state.upStreak > 0) {
        const needed = settings.successThreshold;
        return {
            toward: 'recovery',
            runs: state.upStreak,
            needed,
            text: `not down — ${state.upStreak} of ${needed} before it counts as recovered`,
        };
    }
    return null;
}

;// CONCATENATED MODULE: ./src/history/csv.ts
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
function parseCsv(text) {
    const records = [];
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const record = recordAt(lines, i);
        if (record === null)
            continue;
        records.push(record.fields);
        i = record.last;
    }
    return records;
}
/**
 * The record that starts at line `first` of a text split at LF, and the line it ends on; null for
 * a blank line or a quote that never closes (the caller goes on with the next line).
 */
function recordAt(lines, first) {
    const line = withoutCr(lines[first]);
    if (line.indexOf('"') === -1)
        return line === '' ? null : { fields: line.split(','), last: first };
    return parseQuotedRecord(lines, first);
}
/** Reads the record that starts at line `first` and holds a quote; null when a quoted field
 * does not close within a few lines. */
function parseQuotedRecord(lines, first) {
    const fields = [];
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
                    if (index + 1 >= lines.length || index - first >= MAX_LINES_PER_RECORD)
                        return null;
                    value += line.slice(position) + (lines[index].endsWith('\r') ? '\r\n' : '\n');
                    line = withoutCr(lines[++index]);
                    position = 0;
                    continue;
                }
                value += line.slice(position, quote);
                if (line.charCodeAt(quote + 1) === 34) {
                    value += '"';
                    position = quote + 2;
                }
                else {
                    position = quote + 1;
                    break;
                }
            }
        }
        // A field without quotes, or text after a closing quote, up to the separator (a stray quote
        // in it is kept as text).
        let end = line.indexOf(',', position);
        if (end === -1)
            end = line.length;
        value += line.slice(position, end);
        fields.push(value);
        if (end === line.length)
            return { fields, last: index };
        position = end + 1;
    }
}
function withoutCr(line) {
    return line.charCodeAt(line.length - 1) === 13 ? line.slice(0, -1) : line;
}
const NEEDS_QUOTES = /[",\r\n]/;
function csv_formatField(value) {
    return NEEDS_QUOTES.test(value) ? `"${value.replaceAll('"', '""')}"` : value;
}
/** One record and its line end. */
function formatRecord(fields) {
    return fields.map(csv_formatField).join(',') + '\n';
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
class TextBuilder {
    bytes = Buffer.allocUnsafe(64 * 1024);
    length = 0;
    /** Adds text as UTF-8 (up to three bytes a UTF-16 unit). */
    text(value) {
        this.room(value.length * 3);
        this.length += this.bytes.write(value, this.length, 'utf8');
        return this;
    }
    toString() {
        return this.bytes.toString('utf8', 0, this.length);
    }
    room(more) {
        if (this.length + more <= this.bytes.length)
            return;
        const grown = Buffer.allocUnsafe(Math.max(this.bytes.length * 2, this.length + more));
        this.bytes.copy(grown, 0, 0, this.length);
        this.bytes = grown;
    }
}

;// CONCATENATED MODULE: ./src/history/stats.ts
const HOUR = 3_600_000;
const DAY = 86_400_000;
/** Nearest-rank percentiles: the value at rank ⌈p/100 × n⌉ of the sorted values. */
function percentiles(values) {
    const count = values.length;
    if (count === 0)
        return { p50: null, p95: null, p99: null };
    // Times are whole milliseconds: an unsigned integer array sorts about twice as fast as a
    // Float64Array (measured: 93 µs against 218 µs for a week of five-minute checks).
    const sorted = new Uint32Array(values).sort();
    const at = (p) => sorted[Math.max(1, Math.ceil((p / 100) * count)) - 1];
    return { p50: at(50), p95: at(95), p99: at(99) };
}
/** 100 × (checks − down) / checks, floored to three decimals; null without checks. */
function uptimePercent(checks, down) {
    if (checks <= 0)
        return null;
    // Integer arithmetic up to the last division, so 100 × 287/288 floors to 99.652, not 99.651.
    return Math.floor((100_000 * (checks - down)) / checks) / 1000;
}
/** Whether a row's response time belongs in the percentiles: neither down nor in maintenance. */
function timed(row) {
    return row.status === 'up' || row.status === 'degraded';
}
/** One endpoint's row of `daily.csv` for one day, from that day's raw rows of the endpoint. */
function dailyRowOf(date, id, rows) {
    let up = 0;
    let degraded = 0;
    let down = 0;
    let maintenance = 0;
    const totals = [];
    for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        if (row.status === 'up')
            up++;
        else if (row.status === 'degraded')
            degraded++;
        else if (row.status === 'down')
            down++;
        else
            maintenance++;
        if (timed(row))
            totals.push(row.total);
    }
    return { date, id, checks: up + degraded + down, up, degraded, down, maintenance, ...percentiles(totals) };
}
/**
 * An endpoint's outages in its rows (sorted by time): each runs from a down check to the next
 * check that is not down, or stays open when the rows end down.
 */
function outagesOf(rows) {
    const spans = [];
    let open = null;
    for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        if (row.status === 'down') {
            if (open === null)
                open = row.at;
        }
        else if (open !== null) {
            spans.push({ start: open, end: row.at });
            open = null;
        }
    }
    if (open !== null)
        spans.push({ start: open, end: null });
    return spans;
}
/** Seconds of the spans within [from, to]; an open span lasts until `to`. */
function secondsWithin(spans, from, to) {
    let ms = 0;
    for (const span of spans) {
        const start = Math.max(span.start, from);
        const end = Math.min(span.end ?? to, to);
        if (end > start)
            ms += end - start;
    }
    return ms / 1000;
}
/** Sorts rows by time in place unless they already are (the usual case: files are appended to). */
function sortByTime(rows) {
    for (let i = 1; i < rows.length; i++) {
        if (rows[i].at < rows[i - 1].at)
            return rows.sort((a, b) => a.at - b.at);
    }
    return rows;
}
function utcDate(ms) {
    return new Date(ms).toISOString().slice(0, 10);
}
let lastDates = null;
/** The UTC dates of `count` days back from the day starting at `today` (index = days ago).
 * The last answer is kept: a caller that judges many runs asks for the same day many times. */
function datesBack(today, count) {
    if (lastDates?.today !== today || lastDates.dates.length < count) {
        lastDates = { today, dates: Array.from({ length: count }, (_, ago) => utcDate(today - ago * DAY)) };
    }
    return lastDates.dates;
}
function startOfUtcDay(ms) {
    return ms - (((ms % DAY) + DAY) % DAY);
}

// EXTERNAL MODULE: ./src/history/types.ts
var types = __webpack_require__(9653);
;// CONCATENATED MODULE: ./src/history/rows.ts
/** The data branch's CSV files as typed rows (docs/history.md, the layout of the branch). */



const ROW_STATUS = new Map(['up', 'degraded', 'down', 'maintenance'].map((status) => [status, status]));
const DAY_FILE = /^history\/(\d{4}-\d{2}-\d{2})\.csv$/;
const DATE = /^\d{4}-\d{2}-\d{2}$/;
function dayFilePath(date) {
    return `history/${date}.csv`;
}
/** The UTC date (YYYY-MM-DD) of a day file's path, or null for any other path. */
function dayOfPath(path) {
    return DAY_FILE.exec(path)?.[1] ?? null;
}
const CHECK_HEADER = formatRecord(types/* CHECK_COLUMNS */.He);
const DAILY_HEADER = formatRecord(types/* DAILY_COLUMNS */.W3);
/**
 * Maps each wanted column to its index in the records. A first record naming the columns is a
 * header (columns may come in any order); without one, the documented order (docs/history.md) is assumed.
 */
function columnIndexes(records, columns) {
    const header = records[0];
    if (header && header.some((name) => name.trim() === columns[0]) && header.some((name) => name.trim() === columns[1])) {
        const names = header.map((name) => name.trim());
        return { indexes: columns.map((column) => names.indexOf(column)), first: 1 };
    }
    return { indexes: columns.map((_, index) => index), first: 0 };
}
function wholeNumber(text) {
    if (text === undefined || text === '')
        return null;
    const value = Number(text);
    return Number.isFinite(value) && value >= 0 ? Math.round(value) : null;
}
/** Reads a day file's checks as points. Lines that are not a valid check (bad time, status or
 * number) are skipped. */
function readPoints(text) {
    const lines = text.split('\n');
    const { indexes, first } = checkColumns(lines);
    return pointsOfLines(lines, first, indexes);
}
/**
 * Reads only the points of some endpoints from a day file: it jumps from one `,id,` to the next
 * instead of reading every line, which is what keeps old days cheap to look into. Each line found
 * is read on its own, in file order; a match inside quoted text is dropped when its line is not
 * the endpoint's.
 */
function readPointsOf(text, ids) {
    const lines = text.split('\n');
    const { indexes, first } = checkColumns(lines);
    // The jump needs the id in its usual column; a file whose columns a person reordered is read whole.
    if (indexes[1] !== 1)
        return pointsOfLines(lines, first, indexes).filter((point) => ids.has(point.id));
    const starts = new Set();
    for (const id of ids) {
        const needle = `,${formatField(id)},`; // as the id is written: quoted when it holds a comma or quote
        for (let found = text.indexOf(needle); found !== -1; found = text.indexOf(needle, found + needle.length)) {
            starts.add(text.lastIndexOf('\n', found) + 1);
        }
    }
    const points = [];
    for (const start of [...starts].sort((a, b) => a - b)) {
        const end = text.indexOf('\n', start);
        const line = text.slice(start, end === -1 ? text.length : end);
        for (const point of pointsOfLines([line], 0, indexes))
            if (ids.has(point.id))
                points.push(point);
    }
    return points;
}
/** A day file's columns: from its header (its first record, after any blank line) when it has
 * one, else in the documented order; and the line its checks start on. */
function checkColumns(lines) {
    for (let i = 0; i < lines.length; i++) {
        const record = recordAt(lines, i);
        if (record === null)
            continue;
        const { indexes, first } = columnIndexes([record.fields], types/* CHECK_COLUMNS */.He);
        return { indexes, first: first === 1 ? record.last + 1 : i };
    }
    return columnIndexes([], types/* CHECK_COLUMNS */.He);
}
/**
 * The points of the lines from `first` on. A line in the documented column order without a quote (all
 * that Vigil writes, but for errors with a comma) is read by finding its first five commas; the
 * columns after them are not looked at. Splitting every line into its twelve fields and decoding
 * them all, as a general CSV reader does, made the judge's first call over 90 days up to 1.5 times
 * as long and its warm calls 1.3–1.6 times (`npm run bench:judge`, old and new code side by side).
 * Other lines take the general reader, with the same rules.
 */
function pointsOfLines(lines, first, indexes) {
    const inOrder = indexes.slice(0, 5).every((index, position) => index === position);
    const timeOf = isoTimeReader();
    const idOf = interner();
    const points = [];
    for (let i = first; i < lines.length; i++) {
        const line = withoutCr(lines[i]);
        if (line === '')
            continue;
        if (inOrder && line.indexOf('"') === -1) {
            const c1 = line.indexOf(',');
            const c2 = c1 === -1 ? -1 : line.indexOf(',', c1 + 1);
            const c3 = c2 === -1 ? -1 : line.indexOf(',', c2 + 1);
            const c4 = c3 === -1 ? -1 : line.indexOf(',', c3 + 1);
            if (c4 === -1)
                continue; // fewer than five columns: no response time
            let c5 = line.indexOf(',', c4 + 1);
            if (c5 === -1)
                c5 = line.length;
            let point = pointInLine(line, c1, c2, c3, c4, c5, timeOf, idOf);
            if (point === undefined)
                point = pointOf(line.slice(0, c1), line.slice(c1 + 1, c2), line.slice(c2 + 1, c3), line.slice(c3 + 1, c4), line.slice(c4 + 1, c5), timeOf, idOf);
            if (point)
                points.push(point);
            continue;
        }
        // A record that spans lines is read for its first five columns, but the lines it swallowed
        // are still read on their own: Vigil writes every check on one line, so a quote that a person
        // left open (or a stray one) costs at most its own line, not the checks after it.
        const record = recordAt(lines, i);
        if (record === null)
            continue;
        const fields = record.fields;
        // Only a line's own columns make a check: not a time, id or number that ran on into later lines.
        if (record.last !== i && indexes.slice(0, 5).some((index) => fields[index]?.includes('\n')))
            continue;
        const point = pointOf(fields[indexes[0]], fields[indexes[1]], fields[indexes[2]], fields[indexes[3]], fields[indexes[4]], timeOf, idOf);
        if (point)
            points.push(point);
    }
    return points;
}
/**
 * `pointOf` of a line's first five columns (ending at commas `c1`…`c4` and `c5`), read where they
 * lie when they are as Vigil writes them: a time of 24 characters, a status by its name, the
 * numbers in digits. Undefined for any other line, which `pointOf` reads from its columns cut out,
 * so what is accepted does not change. Cutting five strings out of each of today's lines (28,800
 * at noon on 200 endpoints) was a third of the time spent reading them, and most of what the
 * reading left for the collector (`BENCH_ENDPOINTS=200 node scripts/bench-judge.mjs`, CPU profile).
 */
function pointInLine(line, c1, c2, c3, c4, c5, timeOf, idOf) {
    if (c1 !== 24 || c2 === c1 + 1)
        return undefined;
    const status = statusAt(line, c2 + 1, c3);
    if (status === undefined)
        return undefined;
    const total = digitsAt(line, c4 + 1, c5);
    if (total < 0 || (c4 > c3 + 1 && digitsAt(line, c3 + 1, c4) < 0))
        return undefined;
    const at = timeOf(line, c1);
    if (Number.isNaN(at))
        return null;
    return { at, id: idOf(line.slice(c1 + 1, c2)), status, total };
}
/** The status named by `line.slice(from, to)`, or undefined for any other text. */
function statusAt(line, from, to) {
    switch (to - from) {
        case 2:
            return line.startsWith('up', from) ? 'up' : undefined;
        case 4:
            return line.startsWith('down', from) ? 'down' : undefined;
        case 8:
            return line.startsWith('degraded', from) ? 'degraded' : undefined;
        case 11:
            return line.startsWith('maintenance', from) ? 'maintenance' : undefined;
        default:
            return undefined;
    }
}
/** The whole number `line.slice(from, to)` writes in 1 to 15 digits, or -1 for any other text. */
function digitsAt(line, from, to) {
    if (to === from || to - from > 15)
        return -1;
    let value = 0;
    for (let at = from; at < to; at++) {
        const digit = line.charCodeAt(at) - 48;
        if (digit < 0 || digit > 9)
            return -1;
        value = value * 10 + digit;
    }
    return value;
}
/** A point from a check's first five columns, or null when they are not a valid check. */
function pointOf(time, id, status, http, total, timeOf, idOf = (same) => same) {
    if (time === undefined || !id || status === undefined)
        return null;
    const known = ROW_STATUS.get(status);
    if (known === undefined)
        return null;
    const at = timeOf(time);
    if (Number.isNaN(at))
        return null;
    const ms = wholeNumber(total);
    if (ms === null)
        return null;
    if (http && wholeNumber(http) === null)
        return null;
    return { at, id: idOf(id), status: known, total: ms };
}
/**
 * One string for each id of a file: the point keeps it, not the piece of its line (a string of
 * its own for every row). With the status's constant likewise, a day of 200 endpoints' rows
 * (57,600) keeps about 6 MiB less while the judge runs.
 */
function interner() {
    const seen = new Map();
    return (text) => {
        const known = seen.get(text);
        if (known !== undefined)
            return known;
        seen.set(text, text);
        return text;
    };
}
/**
 * `Date.parse` for the many times of one day file. A time as Vigil writes it
 * (`2026-11-26T10:05:03.412Z`) is its day's midnight, parsed once per day, plus the clock time read
 * digit by digit; any other text goes to `Date.parse`, so what is accepted does not change.
 */
function isoTimeReader() {
    let day = '';
    let midnight = NaN;
    // `end`: where the time ends in `text`, which it begins (a line read in place); its length by default.
    const parse = (text, end) => Date.parse(end === text.length ? text : text.slice(0, end));
    return (text, end = text.length) => {
        if (end !== 24 ||
            text.charCodeAt(13) !== 58 ||
            text.charCodeAt(16) !== 58 ||
            text.charCodeAt(19) !== 46 ||
            text.charCodeAt(23) !== 90) {
            return parse(text, end);
        }
        if (day === '' || !text.startsWith(day)) {
            day = text.slice(0, 11);
            midnight = Date.parse(`${day}00:00:00.000Z`);
            // Only a date written the one canonical way (`YYYY-MM-DDT`) is reused.
            if (Number.isNaN(midnight) || new Date(midnight).toISOString().slice(0, 11) !== day)
                midnight = NaN;
        }
        // Each digit read in place (a closure called per digit was a tenth of reading today's lines in
        // a cold process); one that is not a digit (out of 0–9, unsigned) sends the time to Date.parse.
        const h1 = text.charCodeAt(11) - 48;
        const h2 = text.charCodeAt(12) - 48;
        const m1 = text.charCodeAt(14) - 48;
        const m2 = text.charCodeAt(15) - 48;
        const s1 = text.charCodeAt(17) - 48;
        const s2 = text.charCodeAt(18) - 48;
        const f1 = text.charCodeAt(20) - 48;
        const f2 = text.charCodeAt(21) - 48;
        const f3 = text.charCodeAt(22) - 48;
        const digits = (h1 | h2 | m1 | m2 | s1 | s2 | f1 | f2 | f3) >>> 0 <= 15 && Math.max(h2, m2, s2, f1, f2, f3) <= 9;
        const hours = h1 * 10 + h2;
        const minutes = m1 * 10 + m2;
        const seconds = s1 * 10 + s2;
        if (Number.isNaN(midnight) || !digits || !(hours < 24 && minutes < 60 && seconds < 60))
            return parse(text, end);
        return midnight + ((hours * 60 + minutes) * 60 + seconds) * 1000 + f1 * 100 + f2 * 10 + f3;
    };
}
function formatCheckRow(row) {
    return formatRecord([
        row.time,
        row.id,
        row.status,
        row.http === null ? '' : String(row.http),
        String(row.total),
        String(row.dns),
        String(row.connect),
        String(row.tls),
        String(row.wait),
        String(row.download),
        String(row.attempts),
        row.error,
    ]);
}
const optional = (value) => (value === null ? '' : String(value));
/** `daily.csv` with its header, rows by date, then id. */
function formatDaily(rows) {
    return formatDailyLines(rows, new TextBuilder().text(DAILY_HEADER)).toString();
}
/** The order of `daily.csv`'s rows: by date, then id. */
function byDateThenId(a, b) {
    return a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}
/** Adds the lines of `daily.csv`'s rows to `text`, by date, then id. */
function formatDailyLines(rows, text) {
    const sorted = [...rows].sort(byDateThenId);
    // Only the id can need quotes: a date and numbers never do (what `formatRecord` gives, without
    // testing ten fields a row; the file is written every run).
    for (let i = 0; i < sorted.length; i++) {
        const row = sorted[i];
        text.text(`${row.date},${csv_formatField(row.id)},${row.checks},${row.up},${row.degraded},${row.down},${row.maintenance},` +
            `${optional(row.p50)},${optional(row.p95)},${optional(row.p99)}\n`);
    }
    return text;
}
function groupById(rows) {
    const byId = new Map();
    for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        const list = byId.get(row.id);
        if (list)
            list.push(row);
        else
            byId.set(row.id, [row]);
    }
    for (const list of byId.values())
        sortByTime(list);
    return byId;
}
/** A day file's rows by endpoint; with a cache, one read before is reused (see
 * `JudgeInput.readCache`). */
function readWholeDay(path, text, cache) {
    const cached = cache?.get(path);
    if (cached && cached.text === text)
        return cached.byId;
    let byId;
    // Today's file only grows: read just the lines added since it was last read.
    if (cached && cached.text.startsWith(CHECK_HEADER) && cached.text.endsWith('\n') && text.startsWith(cached.text)) {
        const grown = new Map(cached.byId);
        for (const [id, rows] of groupById(readPoints(text.slice(cached.text.length)))) {
            grown.set(id, sortByTime([...(grown.get(id) ?? []), ...rows]));
        }
        byId = grown;
    }
    else {
        byId = groupById(readPoints(text));
    }
    cache?.set(path, { text, byId });
    return byId;
}

;// CONCATENATED MODULE: ./src/history/daily-rows.ts
/** `daily.csv` read into rows (docs/history.md, the layout of the branch). */



/** Reads `daily.csv`. Invalid lines are skipped; a later line for the same day and id wins. */
function readDailyRows(text) {
    const byKey = new Map();
    eachDailyRow(text, (row) => byKey.set(`${row.date},${row.id}`, row));
    return [...byKey.values()];
}
/**
 * `daily.csv` as the judge reads it: `readDailyRows` by date, then id, without a key made for
 * every row; and, when the text is exactly what `formatDaily` writes of those rows, where each
 * date's lines begin (`starts`), so that `formatDailyFrom` writes only the days a run changed.
 */
function readDailyByDate(text) {
    const byDate = new Map();
    const starts = new Map();
    const canonical = eachDailyRow(text, (row, start) => {
        let byId = byDate.get(row.date);
        if (!byId) {
            byDate.set(row.date, (byId = new Map()));
            starts.set(row.date, start);
        }
        byId.set(row.id, row);
    });
    return { byDate, starts: canonical ? starts : null };
}
/**
 * `formatDaily` of the rows of `byDate`, given the text they were read from (`readDailyByDate`)
 * and the first date whose rows were changed since (null: none). When that text is exactly what
 * `formatDaily` writes (`starts` is set), its lines before that date are kept as they are and only
 * the days from it are written: a run changes today's rows, and formatting the 18,000 rows of 200
 * endpoints' 90 days again was a tenth of the judge's time (`BENCH_ENDPOINTS=200 node
 * scripts/bench-judge.mjs`, CPU profile of the warm calls). The result is the same text.
 */
function formatDailyFrom(text, byDate, starts, changedFrom) {
    if (starts === null)
        return formatDaily([...byDate.values()].flatMap((byId) => [...byId.values()]));
    if (changedFrom === null)
        return text;
    // The file's dates are in order, so the first line of a date from `changedFrom` on begins the part written anew.
    let cut = text.length;
    for (const [date, start] of starts)
        if (date >= changedFrom && start < cut)
            cut = start;
    const rows = [];
    for (const [date, byId] of byDate)
        if (date >= changedFrom)
            byId.forEach((row) => rows.push(row));
    return text.slice(0, cut) + formatDailyLines(rows, new TextBuilder()).toString();
}
/**
 * Each valid row of `daily.csv`, in file order, with where its line begins. Returns whether the
 * text is exactly what `formatDaily` writes of the rows read: its header, then one line a row in
 * order of date and id, no two for the same day and id, each number as `String` writes it, and a
 * line end after the last.
 */
function eachDailyRow(text, onRow) {
    // Each line is read on its own, as in a day file: Vigil writes every row on one line, so a quote
    // left open costs that line only (a record it would make of several lines is not a row), not
    // the rows it would otherwise swallow.
    // Each record is read into a row as it comes (the first one may be the header, which names the
    // columns), not collected first: on 200 endpoints, 18,000 arrays of fields held at once.
    const lines = text.split('\n');
    let indexes = null;
    let inOrder = false;
    const ends = new Array(types/* DAILY_COLUMNS */.W3.length);
    const same = interner();
    let canonical = lines[0] === DAILY_HEADER.slice(0, -1) && lines[lines.length - 1] === '';
    let previous = null;
    let start = 0;
    for (let i = 0; i < lines.length; i++, start += lines[i - 1].length + 1) {
        let row;
        const line = lines[i];
        if (inOrder && line.indexOf('"') === -1) {
            const plain = withoutCr(line);
            row = dailyRowOfLine(plain, ends, same);
            if (canonical && row !== null) {
                canonical = plain === line && isWritten(plain, ends, row) && (previous === null || follows(row, previous));
                previous = row;
            }
        }
        else {
            const record = recordAt(lines, i);
            if (record === null || record.last !== i) {
                canonical &&= i === lines.length - 1;
                continue;
            }
            if (indexes === null) {
                const columns = columnIndexes([record.fields], types/* DAILY_COLUMNS */.W3);
                indexes = columns.indexes;
                inOrder = indexes.every((index, position) => index === position);
                if (columns.first === 1)
                    continue;
            }
            row = daily_rows_dailyRowOf(indexes.map((index) => record.fields[index]));
            canonical = false;
        }
        if (row)
            onRow(row, start);
        else
            canonical &&= i === lines.length - 1;
    }
    return canonical;
}
/**
 * Whether a line read by `dailyRowOfLine` is the line `formatDaily` writes of its row: ten
 * columns, the checks the sum of up, degraded and down, and each number as `String` writes it.
 * Told by each column's first character and its width against the width of the number read from
 * it, not by reading all its characters again: a number that begins with a digit other than a
 * lone 0 and holds anything but digits is wider than they are (a point, spaces), but for an
 * exponent of 2 (`1e2`), which no number Vigil writes holds, so a line with an `e` among its
 * numbers is not as written. (A first 0 would let `0x…` through, a first space ` ` read as 0.)
 */
function isWritten(line, ends, row) {
    return (ends[9] === line.length &&
        line.indexOf('e', ends[1]) === -1 &&
        line.indexOf('E', ends[1]) === -1 &&
        row.id.indexOf('\r') === -1 &&
        widthIs(line, ends, 2, row.checks) &&
        widthIs(line, ends, 3, row.up) &&
        widthIs(line, ends, 4, row.degraded) &&
        widthIs(line, ends, 5, row.down) &&
        widthIs(line, ends, 6, row.maintenance) &&
        widthIs(line, ends, 7, row.p50) &&
        widthIs(line, ends, 8, row.p95) &&
        widthIs(line, ends, 9, row.p99) &&
        numberAt(line, ends[1] + 1, ends[2]) === row.checks);
}
/** Whether column `k` of a line cut at `ends` is as wide as `String(value)` and begins as it
 * does (an empty column for null). */
function widthIs(line, ends, k, value) {
    const width = ends[k] - ends[k - 1] - 1;
    if (value === null)
        return width === 0;
    const first = line.charCodeAt(ends[k - 1] + 1);
    if (!((first >= 49 && first <= 57) || (first === 48 && width === 1)))
        return false;
    let digits = 1;
    for (let bound = 10; value >= bound && digits < 16; bound *= 10)
        digits++;
    return width === digits && digits < 16;
}
/** Whether `row` comes after `previous` in the order of `formatDaily` (date, then id). */
function follows(row, previous) {
    return byDateThenId(previous, row) < 0;
}
/** A row of daily.csv from its fields in the documented order, or null when it is not a valid row. */
function daily_rows_dailyRowOf(fields) {
    const [date, id, , upText, degradedText, downText, maintenance, p50, p95, p99] = fields;
    if (date === undefined || !DATE.test(date) || !id)
        return null;
    return rowOf(date, id, wholeNumber(upText), wholeNumber(degradedText), wholeNumber(downText), wholeNumber(maintenance), wholeNumber(p50), wholeNumber(p95), wholeNumber(p99));
}
/** The row, or null without up, degraded or down counts. */
function rowOf(date, id, up, degraded, down, maintenance, p50, p95, p99) {
    if (up === null || degraded === null || down === null)
        return null;
    return { date, id, checks: up + degraded + down, up, degraded, down, maintenance: maintenance ?? 0, p50, p95, p99 };
}
/**
 * `dailyRowOf` for a line in the documented column order without a quote (every line Vigil
 * writes), read where it lies: the numbers are read digit by digit from the line rather than cut
 * into strings first (any other text in a number's place goes to `wholeNumber`, so what is
 * accepted does not change). The judge reads daily.csv's 18,000 lines (200 endpoints, 90 days) on
 * every run; cutting every line into ten strings was most of its 46 ms (`BENCH_ENDPOINTS=200 node
 * scripts/bench-judge.mjs`, first call, CPU profile).
 */
function dailyRowOfLine(line, ends, same) {
    if (line === '')
        return null;
    let found = 0;
    for (let at = line.indexOf(','); at !== -1 && found < ends.length; at = line.indexOf(',', at + 1))
        ends[found++] = at;
    if (found < ends.length)
        ends[found++] = line.length;
    // Nothing left of an earlier line: `isWritten` reads the ends of all ten columns.
    for (let k = found; k < ends.length; k++)
        ends[k] = -1;
    if (found < 6)
        return null; // no up, degraded or down
    // One string for each date and id of the file, not two for every row: 36,000 strings fewer that
    // live as long as the judge (and that each collection of the young generation copies).
    const date = same(line.slice(0, ends[0]));
    const id = same(line.slice(ends[0] + 1, ends[1]));
    if (!DATE.test(date) || !id)
        return null;
    // Module functions, not a closure made per line: one per line measured half as fast again.
    return rowOf(date, id, columnAt(line, ends, found, 3), columnAt(line, ends, found, 4), columnAt(line, ends, found, 5), columnAt(line, ends, found, 6), columnAt(line, ends, found, 7), columnAt(line, ends, found, 8), columnAt(line, ends, found, 9));
}
/** The number in column `k` (0-based) of a line cut at `ends`, or null past the `found` columns. */
function columnAt(line, ends, found, k) {
    return found > k ? numberAt(line, ends[k - 1] + 1, ends[k]) : null;
}
/** `wholeNumber` of `line.slice(from, to)`, digits read in place when they are only digits. */
function numberAt(line, from, to) {
    if (to === from)
        return null;
    const digits = digitsAt(line, from, to);
    return digits >= 0 ? digits : wholeNumber(line.slice(from, to));
}

;// CONCATENATED MODULE: ./src/history/read-json.ts
const COUNTED = new Set(['up', 'degraded', 'down', 'maintenance']);
const ROW = COUNTED;
const EVENT_KINDS = new Set(['down', 'recovered', 'degraded', 'maintenance']);
const WINDOW_KEYS = ['24h', '7d', '30d', '90d'];
const isObject = (value) => typeof value === 'object' && value !== null && !Array.isArray(value);
const str = (value) => (typeof value === 'string' ? value : null);
const num = (value) => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const count = (value) => {
    const n = num(value);
    return n !== null && n >= 0 ? n : 0;
};
const time = (value) => {
    const text = str(value);
    return text !== null && !Number.isNaN(Date.parse(text)) ? text : null;
};
function parse(text, file, warnings) {
    if (text === undefined || text.trim() === '')
        return undefined;
    try {
        return JSON.parse(text);
    }
    catch {
        warnings.push(`${file} is not valid JSON; it was read as empty and will be written anew.`);
        return undefined;
    }
}
/** "3 entries of endpoints (e.g. endpoints[2]: …) were dropped". Lists at most three examples. */
function tally(file, what, problems, warnings) {
    if (problems.length === 0)
        return;
    const examples = problems.slice(0, 3).join('; ');
    const more = problems.length > 3 ? `; and ${problems.length - 3} more` : '';
    warnings.push(`${file}: ${problems.length} ${problems.length === 1 ? 'entry' : 'entries'} ${what} (${examples}${more}).`);
}
function describe(value) {
    if (value === null)
        return 'null';
    if (Array.isArray(value))
        return 'a list';
    if (typeof value === 'object')
        return 'an object without the needed keys';
    return `a ${typeof value}`;
}
function incidentOf(value) {
    if (!isObject(value))
        return null;
    const number = num(value.number);
    const url = str(value.url);
    return number !== null && url !== null ? { number, url } : null;
}
function percentilesOf(value) {
    const v = isObject(value) ? value : {};
    return { p50: num(v.p50), p95: num(v.p95), p99: num(v.p99) };
}
function windowsOf(value, read) {
    const v = isObject(value) ? value : {};
    return Object.fromEntries(WINDOW_KEYS.map((key) => [key, read(v[key])]));
}
/** One entry of `status.json`, repaired; null when it has no usable id or status. */
function figuresOf(value) {
    if (!isObject(value) || typeof value.id !== 'string' || value.id === '' || !COUNTED.has(String(value.status)))
        return null;
    const last = isObject(value.last) && time(value.last.time) && ROW.has(String(value.last.status)) ? value.last : null;
    const budget = isObject(value.errorBudget) ? value.errorBudget : {};
    const responseTime = isObject(value.responseTime) ? value.responseTime : {};
    return {
        id: value.id,
        name: str(value.name) ?? value.id,
        url: str(value.url) ?? '',
        status: value.status,
        since: time(value.since),
        incident: incidentOf(value.incident),
        last: last
            ? { time: last.time, status: last.status, http: num(last.http), total: count(last.total) }
            : null,
        target: num(value.target) ?? 99,
        checks: windowsOf(value.checks, count),
        uptime: windowsOf(value.uptime, num),
        responseTime: { '24h': percentilesOf(responseTime['24h']), '7d': percentilesOf(responseTime['7d']) },
        downtime: windowsOf(value.downtime, count),
        errorBudget: { allowed: count(budget.allowed), used: count(budget.used), left: num(budget.left) ?? 1 },
    };
}
/** The endpoints of `status.json` (the rest of the file is recomputed by every run). */
function readStatusFile(text) {
    const warnings = [];
    const value = parse(text, 'status.json', warnings);
    if (value === undefined)
        return { value: { endpoints: [] }, warnings };
    if (!isObject(value) || !Array.isArray(value.endpoints)) {
        warnings.push('status.json has no list of endpoints; it was read as empty and will be written anew.');
        return { value: { endpoints: [] }, warnings };
    }
    const endpoints = [];
    const dropped = [];
    const seen = new Set();
    value.endpoints.forEach((entry, index) => {
        const figures = figuresOf(entry);
        if (figures === null)
            dropped.push(`endpoints[${index}] is ${isObject(entry) && typeof entry.id === 'string' ? `"${entry.id.slice(0, 40)}" without a status` : describe(entry)}`);
        else if (seen.has(figures.id))
            dropped.push(`endpoints[${index}] repeats "${figures.id.slice(0, 40)}"`);
        else {
            seen.add(figures.id);
            endpoints.push(figures);
        }
    });
    tally('status.json', 'of an unknown shape were dropped', dropped, warnings);
    return { value: { endpoints }, warnings };
}
function endpointStateOf(id, entry) {
    if (!isObject(entry) || !COUNTED.has(String(entry.counted)))
        return null;
    const before = str(entry.beforeMaintenance);
    return {
        id,
        name: str(entry.name) ?? id,
        url: str(entry.url) ?? '',
        workflow: str(entry.workflow),
        counted: entry.counted,
        since: time(entry.since),
        downStreak: count(entry.downStreak),
        upStreak: count(entry.upStreak),
        outageStart: time(entry.outageStart),
        notDownSince: time(entry.notDownSince),
        beforeMaintenance: before === 'up' || before === 'degraded' || before === 'down' ? before : null,
        lastCheck: time(entry.lastCheck),
    };
}
/** An event as kept in the outbox; null when it lacks what a message needs. */
function eventOf(value) {
    if (!isObject(value))
        return null;
    const { key, kind, id, at } = value;
    if (typeof key !== 'string' || !EVENT_KINDS.has(String(kind)) || typeof id !== 'string' || !time(at))
        return null;
    const maintenance = isObject(value.maintenance) ? value.maintenance : null;
    return {
        key,
        kind: kind,
        id,
        name: str(value.name) ?? id,
        url: str(value.url) ?? '',
        at: at,
        since: time(value.since),
        status: ROW.has(String(value.status)) ? value.status : kind === 'down' ? 'down' : 'up',
        error: str(value.error),
        failures: Array.isArray(value.failures) ? value.failures.filter((f) => typeof f === 'string') : [],
        httpStatus: num(value.httpStatus),
        responseTime: num(value.responseTime),
        downtime: num(value.downtime),
        ...(maintenance
            ? {
                maintenance: {
                    phase: maintenance.phase === 'end' ? 'end' : 'start',
                    until: time(maintenance.until),
                    timezone: str(maintenance.timezone),
                },
            }
            : {}),
        incident: incidentOf(value.incident),
    };
}
/** One notice of the outbox; null when it cannot be sent (no event, no target). */
function noticeOf(value) {
    if (!isObject(value) || typeof value.target !== 'string')
        return null;
    const event = eventOf(value.event);
    if (!event)
        return null;
    return {
        event,
        target: value.target,
        // A notice without a valid first try is dated at its event: retried within that event's hour.
        firstTried: time(value.firstTried) ?? event.at,
        attempts: count(value.attempts),
        lastError: str(value.lastError) ?? '',
    };
}
function readStateFile(text) {
    const warnings = [];
    const state = { version: 1, endpoints: {}, outbox: [], keepAlive: {} };
    const value = parse(text, 'state.json', warnings);
    if (value === undefined)
        return { value: state, warnings };
    if (!isObject(value)) {
        warnings.push(`state.json holds ${describe(value)}, not an object; it was read as empty and will be written anew.`);
        return { value: state, warnings };
    }
    const dropped = [];
    if (isObject(value.endpoints)) {
        for (const [id, entry] of Object.entries(value.endpoints)) {
            const read = endpointStateOf(id, entry);
            if (read)
                state.endpoints[id] = read;
            else
                dropped.push(`endpoints["${id.slice(0, 40)}"] is ${describe(entry)}`);
        }
    }
    else if (value.endpoints !== undefined)
        dropped.push(`endpoints is ${describe(value.endpoints)}`);
    tally('state.json', 'of an unknown shape were dropped', dropped, warnings);
    const garbage = [];
    if (Array.isArray(value.outbox)) {
        value.outbox.forEach((entry, index) => {
            const notice = noticeOf(entry);
            if (notice)
                state.outbox.push(notice);
            else
                garbage.push(`outbox[${index}] is ${describe(entry)}`);
        });
    }
    else if (value.outbox !== undefined)
        garbage.push(`outbox is ${describe(value.outbox)}`);
    tally('state.json', 'of the notification outbox could not be read and were dropped', garbage, warnings);
    if (isObject(value.keepAlive)) {
        for (const [workflow, date] of Object.entries(value.keepAlive)) {
            const at = time(date);
            if (at)
                state.keepAlive[workflow] = at;
        }
    }
    return { value: state, warnings };
}

;// CONCATENATED MODULE: ./src/history/monitor.ts
/** Rows written within this of each other are one run (the checks of a run, and of its shards). */
const RUN_GAP_MS = 60_000;
/** A run covers `every` × this after it: a run up to half an interval late still counts as on time. */
const ON_TIME_FACTOR = 1.5;
const DAY_MS = 24 * 60 * 60_000;
/**
 * The monitor's figures at `now` from the times (epoch ms, any order, any span) of the rows on the
 * branch. Rows dated after `now` (the run that is judging checked after it started) count as
 * runs, and the window ends at the later of `now` and the last run.
 *
 * With no run at all every figure is unknown (null, `runs24h` 0). `every` needs two runs within
 * the last 24 h, and `coverage24h` needs `every`, so with one run both are null; `longestGap24h`
 * is then the time since that run (or since the window's start, when the run before it was
 * older). Runs before the window count only as far as they reach into it.
 */
function monitorOf(times, now) {
    const runs = runStarts(times);
    if (runs.length === 0)
        return { every: null, lastRun: null, runs24h: 0, coverage24h: null, longestGap24h: null };
    const last = runs[runs.length - 1];
    const end = Math.max(now, last);
    const windowStart = end - DAY_MS;
    let firstIn = runs.length;
    while (firstIn > 0 && runs[firstIn - 1] > windowStart)
        firstIn--;
    const inWindow = runs.slice(firstIn);
    const intervals = [];
    for (let i = 1; i < inWindow.length; i++)
        intervals.push(inWindow[i] - inWindow[i - 1]);
    const everyMs = intervals.length > 0 ? median(intervals) : null;
    // The longest stretch without a run: between runs of the window (the one that reaches into it
    // from before counted from the window's start), and from the last run to the window's end.
    const marks = firstIn > 0 ? [windowStart, ...inWindow, end] : [...inWindow, end];
    let longest = 0;
    for (let i = 1; i < marks.length; i++)
        longest = Math.max(longest, marks[i] - marks[i - 1]);
    let coverage = null;
    if (everyMs !== null) {
        // The last 24 h, or the time since the first run known when that is shorter.
        const from = Math.max(windowStart, runs[0]);
        const reach = everyMs * ON_TIME_FACTOR;
        let covered = 0;
        let coveredTo = from;
        for (let i = Math.max(0, firstIn - 1); i < runs.length; i++) {
            const start = Math.max(runs[i], coveredTo);
            const stop = Math.min(runs[i] + reach, end);
            if (stop > start) {
                covered += stop - start;
                coveredTo = stop;
            }
        }
        const span = end - from;
        // Floored to a tenth, so a day with a late run never reads as 100 %.
        coverage = span > 0 ? Math.floor((covered / span) * 1000) / 10 : null;
    }
    return {
        every: everyMs === null ? null : Math.round(everyMs / 1000),
        lastRun: new Date(last).toISOString(),
        runs24h: inWindow.length,
        coverage24h: coverage,
        longestGap24h: Math.round(longest / 1000),
    };
}
/** Each run's start (its first row), oldest first: sorted row times split where two are more
 * than `RUN_GAP_MS` apart. */
function runStarts(times) {
    const sorted = Float64Array.from(times).sort();
    const starts = [];
    let previous = -Infinity;
    for (let i = 0; i < sorted.length; i++) {
        const at = sorted[i];
        if (!Number.isFinite(at))
            continue;
        if (at - previous > RUN_GAP_MS)
            starts.push(at);
        previous = at;
    }
    return starts;
}
/**
 * The times of the rows read, for `monitorOf`, oldest first: of each 30 s in which rows were
 * written, the earliest and the latest. A run stamps every endpoint's check within seconds and a
 * branch may hold a hundred thousand rows; runs are told apart by gaps of more than 60 s, which
 * these keep exactly, without sorting every row.
 */
function rowTimes(rowLists) {
    const lists = [...rowLists];
    // Each endpoint's rows are oldest first as the judge gives them (a caller need not promise it):
    // the lists' ends give the span, and the pass that slots the rows checks it, so the rows are
    // walked once, not twice (86,000 of them on 200 endpoints: 8 ms instead of 13 in a fresh
    // process, one thread). A row outside the span has them all scanned for it, and slotted again.
    let first = Infinity;
    let last = -Infinity;
    for (const rows of lists) {
        for (const row of [rows[0], rows[rows.length - 1]]) {
            if (row === undefined)
                continue;
            if (row.at < first)
                first = row.at;
            if (row.at > last)
                last = row.at;
        }
    }
    const times = first <= last ? slotted(lists, first, last) : null;
    if (times !== null)
        return times;
    first = Infinity;
    last = -Infinity;
    for (const rows of lists) {
        for (const row of rows) {
            if (row.at < first)
                first = row.at;
            if (row.at > last)
                last = row.at;
        }
    }
    return first <= last ? slotted(lists, first, last) : [];
}
/** `rowTimes` for rows from `first` to `last` (first ≤ last); null when a row is outside. */
function slotted(lists, first, last) {
    const count = Math.floor((last - first) / SLOT_MS) + 1;
    if (count > MAX_SLOTS)
        return allSorted(lists);
    // Times as ms after `first`, whole numbers below 2³¹ over the four days at most. A time that is
    // not a whole number of ms (a person's edit) is slotted as the sort slots it.
    const slots = new RunSlots(first, count);
    for (const rows of lists) {
        for (let i = 0; i < rows.length; i++) {
            const row = rows[i];
            if (row.at < first || row.at > last)
                return null;
            const offset = row.at - first;
            if ((offset | 0) !== offset)
                return allSorted(lists);
            slots.add(offset);
        }
    }
    return slots.times();
}
/**
 * Per 30 s from `start`, the earliest and the latest time added, as whole ms after `start`: all
 * `rowTimes` keeps of the checks within 30 s (the gaps that tell runs apart are longer). In
 * Int32Arrays, read back as they are: a Float64Array made a heap number of each read in a cold
 * process.
 */
class RunSlots {
    start;
    earliest;
    latest;
    constructor(start, count) {
        this.start = start;
        this.earliest = new Int32Array(count).fill(-1);
        this.latest = new Int32Array(count).fill(-1);
    }
    /** A time `offset` ms after `start`: a whole number, within the slots. */
    add(offset) {
        const slot = Math.floor(offset / SLOT_MS);
        if (this.earliest[slot] === -1 || offset < this.earliest[slot])
            this.earliest[slot] = offset;
        if (offset > this.latest[slot])
            this.latest[slot] = offset;
    }
    /** Each slot's earliest time and its latest when another, oldest first, in epoch ms. */
    times() {
        const times = [];
        for (let slot = 0; slot < this.earliest.length; slot++) {
            if (this.earliest[slot] === -1)
                continue;
            times.push(this.start + this.earliest[slot]);
            if (this.latest[slot] !== this.earliest[slot])
                times.push(this.start + this.latest[slot]);
        }
        return times;
    }
}
/** Every row's time, sorted. */
function allSorted(lists) {
    const all = [];
    for (const rows of lists)
        for (const row of rows)
            all.push(row.at);
    return all.sort((a, b) => a - b);
}
/** Under `RUN_GAP_MS`, so the gaps between slots that tell runs apart are kept exactly. */
const SLOT_MS = 30_000;
/** Slots `rowTimes` uses at most (four days; the judge reads two): beyond, it sorts the rows. */
const MAX_SLOTS = (4 * DAY_MS) / SLOT_MS;
function median(values) {
    const sorted = values.slice().sort((a, b) => a - b);
    const middle = Math.floor(sorted.length / 2);
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
/**
 * The monitor's runs before yesterday, for `monitorOf`: their rows are not read (their days are
 * aggregates now), yet whether the monitor ran before the 24-hour window decides where its
 * longest gap begins — at the window's start, or at its first run when it has none before.
 * Yesterday's early runs say so when there are any; when there are none (the monitor did not run
 * from yesterday's midnight to the window's start), a raw day kept from before yesterday with
 * checks in `daily.csv` says it: its midnight is given as a run. It reaches into the window no
 * further than that day's real last run would have, so coverage is never overstated; it is only
 * left short when that last run came within its reach of the window (a run in the first minutes
 * after midnight, the monitor silent since the midnight before).
 */
function markOfOlderRuns(rawDays, daily, { yesterday, keepFrom }) {
    let latest = null;
    for (const date of rawDays) {
        if (date >= yesterday || date < keepFrom || (latest !== null && date <= latest))
            continue;
        const rows = daily.get(date);
        if (rows && [...rows.values()].some((row) => row.checks > 0))
            latest = date;
    }
    return latest === null ? [] : [{ at: Date.parse(`${latest}T00:00:00Z`), id: '', status: 'up', total: 0 }];
}

;// CONCATENATED MODULE: ./src/history/aggregates.ts
/**
 * Per-day aggregates (docs/history.md, "Aggregates"): what the figures need of a day that is no
 * longer read raw, so a run reads today's raw day, yesterday's points (points.ts), these, and
 * `daily.csv`, whatever the number of days kept.
 *
 * - `aggregates/YYYY-MM-DD.csv` (`id,times`): for each endpoint, how many of the day's checks
 *   that were neither down nor in maintenance took each whole number of milliseconds
 *   (`312:2 318:1 …`, ascending). Merged across days, these give the 7-day percentiles exactly
 *   (nearest rank) with no raw row. A raw day older than yesterday that has none is converted by
 *   the next run (a branch written by an earlier Vigil is converted by its first run).
 * - `outages.csv` (`date,id,points`): for each endpoint and aggregated day that has a down check
 *   (or whose first check ends an outage open from the day before), the checks where the outage
 *   state changes: milliseconds after the day's midnight, then `d` (down) or `u` (not down). The
 *   outages drawn from these are those drawn from every raw row, to the millisecond.
 */


const OUTAGES_FILE = 'outages.csv';
const AGGREGATES_HEADER = formatRecord(['id', 'times']);
const OUTAGES_HEADER = formatRecord(['date', 'id', 'points']);
const AGGREGATE_FILE = /^aggregates\/(\d{4}-\d{2}-\d{2})\.csv$/;
const aggregates_DATE = /^\d{4}-\d{2}-\d{2}$/;
const OUTAGE_POINT = /^(\d+)([du])$/;
const aggregates_DAY = 86_400_000;
function aggregatePath(date) {
    return `aggregates/${date}.csv`;
}
function dayOfAggregatePath(path) {
    return AGGREGATE_FILE.exec(path)?.[1] ?? null;
}
/** A day's raw rows of one endpoint (oldest first) as its response-time counts. */
function timeCountsOf(rows) {
    const counts = new Map();
    for (const row of rows)
        if (timed(row))
            counts.set(row.total, (counts.get(row.total) ?? 0) + 1);
    return counts;
}
function formatAggregates(byId) {
    let text = AGGREGATES_HEADER;
    for (const id of [...byId.keys()].sort()) {
        const counts = byId.get(id);
        const times = [...counts.keys()].sort((a, b) => a - b).map((ms) => `${ms}:${counts.get(ms)}`);
        text += formatRecord([id, times.join(' ')]);
    }
    return text;
}
/**
 * Counts of response times (ms) as `ms, count` pairs in the order they were added; a time may
 * come more than once (one pair a day it was seen). Kept in typed arrays outside the heap: as a
 * map per endpoint (200 endpoints, ~2,000 pairs each over the week's older days) the counts were
 * 5 MiB of allocations in the judge's first call, every entry copied by the collections of the
 * young generation while the judge ran (`BENCH_ENDPOINTS=200 node scripts/bench-judge.mjs`,
 * sampling heap profile). Whole numbers of 32 bits (every time and count a schedule makes) are
 * kept as such, because reading an element of a Float64Array made a heap number of it in a cold
 * process (10 MiB more for the week's percentiles); a tally that meets any other number (a
 * person's edit) goes on in 64-bit floats.
 */
class TimeTally {
    ms = new Int32Array(256);
    counts = new Int32Array(256);
    length = 0;
    add(ms, count) {
        if (this.length < this.ms.length && (ms | 0) === ms && (count | 0) === count) {
            this.ms[this.length] = ms;
            this.counts[this.length++] = count;
            return;
        }
        const wide = this.ms instanceof Float64Array || (ms | 0) !== ms || (count | 0) !== count;
        if (this.length === this.ms.length || (wide && !(this.ms instanceof Float64Array))) {
            const size = this.length === this.ms.length ? this.length * 2 : this.ms.length;
            const grown = wide ? [new Float64Array(size), new Float64Array(size)] : [new Int32Array(size), new Int32Array(size)];
            grown[0].set(this.ms.subarray(0, this.length));
            grown[1].set(this.counts.subarray(0, this.length));
            [this.ms, this.counts] = grown;
        }
        this.ms[this.length] = ms;
        this.counts[this.length++] = count;
    }
}
/** Adds each line of an aggregates file to the tally `tallyOf` gives for its id; a line that
 * does not parse is skipped (a person's edit costs that line only). */
function addAggregates(text, tallyOf) {
    const lines = text.split('\n');
    for (let i = 1; i < lines.length; i++) {
        const record = recordAt(lines, i);
        if (record === null || record.last !== i)
            continue;
        const [id, times = ''] = record.fields;
        if (!id)
            continue;
        readPairs(times, tallyOf(id));
    }
}
/**
 * Adds the `ms:count` pairs of `times` (separated by single spaces) to `tally`; a pair that is
 * not two runs of digits is skipped. Read character by character: a regular expression and two
 * `Number` calls per pair took most of the judge's reading of the week's aggregates (about
 * 300,000 pairs on 200 endpoints).
 */
function readPairs(times, tally) {
    let ms = 0;
    let count = 0;
    let digits = 0; // digits read in the current number
    let colon = false;
    let bad = false;
    const end = times.length;
    for (let i = 0; i <= end; i++) {
        const code = i === end ? 32 : times.charCodeAt(i);
        if (code === 32) {
            if (!bad && colon && digits > 0)
                tally.add(ms, count);
            ms = 0;
            count = 0;
            digits = 0;
            colon = false;
            bad = false;
        }
        else if (code >= 48 && code <= 57) {
            if (colon)
                count = count * 10 + (code - 48);
            else
                ms = ms * 10 + (code - 48);
            digits++;
        }
        else if (code === 58 && !colon && digits > 0) {
            colon = true;
            digits = 0;
        }
        else {
            bad = true;
        }
    }
}
/** Adds the counts of a day converted now to a tally. */
function addCounts(into, from) {
    from.forEach((count, ms) => into.add(ms, count));
}
const PERCENTS = [50, 95, 99];
/** The widest span of times (ms) `percentilesOfCounts` counts in an array rather than sorts. */
const DENSE_SPAN = 16_384;
const NO_TALLY = new TimeTally();
/** One buffer for the counts by ms of every call, zeroed for each: made anew for each of 200
 * endpoints, 16,384 slots at most, it held up to 25 MiB outside the heap until the next collection. */
let scratch = new Int32Array(0);
let wideScratch = new Float64Array(0);
/** 32-bit counts while their total fits (each element read from a Float64Array is a heap number
 * made in a cold process), 64-bit floats otherwise. */
function scratchOf(length, total) {
    if (total > 2 ** 31 - 1) {
        if (wideScratch.length < length)
            wideScratch = new Float64Array(length);
        else
            wideScratch.fill(0, 0, length);
        return wideScratch;
    }
    if (scratch.length < length)
        scratch = new Int32Array(Math.max(length, 1024));
    else
        scratch.fill(0, 0, length);
    return scratch;
}
/**
 * Nearest-rank percentiles of the tallied times and of the times `more` together: the same as
 * `percentiles` over every value.
 *
 * Times are whole milliseconds within a few seconds of each other, so they are counted into an
 * array indexed by ms and read off in order, without sorting the keys or writing `more` into a
 * map: for 200 endpoints (a week's counts of ~400 distinct times each, and ~430 raw times) this
 * took 12 ms of a fresh process against 22–31 ms for sorting the keys, either way (measured
 * apart from the judge). A span wider than DENSE_SPAN (an outlier of minutes) is sorted.
 */
function percentilesOfCounts(tally = NO_TALLY, more = []) {
    const { ms: times, counts, length } = tally;
    let total = more.length;
    let min = Infinity;
    let max = -Infinity;
    let whole = true; // every time a finite whole number (NaN % 1 and Infinity % 1 are NaN)
    // Indexed loops rather than for…of: the iterator protocol costs about as much again in a cold process.
    for (let i = 0; i < length; i++) {
        const ms = times[i];
        total += counts[i];
        if (ms < min)
            min = ms;
        if (ms > max)
            max = ms;
        if (ms % 1 !== 0)
            whole = false;
    }
    for (let i = 0; i < more.length; i++) {
        const ms = more[i];
        if (ms < min)
            min = ms;
        if (ms > max)
            max = ms;
        if (ms % 1 !== 0)
            whole = false;
    }
    if (total === 0)
        return { p50: null, p95: null, p99: null };
    const ranks = PERCENTS.map((p) => Math.max(1, Math.ceil((p / 100) * total)));
    const found = [];
    if (whole && max - min < DENSE_SPAN) {
        const byMs = scratchOf(max - min + 1, total);
        for (let i = 0; i < length; i++)
            byMs[times[i] - min] += counts[i];
        for (let i = 0; i < more.length; i++)
            byMs[more[i] - min]++;
        let seen = 0;
        for (let i = 0; found.length < ranks.length; i++) {
            seen += byMs[i];
            while (found.length < ranks.length && ranks[found.length] <= seen)
                found.push(min + i);
        }
    }
    else {
        const all = new Map();
        for (let i = 0; i < length; i++)
            all.set(times[i], (all.get(times[i]) ?? 0) + counts[i]);
        for (let i = 0; i < more.length; i++)
            all.set(more[i], (all.get(more[i]) ?? 0) + 1);
        let seen = 0;
        for (const ms of [...all.keys()].sort((a, b) => a - b)) {
            seen += all.get(ms);
            while (found.length < ranks.length && ranks[found.length] <= seen)
                found.push(ms);
            if (found.length === ranks.length)
                break;
        }
    }
    return { p50: found[0], p95: found[1], p99: found[2] };
}
/**
 * The points of one endpoint's day (rows oldest first): its first check when the day has a down
 * check or `openBefore` (an outage open at the end of the endpoint's previous day), and every
 * check whose down-ness differs from the check before it. Empty when the day has neither.
 */
function outagePointsOf(rows, openBefore) {
    if (rows.length === 0)
        return [];
    if (!openBefore && !rows.some((row) => row.status === 'down'))
        return [];
    const points = [];
    let previous = null;
    for (const row of rows) {
        const down = row.status === 'down';
        if (down !== previous)
            points.push({ at: row.at, id: row.id, status: down ? 'down' : 'up', total: 0 });
        previous = down;
    }
    return points;
}
function formatOutages(rows) {
    const sorted = [...rows].sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
    let text = OUTAGES_HEADER;
    for (const row of sorted) {
        const midnight = Date.parse(`${row.date}T00:00:00.000Z`);
        const points = row.points.map((point) => `${point.at - midnight}${point.status === 'down' ? 'd' : 'u'}`);
        text += formatRecord([row.date, row.id, points.join(' ')]);
    }
    return text;
}
function readOutages(text) {
    const byKey = new Map();
    const lines = text.split('\n');
    for (let i = 1; i < lines.length; i++) {
        const record = recordAt(lines, i);
        if (record === null || record.last !== i)
            continue;
        const [date, id, points = ''] = record.fields;
        if (!date || !aggregates_DATE.test(date) || !id)
            continue;
        const midnight = Date.parse(`${date}T00:00:00.000Z`);
        if (Number.isNaN(midnight))
            continue;
        const read = [];
        for (const point of points.split(' ')) {
            const match = OUTAGE_POINT.exec(point);
            if (match && Number(match[1]) < aggregates_DAY)
                read.push({ at: midnight + Number(match[1]), id, status: match[2] === 'd' ? 'down' : 'up', total: 0 });
        }
        byKey.set(`${date},${id}`, { date, id, points: read });
    }
    return [...byKey.values()];
}

;// CONCATENATED MODULE: ./src/history/this-run.ts
/** This run's checks as rows of the day files they go to (docs/history.md, the layout of the branch). */



function rowsOfThisRun(checks) {
    const byDay = new Map();
    for (const check of checks) {
        const row = this_run_rowOf(check);
        const date = utcDate(row.at);
        const list = byDay.get(date) ?? [];
        list.push(row);
        byDay.set(date, list);
    }
    return byDay;
}
/** The days, of those the run appends to, by UTC date of their checks. */
function datesOfChecks(checks) {
    const dates = new Set();
    for (const check of checks) {
        const at = Date.parse(check.checkedAt);
        if (!Number.isNaN(at))
            dates.add(utcDate(at));
    }
    return dates;
}
function appendThisRun(files, newRowsByDay, rawDays, changes) {
    for (const [date, rows] of newRowsByDay) {
        const path = dayFilePath(date);
        let text = files.get(path) ?? '';
        if (text.trim() === '')
            text = CHECK_HEADER;
        else if (!text.endsWith('\n'))
            text += '\n';
        for (const row of rows)
            text += formatCheckRow(row);
        changes.set(path, text);
        rawDays.add(date);
    }
}
function this_run_rowOf(check) {
    const at = Date.parse(check.checkedAt);
    if (Number.isNaN(at))
        throw new Error(`check of ${check.id} has no valid checkedAt: ${check.checkedAt}`);
    const ms = (value) => Math.max(0, Math.round(value));
    return {
        at,
        time: new Date(at).toISOString(),
        id: check.id,
        status: rowStatusOf(check),
        http: check.httpStatus,
        total: ms(check.timings.total),
        dns: ms(check.timings.dns),
        connect: ms(check.timings.connect),
        tls: ms(check.timings.tls),
        wait: ms(check.timings.wait),
        download: ms(check.timings.download),
        attempts: check.attempts,
        error: errorOf(check),
    };
}

;// CONCATENATED MODULE: ./src/history/early-checks.ts
/**
 * Yesterday's checks before the 24-hour window, kept as what the figures need of them rather
 * than as a row each: they count in no 24-hour figure and in no hour of the page, so all they
 * give is
 *
 * - their response times, to the 7-day percentiles (a tally, as the aggregates give the older
 *   days);
 * - where their status changes, to the outages and to the time a state began when `state.json`
 *   is lost (the first check of every run of one status: the outages drawn from these are those
 *   drawn from every check, to the millisecond, and so is the first check of a trailing run);
 * - when the monitor ran (per 30 seconds the earliest and the latest check, which keeps every
 *   gap of more than a minute that tells its runs apart, as `rowTimes` does).
 *
 * Why: at noon, yesterday's points are 28,800 checks on 200 endpoints; as rows they were a third
 * of the objects the judge's first call kept alive while it ran, and so of what the collections
 * of the young generation copied and of the memory the heap grew to (`npm run bench`,
 * docs/BENCHMARKS.md "Memory that scales").
 *
 * Only checks in order are taken: an endpoint whose checks come out of order (a file a person
 * edited) marks the whole day `disordered`, and the caller reads it again as rows. Every check's
 * time and status is kept too, as numbers and constants in two arrays per endpoint (no object a
 * check): when another row of the endpoint falls among them (a row of another day's file dated
 * yesterday, by a person or a wrong clock), its outages are drawn from all of them (`spanPoints`).
 */


class EarlyChecks {
    from;
    before;
    /** Whether an endpoint's checks came out of order: nothing here is to be used then. */
    disordered = false;
    byId = new Map();
    /** When the monitor ran: its checks' times per 30 s. */
    runSlots;
    /** Takes the checks from `from` (the day's midnight) to before `before` (within that day). */
    constructor(from, before) {
        this.from = from;
        this.before = before;
        this.runSlots = new RunSlots(from, Math.max(0, Math.ceil((before - from) / SLOT_MS)));
    }
    /** Whether a check at `at` is one to give to `add` rather than keep as a row. */
    takes(at) {
        return at >= this.from && at < this.before;
    }
    add(id, at, status, total) {
        let endpoint = this.byId.get(id);
        if (endpoint === undefined) {
            endpoint = { tally: new TimeTally(), offsets: [], statuses: [] };
            this.byId.set(id, endpoint);
        }
        const offset = at - this.from;
        const { offsets } = endpoint;
        if (offsets.length > 0 && offset < offsets[offsets.length - 1])
            this.disordered = true;
        if (status === 'up' || status === 'degraded')
            endpoint.tally.add(total, 1);
        offsets.push(offset);
        endpoint.statuses.push(status);
        this.runSlots.add(offset);
    }
    /** Each endpoint's checks and the tally of their response times. */
    endpoints() {
        return this.byId;
    }
    /**
     * What the outages of an endpoint take of its checks here, given its other rows (any order):
     * the status changes; or, when one of those rows falls among these checks, every check, since a
     * change kept alone would then close or open an outage at the wrong check.
     */
    spanPoints(id, ...others) {
        const endpoint = this.byId.get(id);
        if (endpoint === undefined)
            return [];
        const every = others.some((rows) => rows.some((row) => this.takes(row.at)));
        const { offsets, statuses } = endpoint;
        const points = [];
        for (let i = 0; i < offsets.length; i++) {
            if (every || i === 0 || statuses[i] !== statuses[i - 1])
                points.push({ at: this.from + offsets[i], id, status: statuses[i], total: 0 });
        }
        return points;
    }
    /** When the monitor ran, as check times for `rowTimes` (any endpoint's id). */
    runTimes() {
        return this.runSlots.times().map((at) => ({ at, id: '', status: 'up', total: 0 }));
    }
}

;// CONCATENATED MODULE: ./src/history/points.ts
/**
 * Yesterday's checks in brief (docs/history.md, "Aggregates"): `points/YYYY-MM-DD.csv`, `id,points`,
 * for each endpoint every check of the day, oldest first, separated by spaces, as `<ms after the
 * check before it (the first: after the day's UTC midnight)><status><response ms>`, the status one
 * letter (`u` up, `g` degraded, `d` down, `m` maintenance): `api,3000u212 300112d0 299938u230`.
 * Times after the check before rather than after midnight: on a schedule they repeat (a run every
 * five minutes, give or take), so git sends the file in a third of the bytes on the benchmark's
 * branch, and in three quarters with a schedule's delays.
 *
 * Why: the 24-hour window and the hours of the page need yesterday's checks, and the raw day file
 * holds them with eight more columns. On 200 endpoints checked every five minutes, yesterday's raw
 * file is 3.8 MiB (400 KiB as git sends it); its points are 0.7 MiB (240 KiB), and read in a
 * fraction of the time (`npm run bench`, docs/BENCHMARKS.md "Memory that scales"). The first run
 * after midnight writes them from the raw day it reads; the runs after it read them instead; the
 * run that turns the day into aggregates reads them too, and removes them. A run whose checks fall
 * on a day that has points (a run that started before midnight) reads the raw day and writes them
 * again, so they stay what the raw day says.
 */


const POINTS_HEADER = formatRecord(['id', 'points']);
const POINTS_FILE = /^points\/(\d{4}-\d{2}-\d{2})\.csv$/;
const LETTER = { up: 'u', degraded: 'g', down: 'd', maintenance: 'm' };
const STATUS_OF = { u: 'up', g: 'degraded', d: 'down', m: 'maintenance' };
/** A point as written: an offset (negative for rows a person put out of order, or dated before
 * the day), a letter, a whole number of ms. Each number as JavaScript prints it, however large:
 * a row a person dated decades off, or gave a response time of twenty digits (which prints with an
 * exponent), is read from the raw day like any other, and its points must give it back, not end
 * the endpoint's line there. */
const POINT = /^(-?\d+)([ugdm])(\d+(?:\.\d+)?(?:e\+\d+)?)$/;
/** The latest and earliest time a JavaScript date holds: an offset past them is not a time. */
const MAX_TIME = 8.64e15;
function pointsPath(date) {
    return `points/${date}.csv`;
}
function dayOfPointsPath(path) {
    return POINTS_FILE.exec(path)?.[1] ?? null;
}
/** A day's rows (by endpoint, oldest first) as its points file. */
function formatDayPoints(date, byId) {
    const midnight = Date.parse(`${date}T00:00:00.000Z`);
    let text = POINTS_HEADER;
    for (const id of [...byId.keys()].sort()) {
        const rows = byId.get(id);
        if (rows.length === 0)
            continue;
        const points = new Array(rows.length);
        let previous = midnight;
        for (let i = 0; i < rows.length; i++) {
            points[i] = `${rows[i].at - previous}${LETTER[rows[i].status]}${rows[i].total}`;
            previous = rows[i].at;
        }
        text += formatRecord([id, points.join(' ')]);
    }
    return text;
}
/** Whether a text is a points file at all: it begins with the header Vigil writes. One that does
 * not (emptied, cut short, or another file saved under its name) is not read as the day, and is
 * removed, so the next run reads the raw day and writes the points again. */
function isDayPoints(text) {
    return /^id,points\r?(\n|$)/.test(text);
}
/**
 * Reads a points file as the day's rows by endpoint, oldest first. A line that does not parse is
 * skipped; a point that does not parse ends its line (the times after it count from it); a later
 * line for the same endpoint adds to the earlier one. The file is made again from the raw day
 * when it is deleted. With `early`, the checks it takes go to it rather than become rows.
 */
function readDayPoints(date, text, early) {
    const midnight = Date.parse(`${date}T00:00:00.000Z`);
    const byId = new Map();
    const lines = text.split('\n');
    for (let i = 0; i < lines.length; i++) {
        const record = recordAt(lines, i);
        if (record === null || record.last !== i)
            continue;
        const [id, points] = record.fields;
        if (!id || points === undefined || (i === 0 && id === 'id' && points === 'points'))
            continue;
        const rows = byId.get(id) ?? [];
        readLine(points, id, midnight, rows, early);
        if (rows.length > 0)
            byId.set(id, rows);
    }
    for (const rows of byId.values())
        if (!isSorted(rows))
            sortByTime(rows);
    return byId;
}
const LETTER_CODE = { 117: 'up', 103: 'degraded', 100: 'down', 109: 'maintenance' };
/**
 * Adds the points of one line to `rows`, up to the first that does not parse. A point as Vigil
 * writes it (digits, a letter, digits) is read character by character; any other goes to the
 * pattern, which also takes the forms a very large number prints as. Splitting the line into
 * tokens and matching each made reading yesterday's 57,600 points (200 endpoints) about 17 ms
 * of the judge's first call (`BENCH_ENDPOINTS=200 node scripts/bench-judge.mjs`, CPU profile).
 */
function readLine(points, id, midnight, rows, early) {
    let at = midnight;
    let position = 0;
    while (position < points.length) {
        let end = points.indexOf(' ', position);
        if (end === -1)
            end = points.length;
        let offset = 0;
        let total = 0;
        let status;
        let cursor = position;
        const negative = points.charCodeAt(cursor) === 45;
        if (negative)
            cursor++;
        const digitsFrom = cursor;
        for (let code = points.charCodeAt(cursor); code >= 48 && code <= 57; code = points.charCodeAt(++cursor))
            offset = offset * 10 + code - 48;
        if (cursor > digitsFrom && cursor - digitsFrom <= 15)
            status = LETTER_CODE[points.charCodeAt(cursor)];
        const totalFrom = ++cursor;
        for (let code = points.charCodeAt(cursor); code >= 48 && code <= 57; code = points.charCodeAt(++cursor))
            total = total * 10 + code - 48;
        if (status === undefined || cursor !== end || cursor === totalFrom || cursor - totalFrom > 15) {
            // Not the plain form: the pattern decides.
            const match = POINT.exec(points.slice(position, end));
            if (!match)
                return;
            offset = Number(match[1]);
            total = Number(match[3]);
            status = STATUS_OF[match[2]];
        }
        else if (negative)
            offset = -offset;
        if (Math.abs(at + offset) > MAX_TIME || !Number.isFinite(total))
            return;
        at += offset;
        if (early !== undefined && early.takes(at))
            early.add(id, at, status, total);
        else
            rows.push({ at, id, status, total });
        position = end + 1;
    }
}
function isSorted(rows) {
    for (let i = 1; i < rows.length; i++)
        if (rows[i].at < rows[i - 1].at)
            return false;
    return true;
}

;// CONCATENATED MODULE: ./src/history/read-history.ts
/**
 * The judge's first steps: the branch's history read as far as the figures need it, with this
 * run's checks added. It reads the raw files of yesterday and today (the 24 h window and the
 * hours), converts each older kept day that has no aggregates yet, takes the 7-day window's older
 * days from their aggregates and the outages of the 30 and 90 days from `outages.csv`, and notes
 * the files that change on the way: the day files this run appends to, the days converted, the
 * days expired, `outages.csv` (docs/history.md, "Aggregates").
 */









/** How far past the run's start (and its own checks) a read row may be dated before it counts as
 * dated in the future: overlapping runs and shards stamp their checks a few minutes apart. */
const FUTURE_TOLERANCE_MS = 15 * 60_000;
function clockOf(now, historyDays) {
    const at = now.getTime();
    const today = startOfUtcDay(at);
    const kept = Math.max(7, Math.floor(historyDays));
    const dates = datesBack(today, Math.max(90, kept));
    const dateOf = (daysAgo) => dates[daysAgo] ?? utcDate(today - daysAgo * DAY);
    return { now: at, today, historyDays: kept, dateOf, keepFrom: dateOf(kept - 1), yesterday: dateOf(1) };
}
/** Reads the history, adds this run's checks to it and sets the files that change in `changes`. */
function readHistory(input, clock, changes) {
    const { files } = input;
    const newRowsByDay = rowsOfThisRun(input.checks);
    // The branch's paths: with a store that fetches only what the judge reads (`filesToRead`),
    // more files are on the branch than were read.
    const { rawDays, aggregated, pointed } = daysOnBranch(input.paths ?? files.keys());
    appendThisRun(files, newRowsByDay, rawDays, changes);
    const sortedRawDays = [...rawDays].sort();
    const daily = readDailyByDate(files.get(types/* DAILY_FILE */.zf) ?? '');
    const read = {
        files,
        clock,
        changes,
        newRowsByDay,
        sortedRawDays,
        aggregated,
        pointed,
        daily: daily.byDate,
        dailyChangedFrom: null,
        outageRows: outageRowsOf(files.get(OUTAGES_FILE) ?? ''),
        outagesChanged: false,
        rowsById: new Map(),
        early: null,
        earlyRunTimes: [],
        sevenDayCounts: new Map(),
        futureRows: 0,
        firstFuture: Infinity,
    };
    const converted = readDays(read, input);
    addOlderCounts(read, converted, rawDays);
    const expired = sortedRawDays.filter((date) => date < clock.keepFrom);
    expire(read, expired, rawDays);
    removeOldPoints(read, rawDays);
    if (read.outagesChanged) {
        const text = formatOutages([...read.outageRows.values()]);
        if (text !== (files.get(OUTAGES_FILE) ?? OUTAGES_HEADER))
            changes.set(OUTAGES_FILE, text);
    }
    const warnings = read.futureRows > 0 ? [futureWarning(read.futureRows, read.firstFuture, clock.now)] : [];
    if (input.readCache) {
        for (const key of input.readCache.keys()) {
            const date = dayOfPath(key.split('#')[0]);
            if (date && date < clock.yesterday)
                input.readCache.delete(key);
        }
    }
    return {
        rowsById: read.rowsById,
        spanRowsById: spanRowsOf(read),
        earlyRunTimes: [...markOfOlderRuns(rawDays, read.daily, clock), ...read.earlyRunTimes],
        sevenDayCounts: read.sevenDayCounts,
        daily: read.daily,
        dailyStarts: daily.starts,
        dailyChangedFrom: read.dailyChangedFrom,
        rawKept: new Set(sortedRawDays.filter((date) => date >= clock.keepFrom)),
        warnings,
    };
}
/** The days that have a raw file, those that have aggregates, and those that have points. */
function daysOnBranch(paths) {
    const rawDays = new Set();
    const aggregated = new Set();
    const pointed = new Set();
    for (const path of paths) {
        const date = dayOfPath(path);
        if (date)
            rawDays.add(date);
        const aggregate = dayOfAggregatePath(path);
        if (aggregate)
            aggregated.add(aggregate);
        const points = dayOfPointsPath(path);
        if (points)
            pointed.add(points);
    }
    return { rawDays, aggregated, pointed };
}
function outageRowsOf(text) {
    const rows = new Map();
    for (const row of readOutages(text))
        rows.set(`${row.date},${row.id}`, row);
    return rows;
}
/**
 * Reads the raw days the figures need: yesterday and today (the 24 h window and the hours), any
 * later one, each older kept day that has no aggregates yet (converted now: a branch of an earlier
 * Vigil, or the day that has just become the day before yesterday), and any raw day `daily.csv`
 * lacks (its daily rows are written, also before it expires). A day the run does not append to
 * is read from its points when it has them (see points.ts); yesterday's are written when they
 * were read from the raw day. Returns the days converted.
 */
function readDays(read, input) {
    const { files, clock, newRowsByDay, sortedRawDays, daily, outageRows, rowsById } = read;
    const { yesterday } = clock;
    /** The day's points file, when the run reads the day from it: never for today or a later day,
     * whose raw file every run reads (`filesToRead`), so points that disagree with it (a file a
     * person wrote) are written again from it rather than counted. */
    const briefOf = (date) => {
        const text = newRowsByDay.has(date) || date > yesterday ? undefined : files.get(pointsPath(date));
        return text !== undefined && isDayPoints(text) ? text : undefined;
    };
    const readable = (date) => files.has(dayFilePath(date)) || briefOf(date) !== undefined;
    const recentDays = sortedRawDays.filter((date) => date >= yesterday || newRowsByDay.has(date));
    const converted = sortedRawDays.filter((date) => date < yesterday && date >= clock.keepFrom && !read.aggregated.has(date) && !newRowsByDay.has(date) && readable(date));
    // A row dated in the future (a clock that was wrong when it was written) counts in no figure
    // and draws no outage; it stays on the branch.
    const latestCheck = input.checks.reduce((latest, check) => Math.max(latest, Date.parse(check.checkedAt) || 0), clock.now);
    const futureAfter = latestCheck + FUTURE_TOLERANCE_MS;
    /** Whether an endpoint's last check of a day converted now was down (`date,id`). */
    const endedDown = new Map();
    /** Whether an outage of the endpoint was open at the end of the raw day before `date`. */
    const openBefore = (date, id) => {
        const before = sortedRawDays[sortedRawDays.indexOf(date) - 1];
        if (before === undefined)
            return false;
        const known = endedDown.get(`${before},${id}`);
        if (known !== undefined)
            return known;
        return outageRows.get(`${before},${id}`)?.points.at(-1)?.status === 'down';
    };
    const d7Date = clock.dateOf(6);
    const convertedSet = new Set(converted);
    const missingDaily = sortedRawDays.filter((date) => !daily.has(date) && readable(date));
    for (const date of [...new Set([...converted, ...recentDays, ...missingDaily])].sort()) {
        const path = dayFilePath(date);
        const brief = briefOf(date);
        const added = newRowsByDay.get(date);
        // Neither the raw day nor its points were read (a file that could not be read): nothing to
        // count, and nothing to write over what the branch holds.
        if (brief === undefined && !files.has(path) && !added)
            continue;
        const recompute = newRowsByDay.has(date) || !daily.has(date);
        const isConverted = convertedSet.has(date);
        let dayRows = brief !== undefined
            ? readBrief(read, date, brief, date === yesterday && !recompute && !isConverted)
            : readWholeDay(path, files.get(path) ?? '', input.readCache);
        if (added) {
            const merged = new Map(dayRows);
            for (const row of added)
                merged.set(row.id, sortByTime([...(merged.get(row.id) ?? []), row]));
            dayRows = merged;
        }
        // Yesterday's points, from its raw day; and again for a day that has them when this run adds to it.
        // A day this run adds to is what it writes (its raw file read, or begun anew when there was
        // none): points left from a raw day since removed must not outlive it.
        const rawRead = files.has(path) || added !== undefined;
        if (brief === undefined && rawRead && (date === yesterday || (date > yesterday && read.pointed.has(date)))) {
            const text = formatDayPoints(date, dayRows);
            if (text !== files.get(pointsPath(date)))
                read.changes.set(pointsPath(date), text);
        }
        if (date >= utcDate(futureAfter - DAY))
            dayRows = withoutFutureRows(read, dayRows, futureAfter);
        const recomputed = new Map();
        const counts = new Map();
        for (const [id, rows] of dayRows) {
            if (recompute)
                recomputed.set(id, dailyRowOf(date, id, rows));
            if (isConverted) {
                counts.set(id, timeCountsOf(rows));
                const points = outagePointsOf(rows, openBefore(date, id));
                if (points.length > 0)
                    outageRows.set(`${date},${id}`, { date, id, points });
                endedDown.set(`${date},${id}`, rows.length > 0 && rows[rows.length - 1].status === 'down');
                if (date >= d7Date)
                    addCounts(countsOf(read, id), counts.get(id));
            }
            else if (date >= yesterday || newRowsByDay.has(date)) {
                const all = rowsById.get(id);
                // One array of the two days' length, not one grown row by row to it.
                rowsById.set(id, all ? all.concat(rows) : rows.slice());
            }
        }
        if (isConverted) {
            read.changes.set(aggregatePath(date), formatAggregates(counts));
            read.aggregated.add(date);
            read.outagesChanged = true;
        }
        if (recompute)
            daily.set(date, recomputed);
        if (recompute)
            read.dailyChangedFrom ??= date; // the dates go in order: the first is the earliest
    }
    return convertedSet;
}
/**
 * A day's rows from its points. Yesterday's, when its row of `daily.csv` stands (`splits`): the
 * checks before the 24-hour window come as what the figures need of them (see early-checks.ts),
 * not as rows; the rows are the rest.
 */
function readBrief(read, date, brief, splits) {
    const midnight = Date.parse(`${date}T00:00:00.000Z`);
    const before = Math.min(read.clock.now - DAY, midnight + DAY);
    if (!splits || before <= midnight)
        return readDayPoints(date, brief);
    const early = new EarlyChecks(midnight, before);
    const rows = readDayPoints(date, brief, early);
    // Checks out of order (a person's edit): read as rows, like any other day.
    if (early.disordered)
        return readDayPoints(date, brief);
    for (const [id, { tally }] of early.endpoints()) {
        const counts = countsOf(read, id);
        for (let i = 0; i < tally.length; i++)
            counts.add(tally.ms[i], tally.counts[i]);
    }
    read.early = early;
    read.earlyRunTimes = early.runTimes();
    return rows;
}
/** A day's rows without those dated after `futureAfter`, which are counted for the warning. */
function withoutFutureRows(read, byId, futureAfter) {
    let dated = 0;
    byId.forEach((rows) => {
        for (let i = 0; i < rows.length; i++)
            if (rows[i].at > futureAfter)
                dated++;
    });
    if (dated === 0)
        return byId;
    const kept = new Map();
    for (const [id, rows] of byId) {
        for (const row of rows)
            if (row.at > futureAfter)
                read.firstFuture = Math.min(read.firstFuture, row.at);
        const present = rows.filter((row) => row.at <= futureAfter);
        if (present.length > 0)
            kept.set(id, present);
    }
    read.futureRows += dated;
    return kept;
}
function countsOf(read, id) {
    let counts = read.sevenDayCounts.get(id);
    if (!counts)
        read.sevenDayCounts.set(id, (counts = new TimeTally()));
    return counts;
}
/** The 7-day window's days before yesterday, from their aggregates. */
function addOlderCounts(read, converted, rawDays) {
    const addTo = (id) => countsOf(read, id);
    for (let ago = 2; ago < 7; ago++) {
        const date = read.clock.dateOf(ago);
        if (converted.has(date) || !rawDays.has(date))
            continue;
        const text = read.files.get(aggregatePath(date));
        if (text === undefined)
            continue;
        // Added where they go, without a map per endpoint and day first: on 200 endpoints that was a
        // thousand maps of a few hundred times each, built to be merged and dropped.
        addAggregates(text, addTo);
    }
}
/** Removes the raw days, aggregates and outage rows older than the history kept. */
function expire(read, expired, rawDays) {
    const { keepFrom } = read.clock;
    for (const date of expired)
        read.changes.set(dayFilePath(date), null);
    for (const date of read.aggregated)
        if (date < keepFrom)
            read.changes.set(aggregatePath(date), null);
    for (const [key, row] of read.outageRows) {
        if (row.date < keepFrom || !rawDays.has(row.date) || expired.includes(row.date)) {
            read.outageRows.delete(key);
            read.outagesChanged = true;
        }
    }
}
/** Removes the points of the days before yesterday (a day converted now was read from them), of
 * days without a raw file, and those that are not points at all and were not written again now. */
function removeOldPoints(read, rawDays) {
    for (const date of read.pointed) {
        const path = pointsPath(date);
        const text = read.files.get(path);
        const broken = text !== undefined && !isDayPoints(text) && !read.changes.has(path);
        if (date < read.clock.yesterday || !rawDays.has(date) || broken)
            read.changes.set(path, null);
    }
}
/** The outage points of the aggregated days (for the outages of the 30 and 90 days), then the
 * raw rows read, by endpoint, oldest first. */
function spanRowsOf(read) {
    const oldest = read.clock.dateOf(89);
    const { yesterday } = read.clock;
    const spanRowsById = new Map();
    // concat, not push(...points): a day of a hundred thousand rows is too many arguments.
    const append = (id, points) => {
        const list = spanRowsById.get(id);
        spanRowsById.set(id, list ? list.concat(points) : points);
    };
    for (const row of read.outageRows.values()) {
        if (row.date >= oldest && row.date < yesterday)
            append(row.id, row.points.slice());
    }
    if (read.early !== null) {
        for (const id of read.early.endpoints().keys())
            append(id, read.early.spanPoints(id, spanRowsById.get(id) ?? [], read.rowsById.get(id) ?? []));
    }
    for (const [id, rows] of read.rowsById)
        append(id, rows);
    for (const rows of spanRowsById.values())
        sortByTime(rows);
    return spanRowsById;
}
function futureWarning(rows, first, now) {
    return (`${rows} ${rows === 1 ? 'row' : 'rows'} of the history ${rows === 1 ? 'is' : 'are'} dated in the future ` +
        `(from ${new Date(first).toISOString()}, while this run started at ${new Date(now).toISOString()}): ` +
        'a clock was wrong when they were written. They count in no figure and show no outage.');
}

;// CONCATENATED MODULE: ./src/history/events.ts
/**
 * This run's checks counted against each endpoint's state (failure and success thresholds,
 * maintenance): the new states and the events they raise (README "Incidents and notifications").
 */

const DEFAULT_SETTINGS = { target: 99, failureThreshold: 1, successThreshold: 1 };
/**
 * Counts each check of this run. An event carries the incident `status.json` recorded for its
 * endpoint: the follow-up of the run that opened the issue wrote it there.
 */
function countChecks(input, settingsById, previousState, previousEntries, spanRowsById) {
    const working = new Map(Object.entries(previousState.endpoints));
    const counted = { working, events: [], pendingById: new Map(), lastCheckById: new Map() };
    for (const check of input.checks) {
        const settings = settingsById.get(check.id) ?? DEFAULT_SETTINGS;
        const previous = working.get(check.id);
        const result = countCheck(previous, check, settings, input.workflow);
        // A branch without state.json (seeded by hand, or its state lost): since when comes from the
        // rows already recorded, not from this run.
        if (!previous && !check.inMaintenance)
            sinceFromRows(result, spanRowsById.get(check.id));
        working.set(check.id, result.state);
        counted.pendingById.set(check.id, result.pending);
        counted.lastCheckById.set(check.id, check);
        const known = previousEntries.get(check.id)?.incident ?? null;
        for (const event of result.events)
            counted.events.push({ ...event, incident: known });
    }
    return counted;
}
/** Dates a new state by the recorded rows: a down one at the first check of the trailing run of
 * down rows (the outage's first down check), an up or degraded one at the first check of the
 * trailing run of that status. */
function sinceFromRows(counted, rows) {
    const { state } = counted;
    if (!rows || rows.length < 2 || (state.counted !== 'down' && state.counted !== 'up' && state.counted !== 'degraded'))
        return;
    let first = rows.length - 1;
    if (rows[first].status !== state.counted)
        return;
    while (first > 0 && rows[first - 1].status === state.counted)
        first--;
    const since = new Date(rows[first].at).toISOString();
    if (state.since === null || Date.parse(since) >= Date.parse(state.since))
        return;
    state.since = since;
    if (state.counted === 'down') {
        state.outageStart = since;
        for (const event of counted.events)
            if (event.kind === 'down')
                event.since = since;
    }
    else if (state.upStreak > 0)
        state.notDownSince = since;
}

;// CONCATENATED MODULE: ./src/history/figures.ts
/**
 * The figures of one endpoint the judge puts in `status.json` and on the page: checks, uptime,
 * response times, downtime and error budget per window, the last 24 hours, the last 90 days and
 * the outages of the last 30 days (README "Status page", docs/history.md).
 */


const WINDOW_DAYS = { '7d': 7, '30d': 30, '90d': 90 };
const LONG_WINDOWS = ['7d', '30d', '90d'];
const WINDOW_START = { '7d': 'd7', '30d': 'd30', '90d': 'd90' };
/** The days of the longest window and of the 90-day bar. */
const DAYS_SHOWN = 90;
const COUNTED_RANK = { up: 0, maintenance: 1, degraded: 2, down: 3 };
const ROW_RANK = COUNTED_RANK;
function dayTableOf(daily, rawKept, dateOf) {
    const dates = [];
    const byId = [];
    const raw = [];
    for (let ago = 0; ago < DAYS_SHOWN; ago++) {
        const date = dateOf(ago);
        dates.push(date);
        byId.push(daily.get(date));
        raw.push(rawKept.has(date));
    }
    return { dates, byId, raw };
}
/** One endpoint's rows of `daily.csv` over the last 90 days, by days ago (undefined: no row). */
function dailyOfEndpoint(table, id) {
    return table.byId.map((rows) => rows?.get(id));
}
const figures_scratch = [new Int32Array(1024), new Int32Array(1024)];
/** Buffer `which` of `figuresOf`, at least `length` long. Of 32-bit integers, like `TimeTally`:
 * a response time read from a Float64Array is a heap number made in a cold process. */
function figures_scratchOf(which, length) {
    if (figures_scratch[which].length < length)
        figures_scratch[which] = new Int32Array(length * 2);
    return figures_scratch[which];
}
/** The times within the 7 days and the 24 hours of rows, and the 24 hours' checks and downs. */
function windowTotals(rows, windows) {
    // In reused buffers (arrays made per endpoint were 3.5 MiB of the judge's allocations on 200
    // endpoints); from the first time that is not a 32-bit integer (a person's edit), in arrays.
    let totals7 = figures_scratchOf(0, rows.length);
    let totals24 = figures_scratchOf(1, rows.length);
    let checks24 = 0;
    let down24 = 0;
    let count7 = 0;
    let count24 = 0;
    for (let i = 0; i < rows.length; i++) {
        const row = rows[i];
        if (row.at < windows.d7)
            continue;
        const isTimed = timed(row);
        if (isTimed && (row.total | 0) !== row.total && !Array.isArray(totals7)) {
            totals7 = Array.from(totals7.subarray(0, count7));
            totals24 = Array.from(totals24.subarray(0, count24));
        }
        if (isTimed)
            totals7[count7++] = row.total;
        if (row.at <= windows.h24)
            continue;
        if (row.status !== 'maintenance')
            checks24++;
        if (row.status === 'down')
            down24++;
        if (isTimed)
            totals24[count24++] = row.total;
    }
    const upTo = (totals, count) => (Array.isArray(totals) ? totals : totals.subarray(0, count));
    return { checks24, down24, totals7: upTo(totals7, count7), totals24: upTo(totals24, count24) };
}
function figures_figuresOf(rows, olderCounts, spans, days, table, windows, now, target) {
    // The 7 days' times are counted with those of the days before yesterday only when the
    // percentiles are read.
    const { checks24, down24, totals7, totals24 } = windowTotals(rows, windows);
    const checks = { '24h': checks24 };
    const uptime = { '24h': uptimePercent(checks24, down24) };
    const downtime = { '24h': Math.round(secondsWithin(spans, windows.h24, now)) };
    // One pass over the 90 days, read off at 7, 30 and 90: the sums of the shorter windows are the
    // longer ones' at that point, added in the same order (so the estimate is the same to the bit).
    let sum = 0;
    let down = 0;
    let estimated = 0;
    let next = 0;
    for (let ago = 0; ago < DAYS_SHOWN; ago++) {
        const row = days[ago];
        if (row) {
            sum += row.checks;
            down += row.down;
            // A day known only from daily.csv: its outages are estimated as its share of down checks.
            if (!table.raw[ago] && row.down > 0)
                estimated += (86_400 * row.down) / (row.checks + row.maintenance);
        }
        const window = LONG_WINDOWS[next];
        if (ago + 1 === WINDOW_DAYS[window]) {
            checks[window] = sum;
            uptime[window] = uptimePercent(sum, down);
            downtime[window] = Math.round(secondsWithin(spans, windows[WINDOW_START[window]], now) + estimated);
            next++;
        }
    }
    const allowed = Math.round(((100 - target) / 100) * 30 * 86_400);
    const used = downtime['30d'];
    const left = allowed > 0 ? Math.max(0, Math.floor((1 - used / allowed) * 1000) / 1000) : used > 0 ? 0 : 1;
    return {
        checks,
        uptime,
        responseTime: {
            '24h': percentiles(totals24),
            '7d': percentilesOfCounts(olderCounts, totals7),
        },
        downtime,
        errorBudget: { allowed, used, left },
    };
}
function hoursOf(rows, now) {
    const first = now - (now % HOUR) - 23 * HOUR;
    const worst = new Array(24).fill(null);
    // Each timed row as one number, its hour above its time (slot × 2³², then the time as
    // `percentiles` reads it, a Uint32Array value): one sort orders the day's times by hour, then by
    // time. Sorting each hour apart was 24 arrays, typed arrays and sorts per endpoint (4,800 of
    // each on 200 endpoints): the hours took 21 ms of a fresh process instead of 17 (one thread).
    const keyed = keyedOf(rows.length);
    let count = 0;
    // How many times each hour has: where its times lie in `sorted` is known without reading them
    // (each element read from a Float64Array is a heap number made in a cold process).
    const inSlot = new Int32Array(24);
    // Rows are sorted by time: only the last day's are looked at.
    for (let i = rows.length - 1; i >= 0 && rows[i].at >= first; i--) {
        const row = rows[i];
        const slot = Math.floor((row.at - first) / HOUR);
        if (slot > 23)
            continue;
        const current = worst[slot];
        if (current === null || ROW_RANK[row.status] > ROW_RANK[current])
            worst[slot] = row.status;
        if (timed(row)) {
            keyed[count++] = slot * SLOT_KEY + (row.total >>> 0);
            inSlot[slot]++;
        }
    }
    const sorted = keyed.subarray(0, count).sort();
    const starts = hourStarts(first);
    const hours = [];
    let from = 0; // the first of the slot's times in `sorted`
    for (let slot = 0; slot < 24; slot++) {
        const to = from + inSlot[slot];
        const p50 = rankedIn(sorted, from, to, 50);
        const p95 = rankedIn(sorted, from, to, 95);
        const base = slot * SLOT_KEY;
        hours.push({
            start: starts[slot],
            status: worst[slot],
            p50: p50 === null ? null : p50 - base,
            p95: p95 === null ? null : p95 - base,
        });
        from = to;
    }
    return hours;
}
let keyedScratch = new Float64Array(1024);
/** The buffer `hoursOf` keys the times in, for every endpoint: at least `length` long. */
function keyedOf(length) {
    if (keyedScratch.length < length)
        keyedScratch = new Float64Array(length * 2);
    return keyedScratch;
}
/** The nearest-rank percentile `p` of sorted[from, to), as `percentiles` takes it; null when empty. */
function rankedIn(sorted, from, to, p) {
    const count = to - from;
    return count > 0 ? sorted[from + Math.max(1, Math.ceil((p / 100) * count)) - 1] : null;
}
/** What one hour adds to a keyed time in `hoursOf`: above any Uint32 value. */
const SLOT_KEY = 2 ** 32;
let lastHours = null;
/** The 24 hours' starts (ISO) from `first`: the same for every endpoint of a run, so written once
 * (the last answer is kept) rather than 24 dates made and written per endpoint. */
function hourStarts(first) {
    if (lastHours?.first !== first) {
        lastHours = { first, starts: Array.from({ length: 24 }, (_, slot) => new Date(first + slot * HOUR).toISOString()) };
    }
    return lastHours.starts;
}
function daysOf(days, table) {
    const slots = [];
    for (let ago = DAYS_SHOWN - 1; ago >= 0; ago--) {
        const row = days[ago];
        slots.push({
            date: table.dates[ago],
            checks: row?.checks ?? 0,
            down: row?.down ?? 0,
            maintenance: row?.maintenance ?? 0,
            uptime: row ? uptimePercent(row.checks, row.down) : null,
        });
    }
    return slots;
}
function outagesFrom(spans, from, now) {
    const outages = [];
    for (let i = spans.length - 1; i >= 0; i--) {
        const span = spans[i];
        if ((span.end ?? now) < from)
            break;
        outages.push({
            start: new Date(span.start).toISOString(),
            end: span.end === null ? null : new Date(span.end).toISOString(),
            seconds: Math.round(((span.end ?? now) - span.start) / 1000),
        });
    }
    return outages;
}

;// CONCATENATED MODULE: ./src/history/judge.ts
/**
 * The judge: one pure function from the branch's files, this run's checks and the clock to
 * everything the sinks need — the files to write, `status.json`, `state.json`, the events and
 * what the summary and the page show. It knows nothing of git, HTTP or the file system.
 *
 * It reads only what the figures need, so a run costs the same on day 90 as on day 1: today's raw
 * day, yesterday's points, the per-day aggregates of the week and the outages, and `daily.csv`
 * (see `filesToRead`, and read-history.ts).
 */












/** Reads the branch's history with this run's checks added, counts the checks into states and
 * events, works out each endpoint's figures, and gives the files to write. */
function judge(input) {
    const clock = clockOf(input.now, input.historyDays);
    const previous = readPrevious(input.files);
    const changes = new Map();
    const history = readHistory(input, clock, changes);
    const settingsById = new Map(input.endpoints.map((settings) => [settings.id, settings]));
    const counted = countChecks(input, settingsById, previous.state, previous.entries, history.spanRowsById);
    const { figures, views, states } = endpointsOf(input, clock, previous, history, counted, settingsById);
    const status = statusFileOf(figures, history, clock.now);
    const state = { ...previous.state, endpoints: states };
    const daily = dailyRowsOf(history.daily);
    writeFiles(changes, input.files, history, status, state);
    const warnings = [...previous.warnings, ...history.warnings];
    return { changes, status, state, events: counted.events, endpoints: views, warnings, daily };
}
function readPrevious(files) {
    const status = readStatusFile(files.get(types/* STATUS_FILE */.C5));
    const state = readStateFile(files.get(types/* STATE_FILE */.bv));
    return {
        state: state.value,
        entries: new Map(status.value.endpoints.map((entry) => [entry.id, entry])),
        warnings: [...status.warnings, ...state.warnings],
    };
}
/**
 * The endpoints that stay on the branch, in order (this workflow's configuration first, then the
 * others), each with its state, its figures for `status.json` and its view for the summary and the
 * page. An endpoint checked now gets new figures; one not checked keeps those `status.json` had.
 */
function endpointsOf(input, clock, previous, history, counted, settingsById) {
    const { now, dateOf } = clock;
    const { working, lastCheckById } = counted;
    const keeps = keepsOf(input, clock, lastCheckById);
    const windows = {
        h24: now - 24 * HOUR,
        d7: clock.today - 6 * DAY,
        d30: clock.today - 29 * DAY,
        d90: clock.today - 89 * DAY,
    };
    const table = dayTableOf(history.daily, history.rawKept, dateOf);
    const figuresList = [];
    const views = [];
    const states = {};
    for (const id of orderOf(input, previous, counted)) {
        const state = working.get(id);
        const entry = previous.entries.get(id);
        const lastCheck = state?.lastCheck ?? entry?.last?.time ?? null;
        if (!keeps(id, state ? state.workflow : undefined, lastCheck))
            continue;
        if (state)
            states[id] = state;
        const rows = history.rowsById.get(id) ?? [];
        sortByTime(rows);
        const spans = outagesOf(history.spanRowsById.get(id) ?? rows);
        const check = lastCheckById.get(id);
        const days = dailyOfEndpoint(table, id);
        let figures = entry;
        if (check && state) {
            const settings = settingsById.get(id) ?? DEFAULT_SETTINGS;
            figures = {
                id,
                name: check.name,
                url: check.url,
                status: state.counted,
                since: state.since,
                // The issue the follow-up recorded stays while the endpoint stays down.
                incident: state.counted === 'down' ? (entry?.incident ?? null) : null,
                last: { time: check.checkedAt, status: rowStatusOf(check), http: check.httpStatus, total: check.timings.total },
                target: settings.target,
                ...figures_figuresOf(rows, history.sevenDayCounts.get(id), spans, days, table, windows, now, settings.target),
            };
        }
        if (!figures)
            continue; // known only from state: nothing to show yet
        figuresList.push(figures);
        const settings = settingsById.get(id);
        views.push({
            id,
            figures,
            pending: counted.pendingById.get(id) ?? (state && settings ? pendingOf(state, settings) : null),
            maintenance: check?.inMaintenance === true
                ? { until: check.maintenanceUntil ?? null, timezone: check.maintenanceTimezone ?? null }
                : null,
            hours: hoursOf(rows, now),
            days: daysOf(days, table),
            outages: outagesFrom(spans, windows.d30, now),
            checked: check !== undefined,
            reason: check ? errorOf(check) || null : null,
        });
    }
    return { figures: figuresList, views, states };
}
/** Whether an endpoint stays on the branch: checked now; or not dropped from this workflow's
 * configuration and checked within the history kept. */
function keepsOf(input, clock, checked) {
    const configured = new Set(input.configuredIds);
    const staleBefore = clock.now - clock.historyDays * DAY;
    return (id, workflow, lastCheck) => {
        if (checked.has(id))
            return true;
        if (workflow !== undefined && workflow === input.workflow && !configured.has(id))
            return false;
        const last = lastCheck ? Date.parse(lastCheck) : NaN;
        return !(last < staleBefore);
    };
}
/** Every endpoint known, in insertion order: configuration first, then the others. */
function orderOf(input, previous, counted) {
    const { working, lastCheckById } = counted;
    const order = new Set();
    for (const id of input.configuredIds)
        if (lastCheckById.has(id) || previous.entries.has(id) || working.has(id))
            order.add(id);
    for (const check of input.checks)
        order.add(check.id);
    for (const id of previous.entries.keys())
        order.add(id);
    for (const id of working.keys())
        order.add(id);
    return order;
}
/** `status.json`: the worst status, the monitor's own runs and each endpoint's figures. */
function statusFileOf(figures, history, now) {
    return {
        version: 1,
        updatedAt: new Date(now).toISOString(),
        status: figures.reduce((worst, e) => (COUNTED_RANK[e.status] > COUNTED_RANK[worst] ? e.status : worst), 'up'),
        // The monitor's own runs: the rows read (yesterday's and today's, this run's included), and
        // when it ran yesterday before the 24-hour window.
        monitor: monitorOf(rowTimes([...history.rowsById.values(), history.earlyRunTimes]), now),
        endpoints: figures,
    };
}
function dailyRowsOf(daily) {
    const rows = [];
    daily.forEach((byId) => byId.forEach((row) => rows.push(row)));
    return rows;
}
/** The files every run writes: `daily.csv` (when it changed), `status.json` and `state.json`. */
function writeFiles(changes, files, history, status, state) {
    const old = files.get(types/* DAILY_FILE */.zf) ?? '';
    const dailyText = formatDailyFrom(old, history.daily, history.dailyStarts, history.dailyChangedFrom);
    if (dailyText !== files.get(types/* DAILY_FILE */.zf))
        changes.set(types/* DAILY_FILE */.zf, dailyText);
    changes.set(types/* STATUS_FILE */.C5, JSON.stringify(status, null, 2) + '\n');
    changes.set(types/* STATE_FILE */.bv, JSON.stringify(state, null, 2) + '\n');
}
/**
 * Which of the branch's files a run reads (docs/history.md, "Aggregates: a run's cost does not
 * grow with the days kept"): every file outside `history/` and `aggregates/` (state, status,
 * daily.csv, outages.csv, the points files, the page and badges it may write over), today's raw
 * day and any later one, yesterday's raw day when it has no points yet, each raw day not yet
 * aggregated that has no points (read once, to convert it), the raw days the run's checks fall on
 * (it appends to them), the aggregates of the 7-day window's older days, and the raw days and
 * aggregates that expire now (so bytes Vigil cannot read are kept before they are removed). The
 * other raw days and aggregates stay on the branch, unread.
 */
function filesToRead(paths, now, historyDays, checks = []) {
    const { dateOf, yesterday, keepFrom } = clockOf(now, historyDays);
    const today = dateOf(0);
    const week = new Set();
    for (let ago = 2; ago < 7; ago++)
        week.add(dateOf(ago));
    const appended = datesOfChecks(checks);
    const all = [...paths];
    const { aggregated, pointed } = daysOnBranch(all);
    const wanted = new Set();
    for (const path of all) {
        const raw = dayOfPath(path);
        const aggregate = dayOfAggregatePath(path);
        if (raw !== null) {
            const fromPoints = pointed.has(raw) && raw >= keepFrom && !appended.has(raw);
            if (appended.has(raw) ||
                raw >= today ||
                raw < keepFrom ||
                (raw === yesterday && !fromPoints) ||
                (!aggregated.has(raw) && !fromPoints))
                wanted.add(path);
        }
        else if (aggregate !== null) {
            if (week.has(aggregate) || aggregate < keepFrom)
                wanted.add(path);
        }
        else {
            wanted.add(path);
        }
    }
    return wanted;
}

;// CONCATENATED MODULE: ./src/history/index.ts









/***/ })

};
