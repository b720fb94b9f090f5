// The bitwise and integer ops against PyTorch 1.13 (test/fixtures/bitwise.json, scripts/gen_bitwise_fixtures.py,
// `npm run fixtures -- bitwise`), on every backend: bitwise_and/or/xor/not, the shifts, the operator methods
// (`__and__`, `__rlshift__`, `__iand__`, ...), gcd, lcm, isin, isposinf, isneginf, signbit and isreal. Each case
// compares the repr (which shows every value), dtype, shape, requires_grad and grad_fn, the tensor an in-place
// case leaves, or the error class and text. int64 operands go beyond 2^32 (and 2^53 where the result is a
// value a double holds). A second part checks int64 and/or/xor/not and shifts of random 64-bit values against
// BigInt arithmetic.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { availableBackends } from "../../src/backend/backend.js";
import { onBackend } from "../helpers/backends.js";

type Described = {
  repr: string;
  dtype: string;
  shape: number[];
  requires_grad: boolean;
  grad_fn: string | null;
};
type Outcome = Described | { self: Described; same: boolean } | { error: string; message: string };

const { cases } = JSON.parse(readFileSync(new URL("../fixtures/bitwise.json", import.meta.url), "utf8")) as {
  cases: Record<string, Outcome>;
};

const L = (...v: number[]) => torch.tensor(v, { dtype: torch.int64 });
const I = (...v: number[]) => torch.tensor(v, { dtype: torch.int32 });
const B = (...v: boolean[]) => torch.tensor(v, { dtype: torch.bool });
const F = (...v: number[]) => torch.tensor(v, { dtype: torch.float32 });
const D = (...v: number[]) => torch.tensor(v, { dtype: torch.float64 });
const J = () => torch.tensor([new torch.Complex(0, 1)]);
const inf = Infinity;
const nan = NaN;

const BIG_A = () => L(12, -1, 2 ** 40 + 5, -(2 ** 40) - 3, 2 ** 62 + 2 ** 33, -(2 ** 63), 2 ** 53 - 1);
const BIG_B = () => L(10, 2 ** 35 + 7, 2 ** 40 + 3, 255, 2 ** 62 + 2 ** 34 + 2 ** 33, -(2 ** 40), -(2 ** 53));
const SHIFTED = () => L(1, -1, 3, 5, 1, 1, 1, 1, -8, -8, -8, 100);
const COUNTS = () => L(0, 1, 2, 7, 8, 15, 16, 31, 32, 33, 63, 64);

type InPlace = { self: torch.Tensor; same: boolean };
/** An in-place case: the tensor it leaves, and whether the method returned it. */
function inplace(make: () => torch.Tensor, call: (x: torch.Tensor) => torch.Tensor): () => InPlace {
  return () => {
    const x = make();
    return { self: x, same: call(x) === x };
  };
}

