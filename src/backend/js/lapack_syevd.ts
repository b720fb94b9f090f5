// LAPACK's dsyevd (3.11, as OpenBLAS 0.3.21 ships it and PyTorch 1.13 calls it) for matrices of up to 25 rows,
// where dstedc hands the tridiagonal problem to dsteqr: dsytd2's Householder reduction (uplo 'L' or 'U'),
// dsteqr's implicit QL/QR with dlartg's 3.10+ rotations and dlaev2's 2x2 blocks, then dormtr's reflectors applied
// to the tridiagonal eigenvectors. The same steps give the same eigenvector signs as LAPACK's; the values differ
// from OpenBLAS's only by the summation order of its BLAS kernels (dsymv, dsyr2, dnrm2). Larger matrices go to
// dstedc's divide and conquer in LAPACK, which is not ported (lapack.ts keeps its Jacobi solver for them).
// Indices below are Fortran's, 1-based, to keep the port line for line.

// dlamch('S') and dlamch('E'), and dlartg's la_constants (safmin 2^-1022, safmax 2^1022); ssyevd's (float32)
// are float's, set by syevdSmall's `single`: its convergence tests then stop where float's do, so the rotations,
// and the vectors' signs, follow ssyevd's (the arithmetic stays double; float32 results are rounded after).
let SAFMIN = 2.2250738585072014e-308;
let EPS = 2 ** -53;
let LA_SAFMIN = 2 ** -1022;
let RTMIN = Math.sqrt(LA_SAFMIN);
let RTMAX = Math.sqrt(1 / LA_SAFMIN / 2);

export function setPrecision(single: boolean): void {
  SAFMIN = single ? 2 ** -126 : 2.2250738585072014e-308;
  EPS = single ? 2 ** -24 : 2 ** -53;
  LA_SAFMIN = single ? 2 ** -126 : 2 ** -1022;
  RTMIN = Math.sqrt(LA_SAFMIN);
  RTMAX = Math.sqrt(1 / LA_SAFMIN / 2);
}

/** Fortran's SIGN(a, b): |a| with b's sign (a negative zero counts as negative, as gfortran has it). */
export const sign = (a: number, b: number): number =>
  b < 0 || Object.is(b, -0) ? -Math.abs(a) : Math.abs(a);

/** dlapy2. */
export function dlapy2(x: number, y: number): number {
  if (Number.isNaN(x)) return x;
  if (Number.isNaN(y)) return y;
  const xa = Math.abs(x);
  const ya = Math.abs(y);
  const w = Math.max(xa, ya);
  const z = Math.min(xa, ya);
  return z === 0 || w > Number.MAX_VALUE ? w : w * Math.sqrt(1 + (z / w) ** 2);
}

/** dlartg (LAPACK 3.10+): c, s, r with c >= 0 and r carrying f's sign. */
export function dlartg(f: number, g: number): [number, number, number] {
  const f1 = Math.abs(f);
  const g1 = Math.abs(g);
  if (g === 0) return [1, 0, f];
  if (f === 0) return [0, sign(1, g), g1];
  if (f1 > RTMIN && f1 < RTMAX && g1 > RTMIN && g1 < RTMAX) {
    const d = Math.sqrt(f * f + g * g);
    const r = sign(d, f);
    return [f1 / d, g / r, r];
  }
  const u = Math.min(1 / LA_SAFMIN, Math.max(LA_SAFMIN, f1, g1));
  const fs = f / u;
  const gs = g / u;
  const d = Math.sqrt(fs * fs + gs * gs);
  const r = sign(d, f);
  return [Math.abs(fs) / d, gs / r, r * u];
}

