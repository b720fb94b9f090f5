// SLEEF 3.5's xfmodf (sleefsimdsp.c) on one lane of its AVX2 build, which PyTorch 1.13's Vectorized<float>::fmod
// calls: the remainder is reduced in double-float steps by a quotient taken from the reciprocal of the divisor.
// A quotient past FLT_MAX (|x / y| overflowing float, as with a subnormal divisor) turns the result into NaN,
// where the exact remainder (std::fmod, PyTorch's scalar path) is finite.
import { asFloat, asInt, dfadd2_f2_f2, dfmul_f_f, dfnormalize, f, mulsign, P } from "./sleef_df.js";

const FLT_MIN = 1.1754943508222875e-38;
const SCALE = 2 ** 25;

/** vtoward0f: the next float toward zero (zero stays zero). */
function toward0(x: number): number {
  return x === 0 ? 0 : asFloat((asInt(x) - 1) | 0);
}

export function fmodf(x: number, y: number): number {
  let nu = Math.abs(x);
  let de = Math.abs(y);
  let s = 1;
  // A subnormal divisor is scaled up first (and the result back down).
  if (de < FLT_MIN) {
    nu = f(nu * SCALE);
    de = f(de * SCALE);
    s = 1 / SCALE;
  }
  const rde = toward0(f(1 / de));
  let rx = nu;
  let ry = 0;
  // ceil(log2(FLT_MAX) / 22) + 1 steps at most; a lane already reduced takes no-op steps in the vector loop.
  for (let i = 0; i < 8; i++) {
    const q = f(de + de) > rx && rx >= de ? 1 : f(toward0(rx) * rde);
    dfmul_f_f(Math.trunc(q), -de);
    const [mx, my] = [P.x, P.y];
    dfadd2_f2_f2(rx, ry, mx, my);
    dfnormalize(P.x, P.y);
    [rx, ry] = [P.x, P.y];
    if (rx < de) break;
  }
  const sum = f(rx + ry);
  let ret = sum === de ? 0 : f(sum * s);
  ret = mulsign(ret, x);
  if (nu < de) ret = x;
  if (de === 0) ret = NaN;
  return ret;
}