const CASES: Record<string, () => torch.Tensor | InPlace> = {
  // and / or / xor
  "and.int64": () => torch.bitwise_and(BIG_A(), BIG_B()),
  "or.int64": () => torch.bitwise_or(BIG_A(), BIG_B()),
  "xor.int64": () => torch.bitwise_xor(BIG_A(), BIG_B()),
  "and.int32": () => torch.bitwise_and(I(12, -1, 2 ** 31 - 1, -(2 ** 31), -6), I(10, 7, -(2 ** 31), -1, 5)),
  "or.int32": () => torch.bitwise_or(I(12, -1, 2 ** 31 - 1, -(2 ** 31), -6), I(10, 7, -(2 ** 31), -1, 5)),
  "xor.int32": () => torch.bitwise_xor(I(12, -1, 2 ** 31 - 1, -(2 ** 31), -6), I(10, 7, -(2 ** 31), -1, 5)),
  "and.bool": () => torch.bitwise_and(B(true, true, false, false), B(true, false, true, false)),
  "or.bool": () => torch.bitwise_or(B(true, true, false, false), B(true, false, true, false)),
  "xor.bool": () => torch.bitwise_xor(B(true, true, false, false), B(true, false, true, false)),
  "and.bool_int": () => torch.bitwise_and(B(true, false, true), L(3, 3, 2)),
  "or.int32_int64": () => torch.bitwise_or(I(1, 2, -4), L(2 ** 40, 1, 3)),
  "and.scalar": () => torch.bitwise_and(L(12, -1, 2 ** 40 + 5), 6),
  "or.scalar_int32": () => torch.bitwise_or(I(12, -1, 8), 2 ** 33 + 3),
  "xor.scalar_bool": () => torch.bitwise_xor(I(1, 2, 3), true),
  "and.bool_tensor_int_scalar": () => torch.bitwise_and(B(true, false), 3),
  "or.bool_scalar": () => torch.bitwise_or(B(true, false), false),
  "and.scalar_first": () => torch.bitwise_and(6, L(12, -1, 5)),
  "xor.scalar_first_bool": () => torch.bitwise_xor(true, B(true, false)),
  "and.broadcast": () => torch.bitwise_and(L(1, 2, 3).reshape(3, 1), L(1, 3, 7, -1)),
  "xor.broadcast_0dim": () => torch.bitwise_xor(L(1, 2, 3), torch.tensor(2n ** 40n)),
  "and.0dim": () => torch.bitwise_and(torch.tensor(6n), torch.tensor(3n)),
  "and.0dim_int32": () => torch.bitwise_and(torch.tensor(2n ** 40n + 7n), I(3, 5)),
  "or.size0": () => torch.bitwise_or(L(), L()),
  "and.size0_broadcast": () => torch.bitwise_and(torch.zeros(0, 3, { dtype: torch.int64 }), L(1, 2, 3)),
  "and.method": () => L(12, 10).bitwise_and(L(10, 3)),
  "or.method_scalar": () => L(12, 10).bitwise_or(1),
  "and.transposed": () => torch.bitwise_and(L(1, 2, 3, 4, 5, 6).reshape(2, 3).t(), L(3, 1)),
  "and.out_float": () => torch.bitwise_and(L(5, 7), L(3, 3), { out: torch.empty(2) }),
  "and.out_int32": () => torch.bitwise_and(L(5, 7), L(3, 3), { out: torch.empty(2, { dtype: torch.int32 }) }),
  "and.out_bool_error": () =>
    torch.bitwise_and(L(5, 7), L(3, 3), { out: torch.empty(2, { dtype: torch.bool }) }),
  "and.float_error": () => torch.bitwise_and(F(1.5), F(2.0)),
  "and.double_error": () => torch.bitwise_and(D(1.5), L(1)),
  "or.float_scalar_error": () => torch.bitwise_or(L(1, 2), 1.5),
  "xor.float_scalar_first_error": () => torch.bitwise_xor(1.5, L(1, 2)),
  "and.int_float_error": () => torch.bitwise_and(L(1), F(1.0)),
  "and.complex_error": () => torch.bitwise_and(J(), L(1)),
  "and.broadcast_error": () => torch.bitwise_and(L(1, 2), L(1, 2, 3)),
  "and.shape_before_dtype_error": () => torch.bitwise_and(L(1, 2), F(1, 2, 3)),
  // not
  "not.int64": () => torch.bitwise_not(L(0, 5, -6, 2 ** 40, -(2 ** 40) - 1, 2 ** 53 - 1, -(2 ** 53))),
  "not.int32": () => torch.bitwise_not(I(0, 5, -6, 2 ** 31 - 1, -(2 ** 31))),
  "not.bool": () => torch.bitwise_not(B(true, false)),
  "not.0dim": () => torch.bitwise_not(torch.tensor(7n)),
  "not.size0": () => torch.bitwise_not(L()),
  "not.out_int32_error": () => torch.bitwise_not(L(1, 2), { out: torch.empty(2, { dtype: torch.int32 }) }),
  "not.out_bool_error": () => torch.bitwise_not(B(true), { out: torch.empty(1, { dtype: torch.int64 }) }),
  "not.out_of_float_error": () =>
    torch.bitwise_not(torch.tensor([1.0]), { out: torch.empty(1, { dtype: torch.int64 }) }),
  "not.method": () => L(1, 2).bitwise_not(),
  "not.float_error": () => torch.bitwise_not(F(1.0)),
  "not.double_error": () => torch.bitwise_not(D(1.0)),
  "not.complex_error": () => torch.bitwise_not(J()),
  "invert.int": () => L(3, -4).__invert__(),
  "invert.bool": () => B(true, false).__invert__(),
  "invert.float_error": () => F(1.0).__invert__(),
  // shifts
  "lshift.int64": () => torch.bitwise_left_shift(SHIFTED(), COUNTS()),
  "rshift.int64": () => torch.bitwise_right_shift(SHIFTED(), COUNTS()),
  "lshift.int64_negative": () =>
    torch.bitwise_left_shift(L(1, -1, 3, 5, -8, 100), L(-1, -1, -2, -7, -1, -64)),
  "rshift.int64_negative": () =>
    torch.bitwise_right_shift(L(1, -1, 3, 5, -8, 100), L(-1, -1, -2, -7, -1, -64)),
  "lshift.int64_big": () => torch.bitwise_left_shift(L(3, 5, -7, 2 ** 40 + 1, 2 ** 62), L(62, 40, 60, 20, 1)),
  "rshift.int64_big": () =>
    torch.bitwise_right_shift(L(2 ** 62 + 2 ** 40, -(2 ** 62), -(2 ** 53) - 2, -(2 ** 63)), L(40, 61, 1, 63)),
  "lshift.int64_huge_count": () => torch.bitwise_left_shift(L(3, 3), L(2 ** 40 + 2, -(2 ** 40) + 1)),
  "lshift.int32": () => torch.bitwise_left_shift(SHIFTED().int(), COUNTS().int()),
  "rshift.int32": () => torch.bitwise_right_shift(SHIFTED().int(), COUNTS().int()),
  "lshift.int32_negative": () =>
    torch.bitwise_left_shift(I(1, -1, 3, 5, -8, 100), I(-1, -1, -2, -7, -1, -64)),
  "rshift.int32_negative": () =>
    torch.bitwise_right_shift(I(1, -1, 3, 5, -8, 100), I(-1, -1, -2, -7, -1, -64)),
  "lshift.scalar": () => torch.bitwise_left_shift(L(1, 2, -3), 40),
  "rshift.scalar": () => torch.bitwise_right_shift(L(2 ** 50, -(2 ** 45), 7), 3),
  "lshift.int32_scalar_wraps": () => torch.bitwise_left_shift(I(1, 3), 2 ** 32 + 1),
  "lshift.scalar_first": () => torch.bitwise_left_shift(3, L(1, 40, 62)),
  "rshift.scalar_first": () => torch.bitwise_right_shift(-1024, L(1, 5, 70)),
  "rshift.bool_int_scalar": () => torch.bitwise_right_shift(B(true, false), 1),
  "lshift.int32_int64": () => torch.bitwise_left_shift(I(1, 2), L(40, 1)),
  "lshift.broadcast": () => torch.bitwise_left_shift(L(1, 3).reshape(2, 1), L(0, 1, 33)),
  "lshift.0dim": () => torch.bitwise_left_shift(torch.tensor(5n), torch.tensor(60n)),
  "rshift.size0": () => torch.bitwise_right_shift(I(), I()),
  "lshift.method": () => L(1, 2).bitwise_left_shift(L(3, 4)),
  "rshift.method_scalar": () => L(16, -16).bitwise_right_shift(2),
  "lshift.dunder": () => L(1, 2).__lshift__(L(3, 4)),
  "lshift.dunder_scalar": () => L(1, 2).__lshift__(33),
  "rshift.dunder": () => L(-16, 16).__rshift__(2),
  "rlshift.dunder": () => L(1, 2).__rlshift__(3),
  "rrshift.dunder": () => L(1, 2).__rrshift__(-64),
  "lshift.bool_error": () => torch.bitwise_left_shift(B(true), B(true)),
  "rshift.bool_error": () => torch.bitwise_right_shift(B(true), B(false)),
  "lshift.float_error": () => torch.bitwise_left_shift(F(1.5), 1),
  "rshift.float_error": () => torch.bitwise_right_shift(D(1.5), L(1)),
  "lshift.float_scalar_error": () => torch.bitwise_left_shift(L(1), 1.5),
  "rshift.float_scalar_first_error": () => torch.bitwise_right_shift(1.5, L(1)),
  "lshift.complex_error": () => torch.bitwise_left_shift(J(), 1),
  // operator methods
  "and.dunder": () => L(12, 10).__and__(L(10, 3)),
  "and.dunder_scalar": () => L(12, 10).__and__(2 ** 40 + 8),
  "or.dunder_bool": () => B(true, false).__or__(B(false, false)),
  "xor.dunder_scalar": () => L(12, 10).__xor__(-1),
  "rand.dunder": () => L(12, 10).__rand__(6),
  "ror.dunder_bool": () => L(12, 10).__ror__(true),
  "rxor.dunder_tensor": () => L(12, 10).__rxor__(L(1)),
  "and.dunder_float_error": () => L(1).__and__(1.5),
  // in place
  "and_.int64": inplace(BIG_A, (x) => x.bitwise_and_(BIG_B())),
  "or_.scalar": inplace(
    () => L(1, 2, 2 ** 40),
    (x) => x.bitwise_or_(4),
  ),
  "xor_.int32_by_int64": inplace(
    () => I(1, 2, 3),
    (x) => x.bitwise_xor_(L(2 ** 40 + 1, 1, 1)),
  ),
  "and_.bool": inplace(
    () => B(true, true),
    (x) => x.bitwise_and_(B(true, false)),
  ),
  "and_.bool_by_int_error": inplace(
    () => B(true, true),
    (x) => x.bitwise_and_(L(1, 0)),
  ),
  "and_.float_scalar_error": inplace(
    () => L(1, 2),
    (x) => x.bitwise_and_(1.5),
  ),
  "or_.float_error": inplace(
    () => F(1, 2),
    (x) => x.bitwise_or_(1),
  ),
  "and_.broadcast_error": inplace(
    () => L(1, 2),
    (x) => x.bitwise_and_(L(1, 2).reshape(2, 1)),
  ),
  "and_.shape_before_cast_error": inplace(
    () => L(1, 2),
    (x) => x.bitwise_and_(F(1, 2, 3).reshape(3, 1)),
  ),
  "lcm_.cast_error": inplace(
    () => I(4, 6),
    (x) => x.lcm_(F(6, 4)),
  ),
  "not_.int64": inplace(
    () => L(1, -2),
    (x) => x.bitwise_not_(),
  ),
  "not_.bool": inplace(
    () => B(true, false),
    (x) => x.bitwise_not_(),
  ),
  "lshift_.int64": inplace(
    () => L(1, 2),
    (x) => x.bitwise_left_shift_(L(40, 1)),
  ),
  "rshift_.scalar": inplace(
    () => L(2 ** 40, -8),
    (x) => x.bitwise_right_shift_(2),
  ),
  "iand.dunder": inplace(
    () => L(12, 10),
    (x) => x.__iand__(6),
  ),
  "ior.dunder": inplace(
    () => L(12, 10),
    (x) => x.__ior__(L(1, 1)),
  ),
  "ixor.dunder": inplace(
    () => B(true, false),
    (x) => x.__ixor__(true),
  ),
  "ilshift.dunder": inplace(
    () => L(3, 5),
    (x) => x.__ilshift__(2),
  ),
  "irshift.dunder": inplace(
    () => I(-16, 16),
    (x) => x.__irshift__(I(2, 3)),
  ),
  // gcd / lcm
  "gcd.int64": () =>
    torch.gcd(
      L(12, -18, 0, 7, 2 ** 40, -(2 ** 40) * 3, 0, 17),
      L(18, 12, 0, 0, 2 ** 20 * 3, 2 ** 35 * 9, -5, -17),
    ),
  "gcd.int64_min": () => torch.gcd(L(-(2 ** 63), -(2 ** 63), 6), L(0, 6, -(2 ** 63))),
  "lcm.int64": () => torch.lcm(L(12, -18, 0, 7, 2 ** 40 * 3, -4, 6), L(18, 12, 0, 0, 2 ** 30 * 5, -6, 0)),
  "lcm.int64_overflow": () => torch.lcm(L(2 ** 62, 2 ** 61 * 3), L(3, 5)),
  "gcd.int32": () => torch.gcd(I(12, -18, 0, 2 ** 31 - 1, -(2 ** 31)), I(18, 12, 0, 7, 0)),
  "lcm.int32_overflow": () => torch.lcm(I(65536, 12, -(2 ** 31)), I(65537, 18, 1)),
  "gcd.broadcast": () => torch.gcd(L(12, 18, 27).reshape(3, 1), L(6, 9)),
  "gcd.int32_int64": () => torch.gcd(I(12, 18), L(2 ** 40 * 3, 4)),
  "gcd.0dim": () => torch.gcd(torch.tensor(12n), torch.tensor(-8n)),
  "lcm.size0": () => torch.lcm(L(), L()),
  "gcd.method": () => L(12, 7).gcd(L(8, 21)),
  "lcm.method": () => L(4, 6).lcm(L(6, 4)),
  "gcd_.torch": inplace(
    () => L(12, 18),
    (x) => x.gcd_(L(8, 12)),
  ),
  "lcm_.method": inplace(
    () => I(4, 6),
    (x) => x.lcm_(I(6, 4)),
  ),
  "gcd_.function": () => {
    const x = L(12, 18);
    torch.gcd_(x, L(8, 12));
    return x;
  },
  "lcm_.function": () => {
    const x = L(12, 18);
    torch.lcm_(x, L(8, 12));
    return x;
  },
  "gcd.float_error": () => torch.gcd(F(1.5), F(2)),
  "lcm.double_error": () => torch.lcm(D(1.5), L(2)),
  "gcd.bool_error": () => torch.gcd(B(true), B(true)),
  "lcm.bool_error": () => torch.lcm(B(true), B(false)),
  "gcd.complex_error": () => torch.gcd(J(), J()),
  // isin
  "isin.int64": () => torch.isin(L(1, 2, 3, 2 ** 40, -(2 ** 40), 2 ** 60), L(2, 2 ** 40, 2 ** 60, 7)),
  "isin.float": () => torch.isin(F(1.0, 2.0, nan, -0.0, inf), F(2.0, nan, 0.0, inf)),
  "isin.int_float": () => torch.isin(L(1, 2, 3), F(2.0, 3.5)),
  "isin.float_int": () => torch.isin(F(1.0, 2.0, 3.5), L(2, 3)),
  "isin.float32_float64": () => torch.isin(F(0.1, 0.5), D(0.1, 0.5)),
  "isin.int32_int64": () => torch.isin(I(1, 2, 3), L(3, 2 ** 32 + 1)),
  "isin.invert": () => torch.isin(L(1, 2, 3, 4).reshape(2, 2), L(2, 9, 4, 4).reshape(2, 2), { invert: true }),
  "isin.assume_unique": () => torch.isin(L(1, 2, 3, 4).reshape(2, 2), L(2, 9, 4), { assume_unique: true }),
  "isin.many": () => torch.isin(torch.arange(40).reshape(4, 10).remainder(7), torch.arange(0, 100, 3)),
  "isin.scalar_test": () => torch.isin(L(1, 2, 3), 2),
  "isin.scalar_test_float": () => torch.isin(L(1, 2, 3), 2.5),
  "isin.scalar_test_invert": () => torch.isin(F(1.0, 2.0), 2.0, { invert: true }),
  "isin.scalar_element": () => torch.isin(2, L(1, 2, 3)),
  "isin.scalar_element_float": () => torch.isin(2.5, F(1.0, 2.5)),
  "isin.scalar_element_invert": () => torch.isin(5, L(1, 2, 3), { invert: true }),
  "isin.0dim": () => torch.isin(torch.tensor(2n), F(2.0)),
  "isin.empty_elements": () => torch.isin(F(), F(2.0)),
  "isin.empty_test": () => torch.isin(F(1.0, 2.0), F()),
  "isin.empty_test_invert": () => torch.isin(F(1.0), F(), { invert: true }),
  "isin.requires_grad": () => torch.isin(torch.tensor([1.0, 2.0], { requires_grad: true }), F(2.0)),
  "isin.keywords": () => torch.isin({ elements: L(1, 2), test_elements: L(2) }),
  "isin.out": () => torch.isin(L(1, 2), L(2), { out: torch.empty(2, { dtype: torch.bool }) }),
  "isin.out_float_error": () => torch.isin(L(1, 2), L(2), { out: torch.empty(2) }),
  "isin.bool_error": () => torch.isin(B(true, false), L(1)),
  "isin.bool_test_error": () => torch.isin(L(1, 2), B(true)),
  "isin.bool_scalar_error": () => torch.isin(L(1, 2), true),
  "isin.complex_error": () => torch.isin(L(1, 2), J()),
  "isin.complex_elements_error": () => torch.isin(J(), L(1)),
  // isposinf / isneginf / signbit / isreal
  "isposinf.float": () => torch.isposinf(F(1.0, inf, -inf, nan, -0.0)),
  "isneginf.float": () => torch.isneginf(F(1.0, inf, -inf, nan, -0.0)),
  "isposinf.double": () => torch.isposinf(D(1e308, inf, -inf)),
  "isneginf.int": () => torch.isneginf(L(-(2 ** 62), 0, 5)),
  "isposinf.bool": () => torch.isposinf(B(true, false)),
  "isneginf.0dim": () => torch.isneginf(torch.tensor(-inf)),
  "isposinf.size0": () => torch.isposinf(F()),
  "isposinf.requires_grad": () => torch.isposinf(torch.tensor([1.0, inf], { requires_grad: true })),
  "isneginf.method": () => F(-inf, 1.0).isneginf(),
  "isposinf.out": () => torch.isposinf(F(inf, 1.0), { out: torch.empty(2, { dtype: torch.bool }) }),
  "isposinf.out_requires_grad": () =>
    torch.isposinf(torch.tensor([1.0, inf], { requires_grad: true }), {
      out: torch.empty(2, { dtype: torch.bool }),
    }),
  "signbit.out_requires_grad": () =>
    torch.signbit(torch.tensor([-1.0, 1.0], { requires_grad: true }), {
      out: torch.empty(2, { dtype: torch.bool }),
    }),
  "isin.out_requires_grad": () =>
    torch.isin(torch.tensor([1.0, 2.0], { requires_grad: true }), F(2.0), {
      out: torch.empty(2, { dtype: torch.bool }),
    }),
  "isposinf.out_float_error": () => torch.isposinf(F(inf, 1.0), { out: torch.empty(2) }),
  "isneginf.out_int_error": () =>
    torch.isneginf(F(inf, 1.0), { out: torch.empty(2, { dtype: torch.int64 }) }),
  "isposinf.complex_error": () => torch.isposinf(J()),
  "isneginf.complex_error": () => torch.isneginf(J()),
  "signbit.float": () => torch.signbit(F(-0.0, 0.0, -1.0, -inf, nan, 2.5)),
  // NaNs carry their sign bit through neg, as in PyTorch (a JS `-NaN` literal is the plain NaN, so none is written).
  "signbit.negated_nan": () =>
    torch.signbit(torch.neg(F(nan, 1.0, nan, torch.neg(F(nan)).item(), 2.0, nan, 3.0, nan, nan))),
  "signbit.negated_nan_double": () => torch.signbit(torch.neg(D(nan, 1.0))),
  "signbit.double": () => torch.signbit(D(-0.0, 1e-300, -1e-300)),
  "signbit.int": () => torch.signbit(L(-1, 0, 2, -(2 ** 63))),
  "signbit.int32": () => torch.signbit(I(-1, 0, 2)),
  "signbit.bool": () => torch.signbit(B(true, false)),
  "signbit.requires_grad": () => torch.signbit(torch.tensor([-1.0, 1.0], { requires_grad: true })),
  "signbit.method": () => F(-2.0, 2.0).signbit(),
  "signbit.0dim": () => torch.signbit(torch.tensor(-0.0)),
  "signbit.out_float_error": () => torch.signbit(F(1.0), { out: torch.empty(1) }),
  "signbit.complex_error": () => torch.signbit(J()),
  "isreal.float": () => torch.isreal(F(1.0, nan, inf)),
  "isreal.int": () => torch.isreal(L(1, 2).reshape(2, 1)),
  "isreal.bool": () => torch.isreal(B(true)),
  "isreal.0dim": () => torch.isreal(torch.tensor(1.5)),
  "isreal.complex": () =>
    torch.isreal(torch.tensor([new torch.Complex(0, 1), new torch.Complex(1, 0), new torch.Complex(-0, -0)])),
  "isreal.requires_grad": () => torch.isreal(torch.tensor([1.0, 2.0], { requires_grad: true })),
  "isreal.method": () => F(1.0).isreal(),
};

