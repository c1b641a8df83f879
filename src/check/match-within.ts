/**
 * `body-matches` within the attempt's deadline. JavaScript's regular expressions backtrack, so a
 * pattern such as `^(a+)+$` can take hours on a hostile body, and a match cannot be interrupted
 * on the thread that runs it. Patterns that might backtrack are therefore tested on a worker
 * thread that is terminated when the time is up.
 *
 * Measured (Node 20 and 24, loaded 2-core machine): starting a worker takes 95-140 ms, a test on
 * a warm one 0.03-0.14 ms plus about 1-4 ms to copy a 1 MiB body. So workers are kept and reused,
 * started while the request is still in flight (`warmRegexWorker`), and a pattern that cannot
 * backtrack (no quantifier at all) is tested inline without one.
 */
import { Worker } from 'node:worker_threads';

// Inline source (`eval`), so that the bundler has no second file to ship.
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
parentPort.on('message', ({ source, flags, text }) => {
  try {
    parentPort.postMessage({ matched: new RegExp(source, flags).test(text) });
  } catch (error) {
    parentPort.postMessage({ error: String(error && error.message) });
  }
});
`;

/** Enough for the checks that run at once to rarely wait, few enough to keep memory low. */
const MAX_WORKERS = 4;

type WorkerAnswer = { matched?: boolean; error?: string };

const idle: Worker[] = [];
let running = 0;
const queue: Array<() => void> = [];

function startWorker(): Worker {
  const worker = new Worker(WORKER_SOURCE, { eval: true });
  // An idle worker must not keep the process alive; a test in progress has its own timer that does.
  worker.unref();
  worker.on('error', () => undefined);
  return worker;
}

/**
 * True when the pattern has no quantifier (`*`, `+`, `?`, `{n,m}`) outside a character class,
 * so it matches strings of bounded length and its work grows linearly with the body.
 */
export function cannotBacktrack(pattern: RegExp): boolean {
  const withoutEscapesAndClasses = pattern.source.replace(/\\./gs, '').replace(/\[[^\]]*\]/g, '');
  return !/[*+?{]/.test(withoutEscapesAndClasses);
}

/** Starts a worker ahead of need (while the request is in flight), unless one is idle already. */
export function warmRegexWorker(): void {
  if (idle.length === 0 && running < MAX_WORKERS) idle.push(startWorker());
}

async function acquire(): Promise<Worker> {
  while (idle.length === 0 && running >= MAX_WORKERS) await new Promise<void>((resolve) => queue.push(resolve));
  running += 1;
  return idle.pop() ?? startWorker();
}

function release(worker: Worker | null): void {
  running -= 1;
  if (worker) idle.push(worker);
  queue.shift()?.();
}

/**
 * Whether `pattern` matches `text`, or 'timeout' when it could not tell within `ms` milliseconds
 * (the worker is then terminated, which interrupts even a match that is backtracking). Throws
 * when the match itself fails (a pattern too big for the engine, say).
 */
export async function matchesWithin(pattern: RegExp, text: string, ms: number): Promise<boolean | 'timeout'> {
  if (cannotBacktrack(pattern)) return pattern.test(text);
  if (ms <= 0) return 'timeout';
  let timer: NodeJS.Timeout | undefined;
  const timeUp = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), ms)));
  try {
    const waiting = acquire();
    const worker = await Promise.race([waiting, timeUp]);
    if (worker === 'timeout') {
      // Still queued: take the place when it comes, and give it straight back.
      void waiting.then(release);
      return 'timeout';
    }
    const answer = new Promise<WorkerAnswer>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    worker.postMessage({ source: pattern.source, flags: pattern.flags, text });
    const outcome = await Promise.race([answer, timeUp]).catch((error: Error): WorkerAnswer => ({ error: error.message }));
    worker.removeAllListeners('message');
    worker.removeAllListeners('error');
    worker.on('error', () => undefined);
    if (outcome === 'timeout' || outcome.error !== undefined) {
      void worker.terminate();
      release(null);
      if (outcome === 'timeout') return 'timeout';
      throw new Error(outcome.error);
    }
    release(worker);
    return outcome.matched === true;
  } finally {
    clearTimeout(timer);
  }
}
