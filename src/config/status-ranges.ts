import type { StatusRanges } from './types.js';

/** Parses `200-299, 301` (or a list of codes and ranges). Returns an error message on failure. */
export function parseStatusRanges(value: unknown): StatusRanges | string {
  const parts: string[] = [];
  if (Array.isArray(value)) {
    for (const item of value) {
      if (typeof item !== 'number' && typeof item !== 'string')
        return 'each item must be a status code or a range such as 200-299';
      parts.push(String(item));
    }
  } else if (typeof value === 'number' || typeof value === 'string') {
    parts.push(...String(value).split(','));
  } else {
    return 'expected status codes and ranges, such as "200-299, 301"';
  }
  const ranges: Array<[number, number]> = [];
  for (const raw of parts) {
    const part = raw.trim();
    if (part === '') continue;
    const match = /^(\d{3})(?:\s*-\s*(\d{3}))?$/.exec(part);
    if (!match) return `"${part}" is not a status code or a range such as 200-299`;
    const low = Number(match[1]);
    const high = Number(match[2] ?? match[1]);
    if (low < 100 || high > 599) return `"${part}" is outside the HTTP status codes 100-599`;
    if (low > high) return `"${part}" is an empty range`;
    ranges.push([low, high]);
  }
  if (ranges.length === 0) return 'expected at least one status code';
  const text = ranges.map(([low, high]) => (low === high ? String(low) : `${low}-${high}`)).join(', ');
  return { ranges, text };
}

export function statusAllowed(ranges: StatusRanges, status: number): boolean {
  return ranges.ranges.some(([low, high]) => status >= low && status <= high);
}