function describeTensor(t: torch.Tensor): Described {
  return {
    repr: t.toString(),
    dtype: t.dtype.name,
    shape: [...t.shape],
    requires_grad: t.requires_grad,
    grad_fn: t.grad_fn === null ? null : t.grad_fn.name(),
  };
}

function outcome(run: () => torch.Tensor | InPlace): Outcome {
  let r: torch.Tensor | InPlace;
  try {
    r = run();
  } catch (e) {
    return { error: (e as Error).name, message: (e as Error).message };
  }
  if (r instanceof torch.Tensor) return describeTensor(r);
  return { self: describeTensor(r.self), same: r.same };
}

describe("every fixture case has its TypeScript call", () => {
  it("the same names", () => {
    expect(Object.keys(CASES).sort()).toEqual(Object.keys(cases).sort());
  });
});

describe.each(availableBackends())("bitwise and integer ops on the %s backend", (backendName) => {
  onBackend(backendName);
  it.each(Object.keys(cases))("%s is PyTorch's", (name) => {
    expect(outcome(CASES[name])).toEqual(cases[name]);
  });
});

// A deterministic generator of int64 values: small, near 2^31 and 2^32, and large ones a double holds exactly.
function int64Values(n: number, seed: number): number[] {
  let s = seed;
  const next = () => {
    s = (s * 1103515245 + 12345) % 2147483648;
    return s / 2147483648;
  };
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const sign = next() < 0.5 ? -1 : 1;
    const kind = i % 4;
    if (kind === 0) out.push(sign * Math.floor(next() * 1000));
    else if (kind === 1) out.push(sign * (2 ** 31 + Math.floor(next() * 2 ** 21) - 2 ** 20));
    else if (kind === 2) out.push(sign * Math.floor(next() * 2 ** 53));
    // beyond 2^53: a 20-bit mantissa shifted up, which a double holds exactly
    else out.push(sign * Math.floor(next() * 2 ** 20) * 2 ** (33 + Math.floor(next() * 10)));
  }
  return out;
}

