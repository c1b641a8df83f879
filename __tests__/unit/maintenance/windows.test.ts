/**
 * Maintenance windows: parsing with clear errors, and whether an endpoint is in a window at a
 * moment — across daylight-saving changes (clocks going forward and back in Berlin and New
 * York), over midnight, and back to back.
 */
import { describe, expect, test } from '@jest/globals';
import { parse } from 'yaml';
import { maintenanceText, windowAt } from '../../../src/maintenance/windows.js';
import { parseMaintenance } from '../../../src/config/maintenance.js';
import type { MaintenanceWindow } from '../../../src/config/maintenance.js';

function windows(yaml: string): MaintenanceWindow[] {
  const parsed = parseMaintenance(parse(yaml));
  expect(parsed.problems).toEqual([]);
  return parsed.windows;
}

/** Until when the endpoint is in maintenance at `iso`, or null. */
const until = (list: MaintenanceWindow[], iso: string, id = 'api-health') =>
  windowAt(list, id, new Date(iso))?.until.toISOString() ?? null;

describe('windowAt', () => {
  test('a one-off window: from its start (included) to its end (excluded), for its endpoints only', () => {
    const list = windows('- { start: 2026-12-01T02:00:00Z, duration: 1h, endpoints: [api-health] }');
    expect(until(list, '2026-12-01T01:59:59Z')).toBeNull();
    expect(until(list, '2026-12-01T02:00:00Z')).toBe('2026-12-01T03:00:00.000Z');
    expect(until(list, '2026-12-01T02:59:59Z')).toBe('2026-12-01T03:00:00.000Z');
    expect(until(list, '2026-12-01T03:00:00Z')).toBeNull();
    expect(until(list, '2026-12-01T02:30:00Z', 'payments')).toBeNull();
  });

  test('a start without an offset is read in the window’s time zone', () => {
    const list = windows('- { start: "2026-12-01T02:00", duration: 30m, timezone: Europe/Berlin }');
    expect(until(list, '2026-12-01T01:10:00Z')).toBe('2026-12-01T01:30:00.000Z');
  });

  test('a daily 03:00 Berlin window follows the clocks when they go forward (29 March 2026)', () => {
    const list = windows('- { every: day, start: "03:00", duration: 30m, timezone: Europe/Berlin }');
    // Winter time, UTC+1: 03:00 is 02:00Z.
    expect(until(list, '2026-03-28T02:10:00Z')).toBe('2026-03-28T02:30:00.000Z');
    // Summer time from that night, UTC+2: 03:00 is 01:00Z, and 02:10Z (04:10) is outside.
    expect(until(list, '2026-03-29T01:10:00Z')).toBe('2026-03-29T01:30:00.000Z');
    expect(until(list, '2026-03-29T02:10:00Z')).toBeNull();
  });

  test('and when they go back (25 October 2026)', () => {
    const list = windows('- { every: day, start: "03:00", duration: 30m, timezone: Europe/Berlin }');
    expect(until(list, '2026-10-24T01:10:00Z')).toBe('2026-10-24T01:30:00.000Z');
    expect(until(list, '2026-10-25T01:10:00Z')).toBeNull();
    expect(until(list, '2026-10-25T02:10:00Z')).toBe('2026-10-25T02:30:00.000Z');
  });

  test('a start time the clocks skip (02:30 on 29 March in Berlin) begins when the clocks jump past it', () => {
    const list = windows('- { every: [sunday], start: "02:30", duration: 1h, timezone: Europe/Berlin }');
    // 02:30 does not exist that night: the window opens at 03:30 summer time (01:30Z) for an hour.
    expect(until(list, '2026-03-29T01:15:00Z')).toBeNull();
    expect(until(list, '2026-03-29T01:45:00Z')).toBe('2026-03-29T02:30:00.000Z');
  });

  test('a start time that happens twice (01:30 on 1 November in New York) is the first of them', () => {
    const list = windows('- { every: day, start: "01:30", duration: 30m, timezone: America/New_York }');
    // 01:30 EDT is 05:30Z; the second 01:30 (EST) is 06:30Z and opens no window.
    expect(until(list, '2026-11-01T05:40:00Z')).toBe('2026-11-01T06:00:00.000Z');
    expect(until(list, '2026-11-01T06:40:00Z')).toBeNull();
    // The spring change in New York (8 March): 01:30 EST is 06:30Z.
    expect(until(list, '2026-03-08T06:40:00Z')).toBe('2026-03-08T07:00:00.000Z');
  });

  test('a window over midnight belongs to the day it starts on', () => {
    const list = windows('- { every: [saturday], start: "23:00", duration: 2h }');
    // Saturday 28 November 23:00Z to Sunday 01:00Z.
    expect(until(list, '2026-11-28T22:59:00Z')).toBeNull();
    expect(until(list, '2026-11-29T00:30:00Z')).toBe('2026-11-29T01:00:00.000Z');
    // The next Saturday night only, not Sunday night.
    expect(until(list, '2026-11-30T00:30:00Z')).toBeNull();
  });

  test('a window that starts in the middle of an outage covers the checks from its start on', () => {
    const list = windows('- { start: 2026-11-26T10:00:00Z, duration: 15m }');
    expect(until(list, '2026-11-26T09:58:00Z')).toBeNull();
    expect(until(list, '2026-11-26T10:02:00Z')).toBe('2026-11-26T10:15:00.000Z');
  });

  test('windows back to back or overlapping are one maintenance, until the last ends', () => {
    const list = windows(`
- { start: 2026-12-01T02:00:00Z, duration: 1h }
- { start: 2026-12-01T03:00:00Z, duration: 1h }
- { start: 2026-12-01T03:30:00Z, duration: 1h, endpoints: [api-health] }`);
    expect(until(list, '2026-12-01T02:30:00Z')).toBe('2026-12-01T04:30:00.000Z');
    expect(until(list, '2026-12-01T02:30:00Z', 'payments')).toBe('2026-12-01T04:00:00.000Z');
  });

  test('a window of several days lasts its whole duration, into the following days', () => {
    const list = windows('- { every: [sunday], start: "00:00", duration: 150h }');
    // Sunday 29 November 00:00Z + 150 h = Saturday 5 December 06:00Z.
    expect(until(list, '2026-12-05T05:00:00Z')).toBe('2026-12-05T06:00:00.000Z');
    expect(until(list, '2026-12-05T07:00:00Z')).toBeNull();
  });

  test('windows that never leave a gap end the answer at the current stretch, not never', () => {
    const list = windows('- { every: day, start: "00:00", duration: 24h }');
    const end = until(list, '2026-12-05T12:00:00Z');
    expect(end).not.toBeNull();
    expect(Date.parse(end!) - Date.parse('2026-12-05T12:00:00Z')).toBeLessThanOrEqual(7 * 24 * 3_600_000);
    expect(Date.parse(end!)).toBeGreaterThan(Date.parse('2026-12-06T00:00:00Z'));
  });
});

