// The week's response times are tallied in 32-bit typed arrays while every time and count fits,
// and in 64-bit floats once one does not (a person's edit): the percentiles are the nearest-rank
// percentiles of every time either way.
import { describe, expect, it } from '@jest/globals';
import { TimeTally, percentilesOfCounts } from '../../../src/history/aggregates.js';

/** Nearest rank over every value, the definition the figures use. */
function nearestRank(values: number[]) {
  const sorted = [...values].sort((a, b) => a - b);
  const at = (p: number) => sorted[Math.max(1, Math.ceil((p / 100) * sorted.length)) - 1];
  return { p50: at(50), p95: at(95), p99: at(99) };
}

/** A tally of the pairs, and every time it counts (not for counts of billions). */
function tallied(pairs: Array<[number, number]>): { tally: TimeTally; values: number[] } {
  const tally = new TimeTally();
  const values: number[] = [];
  for (const [ms, count] of pairs) {
    tally.add(ms, count);
    if (count < 1000) for (let n = 0; n < count; n++) values.push(ms);
  }
  return { tally, values };
}

describe('the tally of response times', () => {
  const week = Array.from({ length: 700 }, (_, i): [number, number] => [100 + ((i * 37) % 400), 1 + (i % 3)]);

  it('gives the percentiles of every time and of the raw times beside it, past its first size', () => {
    const { tally, values } = tallied(week);
    expect(tally.ms).toBeInstanceOf(Int32Array);
    expect(percentilesOfCounts(tally, Int32Array.from([120, 480, 90]))).toEqual(nearestRank([...values, 120, 480, 90]));
  });

  it('goes on in 64-bit floats for a time that is not a 32-bit whole number', () => {
    const { tally, values } = tallied([...week, [2 ** 40, 2], [12.5, 1]]);
    expect(tally.ms).toBeInstanceOf(Float64Array);
    expect(tally.length).toBe(week.length + 2);
    expect(percentilesOfCounts(tally, [700])).toEqual(nearestRank([...values, 700]));
  });

  it('counts a count past 32 bits whole', () => {
    const { tally } = tallied([
      [100, 1],
      [300, 2 ** 31],
      [5000, 3],
    ]);
    expect(tally.counts).toBeInstanceOf(Float64Array);
    expect(percentilesOfCounts(tally)).toEqual({ p50: 300, p95: 300, p99: 300 });
    // 2³¹ + 1 times in all: even the 99th percentile falls among the checks of 300 ms.
    expect(percentilesOfCounts(tallied([[300, 2 ** 31 - 1]]).tally, [5000, 5000]).p99).toBe(300);
  });
});