/** dlaev2: eigenvalues rt1 (larger |.|), rt2 of [[a, b], [b, c]] and rt1's eigenvector (cs1, sn1). */
function dlaev2(a: number, b: number, c: number): [number, number, number, number] {
  const sm = a + c;
  const df = a - c;
  const adf = Math.abs(df);
  const tb = b + b;
  const ab = Math.abs(tb);
  const [acmx, acmn] = Math.abs(a) > Math.abs(c) ? [a, c] : [c, a];
  const rt =
    adf > ab
      ? adf * Math.sqrt(1 + (ab / adf) ** 2)
      : adf < ab
        ? ab * Math.sqrt(1 + (adf / ab) ** 2)
        : ab * Math.SQRT2;
  let rt1: number;
  let rt2: number;
  let sgn1: number;
  if (sm < 0) {
    rt1 = 0.5 * (sm - rt);
    sgn1 = -1;
    rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
  } else if (sm > 0) {
    rt1 = 0.5 * (sm + rt);
    sgn1 = 1;
    rt2 = (acmx / rt1) * acmn - (b / rt1) * b;
  } else {
    rt1 = 0.5 * rt;
    rt2 = -0.5 * rt;
    sgn1 = 1;
  }
  let cs: number;
  let sgn2: number;
  if (df >= 0) {
    cs = df + rt;
    sgn2 = 1;
  } else {
    cs = df - rt;
    sgn2 = -1;
  }
  let cs1: number;
  let sn1: number;
  if (Math.abs(cs) > ab) {
    const ct = -tb / cs;
    sn1 = 1 / Math.sqrt(1 + ct * ct);
    cs1 = ct * sn1;
  } else if (ab === 0) {
    cs1 = 1;
    sn1 = 0;
  } else {
    const tn = -cs / tb;
    cs1 = 1 / Math.sqrt(1 + tn * tn);
    sn1 = tn * cs1;
  }
  if (sgn1 === sgn2) {
    const tn = cs1;
    cs1 = -sn1;
    sn1 = tn;
  }
  return [rt1, rt2, cs1, sn1];
}

/**
 * dlasr('R', 'V', direct): plane rotations (c[k], s[k]) of columns col+k-1 and col+k (k = 1..count-1, backward
 * for 'B') of the n x n row-major z.
 */
function dlasr(
  forward: boolean,
  n: number,
  count: number,
  c: Float64Array,
  s: Float64Array,
  off: number,
  z: Float64Array,
  col: number,
): void {
  for (let t = 1; t < count; t++) {
    const j = forward ? t : count - t;
    const ct = c[off + j - 1];
    const st = s[off + j - 1];
    if (ct === 1 && st === 0) continue;
    const a = col + j - 2; // 0-based column of J
    for (let i = 0; i < n; i++) {
      const temp = z[i * n + a + 1];
      z[i * n + a + 1] = ct * temp - st * z[i * n + a];
      z[i * n + a] = st * temp + ct * z[i * n + a];
    }
  }
}

