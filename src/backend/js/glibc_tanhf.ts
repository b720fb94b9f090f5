// glibc's tanhf (sysdeps/ieee754/flt-32/s_tanhf.c), which PyTorch's float32 scalar kernel bodies call as
// std::tanh: expm1f of 2|x| in float arithmetic, rounded at every step.
import { expm1f } from "./glibc_f.js";

const f = Math.fround;

export function tanhf(x: number): number {
  if (Number.isNaN(x)) return x;
  const a = Math.abs(x);
  if (a === Infinity) return Math.sign(x);
  if (x === 0) return x;
  let z: number;
  if (a >= 22) z = 1;
  else if (a < 2 ** -55) return f(x * f(1 + x));
  else if (a >= 1) z = f(1 - f(2 / f(expm1f(f(2 * a)) + 2)));
  else {
    const t = expm1f(f(-2 * a));
    z = f(-t / f(t + 2));
  }
  return x >= 0 ? z : -z;
}
