/** The phases of one attempt, in the order they happen on each hop. */
export const PHASES = ['dns', 'connect', 'tls', 'wait', 'download'] as const;
export type Phase = (typeof PHASES)[number];

export type Timings = Record<Phase | 'total', number>;

/**
 * Splits the time of one attempt into contiguous phases, on a monotonic clock. Every moment of
 * the attempt belongs to exactly one phase, so the phases always add up to the total: entering
 * a phase closes the one before it. Redirect hops add to the same phases.
 */
export class PhaseClock {
  private readonly spent: Record<Phase, number> = { dns: 0, connect: 0, tls: 0, wait: 0, download: 0 };
  // An attempt starts by opening a connection; the DNS phase is entered only when a name is
  // looked up, so an IP address has a DNS time of exactly 0.
  private current: Phase = 'connect';
  private mark: number;
  readonly startedAt: number;

  /** `initial`: the phase a kind starts in when it does not open a connection first (a DNS query). */
  constructor(
    private readonly now: () => number,
    initial: Phase = 'connect',
  ) {
    this.current = initial;
    this.startedAt = now();
    this.mark = this.startedAt;
  }

  get phase(): Phase {
    return this.current;
  }

  enter(phase: Phase): void {
    const now = this.now();
    this.spent[this.current] += now - this.mark;
    this.mark = now;
    this.current = phase;
  }

  /** Closes the current phase and returns whole milliseconds that add up exactly to the
   * rounded total (largest-remainder rounding). */
  finish(): Timings {
    this.enter(this.current);
    const total = Math.round(this.mark - this.startedAt);
    const floors = PHASES.map((phase) => Math.floor(this.spent[phase]));
    let missing = total - floors.reduce((sum, value) => sum + value, 0);
    const byRemainder = PHASES.map((phase, index) => ({ index, remainder: this.spent[phase] - floors[index] })).sort(
      (a, b) => b.remainder - a.remainder,
    );
    for (const { index } of byRemainder) {
      if (missing <= 0) break;
      floors[index] += 1;
      missing -= 1;
    }
    const timings = {} as Timings;
    PHASES.forEach((phase, index) => (timings[phase] = floors[index]));
    timings.total = total;
    return timings;
  }
}