/** dsteqr on d[1..n], e[1..n-1] (1-based arrays); eigenvectors into z (row-major, from the identity) if given. */
function dsteqr(n: number, d: Float64Array, e: Float64Array, z: Float64Array | null): number {
  if (n === 0) return 0;
  if (z) {
    z.fill(0);
    for (let i = 0; i < n; i++) z[i * n + i] = 1;
  }
  if (n === 1) return 0;
  const eps2 = EPS * EPS;
  const ssfmax = Math.sqrt(1 / SAFMIN) / 3;
  const ssfmin = Math.sqrt(SAFMIN) / eps2;
  const wc = new Float64Array(n + 1);
  const ws = new Float64Array(n + 1);
  const nmaxit = n * 30;
  let jtot = 0;
  let l1 = 1;
  for (;;) {
    if (l1 > n) break;
    if (l1 > 1) e[l1 - 1] = 0;
    let m = l1;
    found: {
      for (; m <= n - 1; m++) {
        const tst = Math.abs(e[m]);
        if (tst === 0) break found;
        if (tst <= Math.sqrt(Math.abs(d[m])) * Math.sqrt(Math.abs(d[m + 1])) * EPS) {
          e[m] = 0;
          break found;
        }
      }
      m = n;
    }
    let l = l1;
    const lsv = l;
    let lend = m;
    const lendsv = lend;
    l1 = m + 1;
    if (lend === l) continue;
    // dlanst('M') of the block
    let anorm = Math.abs(d[lend]);
    for (let i = l; i < lend; i++) {
      for (const v of [Math.abs(d[i]), Math.abs(e[i])]) if (anorm < v || Number.isNaN(v)) anorm = v;
    }
    if (anorm === 0) continue;
    let scale = 0;
    if (anorm > ssfmax) scale = ssfmax;
    else if (anorm < ssfmin) scale = ssfmin;
    if (scale !== 0) {
      for (let i = l; i <= lend; i++) d[i] *= scale / anorm;
      for (let i = l; i < lend; i++) e[i] *= scale / anorm;
    }
    if (Math.abs(d[lend]) < Math.abs(d[l])) {
      lend = lsv;
      l = lendsv;
    }
    if (lend > l) {
      // QL iteration: look for a small subdiagonal element.
      for (;;) {
        for (m = l; m <= lend - 1; m++)
          if (Math.abs(e[m]) ** 2 <= eps2 * Math.abs(d[m]) * Math.abs(d[m + 1]) + SAFMIN) break;
        if (m < lend) e[m] = 0;
        let p = d[l];
        if (m === l) {
          d[l] = p;
          l++;
          if (l <= lend) continue;
          break;
        }
        if (m === l + 1) {
          const [rt1, rt2, c, s] = dlaev2(d[l], e[l], d[l + 1]);
          if (z) {
            wc[l] = c;
            ws[l] = s;
            dlasr(false, n, 2, wc, ws, l, z, l);
          }
          d[l] = rt1;
          d[l + 1] = rt2;
          e[l] = 0;
          l += 2;
          if (l <= lend) continue;
          break;
        }
        if (jtot === nmaxit) break;
        jtot++;
        let g = (d[l + 1] - p) / (2 * e[l]);
        let r = dlapy2(g, 1);
        g = d[m] - p + e[l] / (g + sign(r, g));
        let s = 1;
        let c = 1;
        p = 0;
        for (let i = m - 1; i >= l; i--) {
          const f = s * e[i];
          const b = c * e[i];
          [c, s, r] = dlartg(g, f);
          if (i !== m - 1) e[i + 1] = r;
          g = d[i + 1] - p;
          r = (d[i] - g) * s + 2 * c * b;
          p = s * r;
          d[i + 1] = g + p;
          g = c * r - b;
          wc[i] = c;
          ws[i] = -s;
        }
        if (z) dlasr(false, n, m - l + 1, wc, ws, l, z, l);
        d[l] -= p;
        e[l] = g;
      }
    } else {
      // QR iteration.
      for (;;) {
        for (m = l; m >= lend + 1; m--)
          if (Math.abs(e[m - 1]) ** 2 <= eps2 * Math.abs(d[m]) * Math.abs(d[m - 1]) + SAFMIN) break;
        if (m > lend) e[m - 1] = 0;
        let p = d[l];
        if (m === l) {
          d[l] = p;
          l--;
          if (l >= lend) continue;
          break;
        }
        if (m === l - 1) {
          const [rt1, rt2, c, s] = dlaev2(d[l - 1], e[l - 1], d[l]);
          if (z) {
            wc[m] = c;
            ws[m] = s;
            dlasr(true, n, 2, wc, ws, m, z, l - 1);
          }
          d[l - 1] = rt1;
          d[l] = rt2;
          e[l - 1] = 0;
          l -= 2;
          if (l >= lend) continue;
          break;
        }
        if (jtot === nmaxit) break;
        jtot++;
        let g = (d[l - 1] - p) / (2 * e[l - 1]);
        let r = dlapy2(g, 1);
        g = d[m] - p + e[l - 1] / (g + sign(r, g));
        let s = 1;
        let c = 1;
        p = 0;
        for (let i = m; i <= l - 1; i++) {
          const f = s * e[i];
          const b = c * e[i];
          [c, s, r] = dlartg(g, f);
          if (i !== m) e[i - 1] = r;
          g = d[i] - p;
          r = (d[i + 1] - g) * s + 2 * c * b;
          p = s * r;
          d[i] = g + p;
          g = c * r - b;
          wc[i] = c;
          ws[i] = s;
        }
        if (z) dlasr(true, n, l - m + 1, wc, ws, m, z, m);
        d[l] -= p;
        e[l - 1] = g;
      }
    }
    if (scale !== 0) {
      for (let i = lsv; i <= lendsv; i++) d[i] *= anorm / scale;
      for (let i = lsv; i < lendsv; i++) e[i] *= anorm / scale;
    }
    if (jtot >= nmaxit) {
      let info = 0;
      for (let i = 1; i < n; i++) if (e[i] !== 0) info++;
      return info;
    }
  }
  // Selection sort into increasing order, swapping the vectors along (dlasrt's order for values only).
  for (let ii = 2; ii <= n; ii++) {
    const i = ii - 1;
    let k = i;
    let p = d[i];
    for (let j = ii; j <= n; j++) {
      if (d[j] < p) {
        k = j;
        p = d[j];
      }
    }
    if (k !== i) {
      d[k] = d[i];
      d[i] = p;
      if (z)
        for (let r = 0; r < n; r++)
          [z[r * n + i - 1], z[r * n + k - 1]] = [z[r * n + k - 1], z[r * n + i - 1]];
    }
  }
  return 0;
}

