// Small statistics for benchmark reports: median, and the least-squares fit of log(time) on log(size)
// whose slope is the "cost grows like size^k" exponent.

/**
 * The median of a non-empty list (mean of the two middle values for even lengths).
 *
 * @example
 * ```ts
 * median([3, 1, 2]); // 2
 * ```
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) return NaN;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

/** A power law `y = coefficient * x^exponent` fitted on log-log axes. */
export interface PowerFit {
  exponent: number;
  coefficient: number;
  /** Coefficient of determination of the linear fit on logs (1 = perfect). */
  r2: number;
  points: number;
}

/**
 * Least-squares fit of `log y = log c + k log x` over the points with positive x and y.
 *
 * @example
 * ```ts
 * fitPowerLaw([[1, 2], [10, 20], [100, 200]]).exponent; // 1
 * ```
 */
export function fitPowerLaw(points: ReadonlyArray<readonly [number, number]>): PowerFit {
  const logs = points.filter(([x, y]) => x > 0 && y > 0).map(([x, y]) => [Math.log(x), Math.log(y)] as const);
  const n = logs.length;
  if (n < 2) return { exponent: NaN, coefficient: NaN, r2: NaN, points: n };
  const mx = logs.reduce((s, [x]) => s + x, 0) / n;
  const my = logs.reduce((s, [, y]) => s + y, 0) / n;
  let sxx = 0;
  let sxy = 0;
  let syy = 0;
  for (const [x, y] of logs) {
    sxx += (x - mx) ** 2;
    sxy += (x - mx) * (y - my);
    syy += (y - my) ** 2;
  }
  const k = sxx === 0 ? NaN : sxy / sxx;
  const r2 = syy === 0 ? 1 : (sxy * sxy) / (sxx * syy);
  return { exponent: k, coefficient: Math.exp(my - k * mx), r2, points: n };
}
