import { fitLogistic, sigmoid } from '../../src/kb/logistic';

/** A small deterministic generator, so the data are the same on every run. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

/**
 * Rows where the unconstrained optimum gives input 1 a negative weight (it is nearly a copy of
 * input 2, which carries the signal), as the calibrator's `joint` and `share` inputs do.
 */
function collinearRows(seed: number, n = 600): { x: number[][]; y: number[] } {
  const rand = lcg(seed);
  const x: number[][] = [];
  const y: number[] = [];
  for (let i = 0; i < n; i++) {
    const a = rand() * 4 - 2;
    const b = a + (rand() - 0.5) * 1.5;
    const c = rand();
    x.push([1, b, a, c]);
    y.push(rand() < sigmoid(-0.5 + 2.5 * a - 1.5 * b + c) ? 1 : 0);
  }
  return { x, y };
}

function loss(x: number[][], y: number[], w: number[], l2: number, prior: number[]): number {
  let total = 0;
  x.forEach((row, n) => {
    const z = row.reduce((s, v, i) => s + v * w[i]!, 0);
    total += Math.log1p(Math.exp(z)) - y[n]! * z;
  });
  for (let i = 1; i < w.length; i++) total += l2 * (w[i]! - prior[i]!) ** 2;
  return total;
}

/** Reference: projected gradient descent run long enough to reach the constrained optimum. */
function projectedGradient(x: number[][], y: number[], signs: number[], l2: number, prior: number[]): number[] {
  const w = [...prior];
  for (let iter = 0; iter < 6000; iter++) {
    const g = new Array<number>(w.length).fill(0);
    x.forEach((row, n) => {
      const p = sigmoid(row.reduce((s, v, i) => s + v * w[i]!, 0));
      row.forEach((v, i) => (g[i]! += (p - y[n]!) * v));
    });
    for (let i = 1; i < w.length; i++) g[i]! += 2 * l2 * (w[i]! - prior[i]!);
    for (let i = 0; i < w.length; i++) {
      w[i]! -= (1.5 / x.length) * g[i]!;
      if (signs[i] === 1 && w[i]! < 0) w[i] = 0;
      if (signs[i] === -1 && w[i]! > 0) w[i] = 0;
    }
  }
  return w;
}

describe('fitLogistic with sign constraints', () => {
  const signs = [0, 1, 1, 1];
  const prior = [0, 0.2, 0.2, 0];

  it('reaches the constrained optimum when an input is held at its bound', () => {
    const { x, y } = collinearRows(7);
    const w = fitLogistic(x, y, { l2: 2, prior, free: [0], signs });
    expect(w[1]).toBe(0);
    const reference = projectedGradient(x, y, signs, 2, prior);
    expect(loss(x, y, w, 2, prior)).toBeLessThanOrEqual(loss(x, y, reference, 2, prior) + 1e-6);
    w.forEach((v, i) => expect(v).toBeCloseTo(reference[i]!, 3));
  });

  it('moves little when a few rows change (no jumps between stalling points)', () => {
    const { x, y } = collinearRows(11);
    const base = fitLogistic(x, y, { l2: 2, prior, free: [0], signs });
    const flipped = [...y];
    for (const i of [3, 50, 400]) flipped[i] = 1 - flipped[i]!;
    const moved = fitLogistic(x, flipped, { l2: 2, prior, free: [0], signs });
    base.forEach((v, i) => expect(Math.abs(v - moved[i]!)).toBeLessThan(0.05));
  });
});
