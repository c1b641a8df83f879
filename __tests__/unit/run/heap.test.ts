import { describe, expect, test } from '@jest/globals';
import { getHeapSpaceStatistics } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { collectGarbage } from '../../../src/run/heap.js';

const youngGeneration = () => getHeapSpaceStatistics().find((space) => space.space_name === 'new_space')?.space_size ?? 0;

/** Small objects that live across many collections of the young generation: V8 grows it. */
function survivors(): unknown[] {
  const kept: unknown[] = [];
  for (let i = 0; i < 400_000; i++) kept.push({ i, text: `row ${i}` });
  return kept;
}

describe('collectGarbage', () => {
  test("'shrink' gives back the young generation that surviving data grew", () => {
    let kept: unknown[] | null = survivors();
    const grown = youngGeneration();
    expect(kept).toHaveLength(400_000);
    kept = null;
    collectGarbage('shrink');
    expect(youngGeneration()).toBeLessThan(grown);
  });

  test("'full' frees what nothing holds any more", async () => {
    const ref = (() => new WeakRef({ big: new Array(1000).fill('x') }))();
    expect(ref.deref()).toBeDefined();
    // A WeakRef's target is held until the end of the job that made or read it.
    await new Promise((resolve) => setImmediate(resolve));
    collectGarbage('full');
    expect(ref.deref()).toBeUndefined();
  });

  test('leaves no gc() to the contexts made after it', () => {
    collectGarbage('full');
    expect(runInNewContext('typeof gc')).toBe('undefined');
  });
});