/** dnrm2 of `len` entries of a from `start`, `stride` apart, scaled against overflow. */
export function dnrm2(a: Float64Array, start: number, len: number, stride: number): number {
  let scale = 0;
  let ssq = 1;
  for (let i = 0; i < len; i++) {
    const v = a[start + i * stride];
    if (v === 0) continue;
    const av = Math.abs(v);
    if (scale < av) {
      ssq = 1 + ssq * (scale / av) ** 2;
      scale = av;
    } else ssq += (av / scale) ** 2;
  }
  return scale * Math.sqrt(ssq);
}

/** dlarfg on alpha = a[ai] and x = a[xi + k * stride] (k < len): returns tau; a[ai] becomes beta. */
export function dlarfg(a: Float64Array, ai: number, xi: number, len: number, stride: number): number {
  if (len < 0) return 0;
  let xnorm = dnrm2(a, xi, len, stride);
  if (xnorm === 0) return 0;
  let alpha = a[ai];
  let beta = -sign(dlapy2(alpha, xnorm), alpha);
  const safmin = SAFMIN / EPS;
  let knt = 0;
  if (Math.abs(beta) < safmin) {
    const rsafmn = 1 / safmin;
    do {
      knt++;
      for (let k = 0; k < len; k++) a[xi + k * stride] *= rsafmn;
      beta *= rsafmn;
      alpha *= rsafmn;
    } while (Math.abs(beta) < safmin && knt < 20);
    xnorm = dnrm2(a, xi, len, stride);
    beta = -sign(dlapy2(alpha, xnorm), alpha);
  }
  const tau = (beta - alpha) / beta;
  const scal = 1 / (alpha - beta);
  for (let k = 0; k < len; k++) a[xi + k * stride] *= scal;
  for (let j = 0; j < knt; j++) beta *= safmin;
  a[ai] = beta;
  return tau;
}

/**
 * dsyevd of one symmetric n x n matrix (row-major `a`, only its `upper` or lower triangle read; destroyed):
 * eigenvalues ascending into w[wo..], eigenvectors (columns) into v[vo..] when `vectors`; returns info.
 */
