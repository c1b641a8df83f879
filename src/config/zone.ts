/**
 * Wall-clock time in IANA time zones, from the platform's own zone data (`Intl`), so daylight
 * saving rules stay as current as the runtime. Two questions only: what a moment reads on a
 * zone's clock, and which moment a zone's clock reading names.
 */
const formats = new Map<string, Intl.DateTimeFormat>();

function formatFor(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** True when the runtime knows the zone (names are case-insensitive, as Intl treats them). */
export function isTimeZone(name: string): boolean {
  try {
    formatFor(name);
    return true;
  } catch {
    return false;
  }
}

export interface WallClock {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

/** What the zone's clocks read at a moment. */
export function wallClock(ms: number, timeZone: string): WallClock {
  const parts: Record<string, number> = {};
  for (const part of formatFor(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year,
    month: parts.month,
    day: parts.day,
    hour: parts.hour % 24,
    minute: parts.minute,
    second: parts.second,
  };
}

/** The zone's offset from UTC at a moment, in ms (Berlin in summer: +7 200 000). */
export function offsetAt(ms: number, timeZone: string): number {
  const c = wallClock(ms, timeZone);
  const asUtc = Date.UTC(c.year, c.month - 1, c.day, c.hour, c.minute, c.second);
  return asUtc - Math.floor(ms / 1000) * 1000;
}

const HALF_DAY = 12 * 3_600_000;

/**
 * The moment a wall-clock reading names in a zone. A reading that happens twice (clocks going
 * back) is the first of them; one that never happens (clocks going forward, e.g. 02:30 in Berlin
 * on the last Sunday of March) is moved forward by the gap (03:30), as calendars do.
 */
export function zonedToUtc(year: number, month: number, day: number, hour: number, minute: number, timeZone: string): number {
  const local = Date.UTC(year, month - 1, day, hour, minute);
  const before = offsetAt(local - HALF_DAY, timeZone);
  const after = offsetAt(local + HALF_DAY, timeZone);
  const valid = [local - before, local - after].filter((moment) => moment - local === -offsetAt(moment, timeZone));
  if (valid.length > 0) return Math.min(...valid);
  return local - before;
}