const asInt64 = (v: bigint) => BigInt.asIntN(64, v);

describe.each(availableBackends())("int64 bit operations against BigInt on the %s backend", (backendName) => {
  onBackend(backendName);
  const a = int64Values(400, 7);
  const b = int64Values(400, 11);
  const ta = L(...a);
  const tb = L(...b);
  const ops: [
    string,
    (x: torch.Tensor, y: torch.Tensor) => torch.Tensor,
    (x: bigint, y: bigint) => bigint,
  ][] = [
    ["and", torch.bitwise_and, (x, y) => x & y],
    ["or", torch.bitwise_or, (x, y) => x | y],
    ["xor", torch.bitwise_xor, (x, y) => x ^ y],
  ];
  it.each(ops)("%s is exact wherever a double holds the result", (_name, op, ref) => {
    const got = Array.from(op(ta, tb).values());
    a.forEach((x, i) => {
      const want = ref(BigInt(x), BigInt(b[i]));
      expect(got[i]).toBe(Number(want));
    });
  });
  it("bitwise_not is -x - 1, the nearest double beyond 2^53", () => {
    const got = Array.from(torch.bitwise_not(ta).values());
    a.forEach((x, i) => expect(got[i]).toBe(Number(asInt64(~BigInt(x)))));
  });
  it("shifts by 0..63 wrap around like int64", () => {
    const counts = a.map((_, i) => (i * 7) % 64);
    const left = Array.from(torch.bitwise_left_shift(ta, L(...counts)).values());
    const right = Array.from(torch.bitwise_right_shift(ta, L(...counts)).values());
    a.forEach((x, i) => {
      expect(left[i]).toBe(Number(asInt64(BigInt(x) << BigInt(counts[i]))));
      expect(right[i]).toBe(Number(BigInt(x) >> BigInt(counts[i])));
    });
  });
  it("a strided and broadcast operand reads the right elements", () => {
    const m = L(...a.slice(0, 12))
      .reshape(3, 4)
      .t();
    const row = L(...b.slice(0, 3));
    const got = Array.from(torch.bitwise_xor(m, row).values());
    const want = [];
    for (let i = 0; i < 4; i++)
      for (let j = 0; j < 3; j++) want.push(Number(BigInt(a[j * 4 + i]) ^ BigInt(b[j])));
    expect(got).toEqual(want);
  });
});
