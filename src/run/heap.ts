/**
 * How a run with history keeps its peak memory down: V8 sizes its heap for programs that run
 * for hours, while the history stage is a burst of a second in which most of what the branch's
 * reading allocated is already garbage. These calls tell V8 what the run knows.
 *
 * Measured with `scripts/bench-memory.mjs` (200 endpoints, 30 raw days and 60 in daily.csv) and
 * written up in docs/BENCHMARKS.md, "Where the time and the memory go".
 */
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

/**
 * Keeps V8's young generation at the size it has when the history stage begins. What the judge
 * reads — the day's checks, the week's counts, the rows of daily.csv, the page's bars — lives
 * until the branch is written, so each collection of the young generation copies it, and V8,
 * seeing so much survive, doubles the young generation only to promote the same data to the old
 * one a collection later. Measured on Node 20 when it was written: peak RSS 131–134 → 108–118 MiB
 * over a day's runs, the time within the noise. V8 reads this setting each time it considers
 * growing the young generation, so it takes effect here, after the checks (whose timings it must
 * not disturb). Under Node 24 the young generation still grew from 8 to 16 MiB during the judge
 * (with the setting on the command line too): see `collectGarbage`.
 */
export function holdYoungGeneration(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
}

type Gc = (options?: { type?: string; flavor?: string }) => void;

/** V8's `gc()`, taken once: null when this Node.js does not give it (the run then goes on
 * without, as it did before these calls). Taken from a context of its own, which it keeps alive
 * (about 170 KiB of heap). */
let gcFunction: Gc | null | undefined;

function gcOf(): Gc | null {
  if (gcFunction !== undefined) return gcFunction;
  // Started with `--expose-gc` (NODE_OPTIONS): the flag is the user's, and stays as it is.
  const given = (globalThis as { gc?: unknown }).gc;
  if (typeof given === 'function') return (gcFunction = given as Gc);
  try {
    // `--expose-gc` gives `gc()` to the contexts made while it is set: this one, made here, and
    // no other, as the flag is cleared at once.
    setFlagsFromString('--expose-gc');
    gcFunction = runInNewContext('gc') as Gc;
  } catch {
    gcFunction = null;
  } finally {
    setFlagsFromString('--no-expose-gc');
  }
  return gcFunction;
}

/**
 * The text read from the branch below which the collections before the judge and before writing
 * are not made: the judge's data then fits the young generation the checks left, and they would
 * only cost time (20 endpoints and 30 days, 0.6 MiB read: peak RSS 84 MiB either way, and in a
 * CPU profile of the history stage 62–71 ms of collections against 12–17 ms without these calls;
 * 200 endpoints read 5.9 MiB).
 */
export const COLLECT_FROM_TEXT = 2 * 1024 * 1024;

/** The heap in use (what lives, and what has not been collected yet) past which a shrinking
 * collection costs more time than its memory is worth. */
export const SHRINK_MAX_LIVE = 64 * 1024 * 1024;

/**
 * Collects the garbage at the moments a run with history knows most of its heap is garbage:
 *
 * - `'shrink'` while git fetches the branch's tip (the main thread mostly waits for git then) and
 *   again once the branch is read, before the judge begins: the checks' garbage,
 *   then git's output (read in 64 KiB pieces) and the listing, are freed, and the young
 *   generation is given back. A collection that reduces memory is the only way found to shrink
 *   the young generation on Node 24, which grows it to 16 MiB during the judge whatever
 *   `holdYoungGeneration` says; after it, it grows from 1 to 2 MiB at most. About 25 ms on 200
 *   endpoints: V8 collects until nothing more is freed (two full collections or more), so the
 *   cost grows with what lives in the heap, about 2 ms a MiB (Node 24: 57 ms with 16 MiB alive,
 *   122 ms with 64, 244 ms with 128). Past SHRINK_MAX_LIVE it is not made: the young generation's
 *   16 MiB are then a small part of the peak for a large part of the run's time. Only the action,
 *   whose heap is the run's, asks for these collections (record.ts): not the CLI, not a test.
 * - `'full'` once the judge and the page are made, before the objects are hashed, compressed and
 *   written: the judge's working data is garbage, and the objects' buffers reuse its memory
 *   instead of adding to it. About 14 ms.
 *
 * Measured on Node 24 with `scripts/bench-memory.mjs --only large` (200 endpoints, three to nine
 * runs a setting): peak RSS 131–139 MiB without these, 124–128 with the shrink before the judge
 * alone, 119–127 with it and the full one, 120–123 with all three. The time a run with history
 * adds stayed within the machine's noise (with the two after the fetch: 1,088 → 1,068 ms, nine
 * runs side by side).
 */
export function collectGarbage(kind: 'shrink' | 'full', shrinkMaxLive = SHRINK_MAX_LIVE): void {
  if (kind === 'shrink' && getHeapStatistics().used_heap_size > shrinkMaxLive) return;
  const gc = gcOf();
  if (!gc) return;
  if (kind === 'shrink') gc({ type: 'major', flavor: 'last-resort' });
  else gc();
}