export function syevdSmall(
  a: Float64Array,
  n: number,
  upper: boolean,
  vectors: boolean,
  w: Float64Array,
  wo: number,
  v: Float64Array,
  vo: number,
  single = false,
): number {
  if (n === 0) return 0;
  setPrecision(single);
  const A = (i: number, j: number) => (i - 1) * n + (j - 1);
  if (n === 1) {
    w[wo] = a[0];
    if (vectors) v[vo] = 1;
    return 0;
  }
  // dlansy('M') and the scaling into [rmin, rmax].
  let anrm = 0;
  for (let i = 1; i <= n; i++)
    for (let j = 1; j <= n; j++) {
      if (upper ? i > j : i < j) continue;
      const x = Math.abs(a[A(i, j)]);
      if (anrm < x || Number.isNaN(x)) anrm = x;
    }
  const smlnum = SAFMIN / (2 * EPS);
  const rmin = Math.sqrt(smlnum);
  const rmax = Math.sqrt(1 / smlnum);
  let sigma = 1;
  if (anrm > 0 && anrm < rmin) sigma = rmin / anrm;
  else if (anrm > rmax) sigma = rmax / anrm;
  if (sigma !== 1) for (let k = 0; k < n * n; k++) a[k] *= sigma;
  const d = new Float64Array(n + 1);
  const e = new Float64Array(n + 1);
  const tau = new Float64Array(n + 1);
  const y = new Float64Array(n + 1);
  // dsytd2: reduce to tridiagonal form.
  if (upper) {
    for (let i = n - 1; i >= 1; i--) {
      const taui = dlarfg(a, A(i, i + 1), A(1, i + 1), i - 1, n);
      e[i] = a[A(i, i + 1)];
      if (taui !== 0) {
        a[A(i, i + 1)] = 1;
        const vv = (r: number) => a[A(r, i + 1)];
        // y = taui * A(1:i, 1:i) * v (upper triangle), w = y - 1/2 taui (y.v) v, A -= v w' + w v'
        for (let r = 1; r <= i; r++) {
          let sum = 0;
          for (let c = 1; c <= i; c++) sum += a[r <= c ? A(r, c) : A(c, r)] * vv(c);
          y[r] = taui * sum;
        }
        let dot = 0;
        for (let r = 1; r <= i; r++) dot += y[r] * vv(r);
        const alpha = -0.5 * taui * dot;
        for (let r = 1; r <= i; r++) y[r] += alpha * vv(r);
        for (let c = 1; c <= i; c++) for (let r = 1; r <= c; r++) a[A(r, c)] -= vv(r) * y[c] + y[r] * vv(c);
        a[A(i, i + 1)] = e[i];
      }
      d[i + 1] = a[A(i + 1, i + 1)];
      tau[i] = taui;
    }
    d[1] = a[A(1, 1)];
  } else {
    for (let i = 1; i <= n - 1; i++) {
      const taui = dlarfg(a, A(i + 1, i), A(Math.min(i + 2, n), i), n - i - 1, n);
      e[i] = a[A(i + 1, i)];
      if (taui !== 0) {
        a[A(i + 1, i)] = 1;
        const vv = (r: number) => a[A(r, i)];
        for (let r = i + 1; r <= n; r++) {
          let sum = 0;
          for (let c = i + 1; c <= n; c++) sum += a[r >= c ? A(r, c) : A(c, r)] * vv(c);
          y[r] = taui * sum;
        }
        let dot = 0;
        for (let r = i + 1; r <= n; r++) dot += y[r] * vv(r);
        const alpha = -0.5 * taui * dot;
        for (let r = i + 1; r <= n; r++) y[r] += alpha * vv(r);
        for (let c = i + 1; c <= n; c++)
          for (let r = c; r <= n; r++) a[A(r, c)] -= vv(r) * y[c] + y[r] * vv(c);
        a[A(i + 1, i)] = e[i];
      }
      d[i] = a[A(i, i)];
      tau[i] = taui;
    }
    d[n] = a[A(n, n)];
  }
  const z = vectors ? new Float64Array(n * n) : null;
  const info = dsteqr(n, d, e, z);
  if (z) {
    // dormtr: Z := Q Z with Q = H(1)...H(n-1) ('L') or H(n-1)...H(1) ('U'), the last factor applied first.
    for (let t = 1; t <= n - 1; t++) {
      const i = upper ? t : n - t;
      const ti = tau[i];
      if (ti === 0) continue;
      // v's rows (1-based) and values: 'L' rows i+1..n, v = (1, A(i+2:n, i)); 'U' rows 1..i, v = (A(1:i-1, i+1), 1)
      const r0 = upper ? 1 : i + 1;
      const r1 = upper ? i : n;
      const vv = (r: number) => (upper ? (r === i ? 1 : a[A(r, i + 1)]) : r === i + 1 ? 1 : a[A(r, i)]);
      for (let c = 0; c < n; c++) {
        let sum = 0;
        for (let r = r0; r <= r1; r++) sum += vv(r) * z[(r - 1) * n + c];
        sum *= ti;
        for (let r = r0; r <= r1; r++) z[(r - 1) * n + c] -= vv(r) * sum;
      }
    }
    v.set(z, vo);
  }
  for (let i = 1; i <= n; i++) w[wo + i - 1] = sigma === 1 ? d[i] : d[i] * (1 / sigma);
  return info;
}

/** dlamch('E') and dlamch('S') of the precision setPrecision chose. */
export const machine = (): { eps: number; safmin: number } => ({ eps: EPS, safmin: SAFMIN });
