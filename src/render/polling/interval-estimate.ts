/**
 * The distribution of job durations from what polling can tell: a job seen done at age b ended
 * before b; one still going at age a ends after a. Each observation is an interval (a, b] — b
 * infinite for a job in flight, a 1 ms before b for an end known closely — and the nonparametric
 * maximum-likelihood estimate over such data is Turnbull's (1976): probability mass on the
 * innermost intervals that the observations' endpoints cut the time line into, found by the
 * self-consistency (EM) iteration. With only close ends and jobs in flight it is Kaplan–Meier;
 * what it adds is the jobs found done at their first look, which say only "before": their mass
 * goes where the other ends below that age are, in proportion.
 * `DurationModel` gives an end seen between two looks as their midpoint, not as the interval: the
 * estimate over two-second intervals is lumpy (mass piles on the few narrow cells where one job
 * was seen going just before another was seen done), and the quickest ends are what it needs.
 */

/** The job ended in (afterMs, byMs]; byMs = Infinity: it was still going at afterMs. */
export interface DurationInterval {
  afterMs: number;
  byMs: number;
}

/** Mass `mass` lies somewhere in (fromMs, toMs]; toMs is Infinity for ends past every age seen. */
export interface DurationCell {
  fromMs: number;
  toMs: number;
  mass: number;
}

const ITERATIONS = 200;

/**
 * Turnbull's estimate: cells in order, masses summing to 1. Empty when nothing is known (no
 * observation, or only jobs not yet looked at).
 */
export function estimateDurations(observations: readonly DurationInterval[]): DurationCell[] {
  const informative = observations.filter(
    (o) => o.byMs > o.afterMs && (o.afterMs > 0 || Number.isFinite(o.byMs)),
  );
  const cells = innermostIntervals(informative);
  if (cells.length === 0) return [];
  // Each observation covers a contiguous run of cells: those inside its interval.
  const spans = informative.map((o) => {
    const first = firstIndex(cells, (c) => c.fromMs >= o.afterMs);
    const last = firstIndex(cells, (c) => c.toMs > o.byMs) - 1;
    return [first, Math.max(first, last)] as const;
  });
  let mass = cells.map(() => 1 / cells.length);
  const prefix = new Float64Array(cells.length + 1);
  const weight = new Float64Array(cells.length + 1);
  for (let iteration = 0; iteration < ITERATIONS; iteration += 1) {
    for (let j = 0; j < cells.length; j += 1) prefix[j + 1] = (prefix[j] ?? 0) + (mass[j] ?? 0);
    weight.fill(0);
    for (const [first, last] of spans) {
      const covered = (prefix[last + 1] ?? 0) - (prefix[first] ?? 0);
      if (covered <= 0) continue;
      weight[first] = (weight[first] ?? 0) + 1 / covered;
      weight[last + 1] = (weight[last + 1] ?? 0) - 1 / covered;
    }
    let running = 0;
    mass = mass.map((m, j) => {
      running += weight[j] ?? 0;
      return (m * running) / spans.length;
    });
  }
  return cells.map((cell, j) => ({ ...cell, mass: mass[j] ?? 0 }));
}

/** The first index whose cell passes `test`, which is false then true along the cells. */
function firstIndex(cells: readonly DurationCell[], test: (cell: DurationCell) => boolean): number {
  let low = 0;
  let high = cells.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (test(cells[mid] as DurationCell)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * The cells: each (l, r] where l is some observation's afterMs, r some observation's byMs, and no
 * other endpoint lies between them. Every observation contains at least one.
 */
function innermostIntervals(observations: readonly DurationInterval[]): DurationCell[] {
  const points = observations
    .flatMap((o) => [
      { at: o.afterMs, left: true },
      { at: o.byMs, left: false },
    ])
    // At a tie a right end comes first: (a, b] and (b, c] do not overlap.
    .sort((x, y) => x.at - y.at || Number(x.left) - Number(y.left));
  const cells: DurationCell[] = [];
  for (let i = 0; i + 1 < points.length; i += 1) {
    const here = points[i];
    const next = points[i + 1];
    if (here?.left && next && !next.left && next.at > here.at) {
      cells.push({ fromMs: here.at, toMs: next.at, mass: 0 });
    }
  }
  return cells;
}

/**
 * The q-quantile (0..1), mass spread evenly inside each cell; a quantile in the open-ended last
 * cell is its start (the jobs are known to run at least that long).
 */
export function durationQuantile(cells: readonly DurationCell[], q: number): number | undefined {
  let below = 0;
  for (const cell of cells) {
    if (below + cell.mass >= q && cell.mass > 0) {
      if (!Number.isFinite(cell.toMs)) return cell.fromMs;
      return cell.fromMs + ((q - below) / cell.mass) * (cell.toMs - cell.fromMs);
    }
    below += cell.mass;
  }
  return cells.at(-1)?.fromMs;
}

/** The estimated share of durations at most `ms`, mass spread evenly inside each cell. */
export function durationShareBelow(cells: readonly DurationCell[], ms: number): number {
  let below = 0;
  for (const cell of cells) {
    if (ms >= cell.toMs) below += cell.mass;
    else if (ms > cell.fromMs && Number.isFinite(cell.toMs)) {
      below += (cell.mass * (ms - cell.fromMs)) / (cell.toMs - cell.fromMs);
    }
  }
  return Math.min(1, below);
}
