import { describe, expect, test } from '@jest/globals';
import { getHeapSpaceStatistics, getHeapStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { collectGarbage, SHRINK_MAX_LIVE } from '../../../src/run/heap.js';

const youngGeneration = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;

/** Small objects that live across many collections of the young generation: V8 grows it (to the
 * largest young generation V8 gives the process). */
function survivors(): unknown[] {
  const kept: unknown[] = [];
  for (let i = 0; i < 400_000; i++) kept.push({ i, text: `row ${i}` });
  return kept;
}

describe('collectGarbage', () => {
  // Jest's own heap is larger than SHRINK_MAX_LIVE: the first test lifts the limit.
  test("'shrink' gives back the young generation that surviving data grew", () => {
    let kept: unknown[] | null = survivors();
    const grown = youngGeneration();
    expect(kept).toHaveLength(400_000);
    kept = null;
    collectGarbage('shrink', Infinity);
    expect(youngGeneration()).toBeLessThan(grown);
  });

  test("'shrink' is not made past its limit of heap in use: it would cost more than it gives back", () => {
    collectGarbage('shrink', Infinity);
    const smallest = youngGeneration();
    const kept = survivors();
    const grown = youngGeneration();
    expect(grown).toBeGreaterThan(smallest);
    expect(getHeapStatistics().used_heap_size).toBeGreaterThan(SHRINK_MAX_LIVE);
    collectGarbage('shrink');
    // Not given back (it may still grow a little: the assertions above allocate too).
    expect(youngGeneration()).toBeGreaterThanOrEqual(grown);
    expect(kept).toHaveLength(400_000);
  });

  test("'full' frees what nothing holds any more", async () => {
    const ref = (() => new WeakRef({ big: new Array(1000).fill('x') }))();
    expect(ref.deref()).toBeDefined();
    // A WeakRef's target is held until the end of the job that made or read it.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage('full');
    expect(ref.deref()).toBeUndefined();
  });

  test('clears --expose-gc again: the contexts made after it have no gc()', () => {
    collectGarbage('full');
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});
