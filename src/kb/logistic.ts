/**
 * Small logistic regression by Newton's method, for the calibrators (a handful of inputs, so the
 * Hessian is tiny). Optional per-row weights and a Gaussian prior pulling the weights toward
 * `prior` (plain L2 when the prior is zero), which keeps a fit on few rows close to a known-good one.
 */
export interface LogisticOptions {
  l2: number;
  prior?: readonly number[];
  rowWeights?: readonly number[];
  /** inputs (by index) left unpenalised, e.g. the bias */
  free?: readonly number[];
  /** sign constraints per input: 1 = weight ≥ 0, -1 = weight ≤ 0, 0 = free (projected Newton) */
  signs?: readonly number[];
}

/** Clamps weights to their allowed signs. */
export function projectSigns(w: number[] | Float64Array, signs: readonly number[] | undefined): void {
  if (!signs) return;
  for (let i = 0; i < w.length; i++) {
    if (signs[i] === 1 && w[i]! < 0) w[i] = 0;
    if (signs[i] === -1 && w[i]! > 0) w[i] = 0;
  }
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

export function fitLogistic(x: readonly (readonly number[])[], y: readonly number[], opts: LogisticOptions): number[] {
  const k = x[0]?.length ?? 0;
  const prior = opts.prior ?? new Array<number>(k).fill(0);
  const free = new Set(opts.free ?? [0]);
  let w = [...prior];
  for (let iter = 0; iter < 50; iter++) {
    const g = new Array<number>(k).fill(0);
    const h = Array.from({ length: k }, () => new Array<number>(k).fill(0));
    x.forEach((row, n) => {
      const rw = opts.rowWeights?.[n] ?? 1;
      const p = sigmoid(row.reduce((s, v, i) => s + v * w[i]!, 0));
      for (let i = 0; i < k; i++) {
        g[i]! += rw * (p - y[n]!) * row[i]!;
        for (let j = 0; j < k; j++) h[i]![j]! += rw * p * (1 - p) * row[i]! * row[j]!;
      }
    });
    for (let i = 0; i < k; i++) {
      if (free.has(i)) continue;
      g[i]! += 2 * opts.l2 * (w[i]! - prior[i]!);
      h[i]![i]! += 2 * opts.l2;
    }
    // Projected Newton with an active set: an input held at its sign bound by a gradient pushing it
    // further out is left out of the Newton system. Projecting a full Newton step instead stalls
    // short of the optimum (the step is then no descent direction and halving finds no lower loss),
    // and where it stalls jumps with tiny changes in the rows: one synonym moved a KB's bias by 0.2.
    if (opts.signs) {
      for (let i = 0; i < k; i++) {
        const atBound = (opts.signs[i] === 1 && w[i]! <= 0 && g[i]! > 0) || (opts.signs[i] === -1 && w[i]! >= 0 && g[i]! < 0);
        if (!atBound) continue;
        for (let j = 0; j < k; j++) h[i]![j] = h[j]![i] = 0;
        h[i]![i] = 1;
        g[i] = 0;
      }
    }
    const step = solve(h, g);
    // Step halving: a projected Newton step on nearly collinear inputs can overshoot without end
    // (a pair model once came out with a bias of -1.5e15); keep only steps that lower the loss.
    const before = penalisedLoss(x, y, w, opts, prior, free);
    let scale = 1;
    let next = w;
    for (let tries = 0; tries < 40; tries++, scale /= 2) {
      const candidate = w.map((v, i) => v - scale * step[i]!);
      projectSigns(candidate, opts.signs);
      if (penalisedLoss(x, y, candidate, opts, prior, free) <= before) {
        next = candidate;
        break;
      }
    }
    const moved = Math.max(...next.map((v, i) => Math.abs(v - w[i]!)));
    w = next;
    if (moved < 1e-8) break;
  }
  return w;
}

/** Weighted negative log-likelihood plus the prior's penalty (what the Newton steps minimise). */
function penalisedLoss(x: readonly (readonly number[])[], y: readonly number[], w: readonly number[], opts: LogisticOptions, prior: readonly number[], free: ReadonlySet<number>): number {
  let loss = 0;
  x.forEach((row, n) => {
    const z = row.reduce((s, v, i) => s + v * w[i]!, 0);
    // log(1 + e^z) - y·z, computed without overflow
    const softplus = z > 0 ? z + Math.log1p(Math.exp(-z)) : Math.log1p(Math.exp(z));
    loss += (opts.rowWeights?.[n] ?? 1) * (softplus - y[n]! * z);
  });
  for (let i = 0; i < w.length; i++) if (!free.has(i)) loss += opts.l2 * (w[i]! - prior[i]!) ** 2;
  return loss;
}

/** Gaussian elimination with partial pivoting. */
function solve(a: number[][], b: number[]): number[] {
  const n = b.length;
  const m = a.map((row, i) => [...row, b[i]!]);
  for (let c = 0; c < n; c++) {
    let p = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(m[r]![c]!) > Math.abs(m[p]![c]!)) p = r;
    [m[c], m[p]] = [m[p]!, m[c]!];
    const pivot = m[c]![c]! || 1e-12;
    for (let r = 0; r < n; r++) {
      if (r === c) continue;
      const f = m[r]![c]! / pivot;
      for (let j = c; j <= n; j++) m[r]![j]! -= f * m[c]![j]!;
    }
  }
  return m.map((row, i) => row[n]! / (row[i]! || 1e-12));
}