describe('maintenanceText', () => {
  test('says until when, on the window’s own clock', () => {
    const list = windows('- { every: [sunday], start: "03:00", duration: 30m, timezone: Europe/Moscow }');
    const now = new Date('2026-11-29T00:10:00Z'); // 03:10 in Moscow, a Sunday
    expect(maintenanceText(windowAt(list, 'api-health', now)!, now)).toBe('🔧 maintenance until 03:30 (Europe/Moscow)');
  });

  test('adds the date when the window ends on another day', () => {
    const list = windows('- { start: 2026-12-01T22:00:00Z, duration: 5h }');
    const now = new Date('2026-12-01T22:30:00Z');
    expect(maintenanceText(windowAt(list, 'x', now)!, now)).toBe('🔧 maintenance until 2026-12-02 03:00 (UTC)');
  });
});

describe('parseMaintenance', () => {
  test('names the place of every mistake, with did-you-mean', () => {
    const { windows: parsed, problems } = parseMaintenance(
      parse(`
- { every: [sunday], start: "03:00", duration: 30m, timezone: Europe/Berln }
- { every: [sundy, mon], start: "25:00", duration: 0m }
- { every: day, start: "03:00", duration: 200h }
- { every: day, start: "03:00", duration: 30 }
- { start: "03:00", duration: 1h }
- { start: 2026-02-30T02:00:00Z, duration: 1h }
- { every: day, start: "03:00", duration: 1h, timzone: UTC }
- { every: day, duration: 1h }
- { start: 2026-12-01T02:00:00Z }
- { every: [], start: "01:00", duration: 1h, timezone: Mars/Olympus }
`),
    );
    expect(parsed).toEqual([]);
    expect(problems.map((p) => `${p.where}: ${p.message}`)).toEqual([
      'maintenance[0].timezone: "Europe/Berln" is not a time zone (did you mean "Europe/Berlin"?)',
      'maintenance[1].duration: must be longer than zero',
      'maintenance[1].every[0]: "sundy" is not a day (did you mean "sunday"?)',
      'maintenance[1].start: "25:00" is not a time of day (use "HH:MM", e.g. "03:00", quoted)',
      'maintenance[2].duration: "200h" is longer than a week (168h); split it, or pause the workflow instead',
      'maintenance[3].duration: 30 has no unit (did you mean 30m?)',
      'maintenance[4].start: "03:00" is a time of day: add every: [sunday] (or every: day) to repeat it, or give a date (2026-12-01T02:00:00Z)',
      'maintenance[5].start: "2026-02-30T02:00:00Z" is not a date and time (use ISO 8601: 2026-12-01T02:00:00Z)',
      'maintenance[6].timzone: unknown key (did you mean "timezone"?)',
      'maintenance[7].start: required: the local time it starts, e.g. "03:00"',
      'maintenance[8].duration: required, e.g. 30m or 2h',
      'maintenance[9].timezone: "Mars/Olympus" is not a time zone (use an IANA name such as Europe/Berlin or UTC)',
      'maintenance[9].every: empty: list days (every: [sunday]) or write every: day',
    ]);
  });

  test('no maintenance is no window; anything but a list is one problem', () => {
    expect(parseMaintenance(undefined)).toEqual({ windows: [], problems: [] });
    expect(parseMaintenance({ start: 'x' }).problems.map((p) => p.where)).toEqual(['maintenance']);
  });
});
