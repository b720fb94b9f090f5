"""Records what PyTorch 1.13 gives for the bitwise and integer ops (bitwise_and/or/xor/not, the shifts and their
operator methods, gcd, lcm, isin, isposinf, isneginf, isreal, signbit): each case's repr, dtype, shape,
requires_grad and grad_fn, the tensor an in-place case leaves, or the error class and text. int64 values go
beyond 2^32 (and 2^53 where the result is a value a double holds: docs/int64.md). Writes
test/fixtures/bitwise.json for test/ops/bitwise.test.ts, which has one TypeScript call per case name.

Usage: npm run fixtures -- bitwise
"""
import json
import sys

import torch


def L(*v):
    return torch.tensor(v, dtype=torch.int64)


def I(*v):
    return torch.tensor(v, dtype=torch.int32)


def B(*v):
    return torch.tensor(v, dtype=torch.bool)


def F(*v):
    return torch.tensor(v, dtype=torch.float32)


def D(*v):
    return torch.tensor(v, dtype=torch.float64)


inf = float("inf")
nan = float("nan")

# Large int64 operands: each result below is exact in a double.
BIG_A = lambda: L(12, -1, 2**40 + 5, -(2**40) - 3, 2**62 + 2**33, -(2**63), 2**53 - 1)
BIG_B = lambda: L(10, 2**35 + 7, 2**40 + 3, 255, 2**62 + 2**34 + 2**33, -(2**40), -(2**53))
SHIFTED = lambda: L(1, -1, 3, 5, 1, 1, 1, 1, -8, -8, -8, 100)
COUNTS = lambda: L(0, 1, 2, 7, 8, 15, 16, 31, 32, 33, 63, 64)


def inplace(make, method, *args):
    def run():
        x = make()
        r = getattr(x, method)(*args)
        return x, r is x

    return run


CASES = {
    # and / or / xor
    "and.int64": lambda: torch.bitwise_and(BIG_A(), BIG_B()),
    "or.int64": lambda: torch.bitwise_or(BIG_A(), BIG_B()),
    "xor.int64": lambda: torch.bitwise_xor(BIG_A(), BIG_B()),
    "and.int32": lambda: torch.bitwise_and(I(12, -1, 2**31 - 1, -(2**31), -6), I(10, 7, -(2**31), -1, 5)),
    "or.int32": lambda: torch.bitwise_or(I(12, -1, 2**31 - 1, -(2**31), -6), I(10, 7, -(2**31), -1, 5)),
    "xor.int32": lambda: torch.bitwise_xor(I(12, -1, 2**31 - 1, -(2**31), -6), I(10, 7, -(2**31), -1, 5)),
    "and.bool": lambda: torch.bitwise_and(B(True, True, False, False), B(True, False, True, False)),
    "or.bool": lambda: torch.bitwise_or(B(True, True, False, False), B(True, False, True, False)),
    "xor.bool": lambda: torch.bitwise_xor(B(True, True, False, False), B(True, False, True, False)),
    "and.bool_int": lambda: torch.bitwise_and(B(True, False, True), L(3, 3, 2)),
    "or.int32_int64": lambda: torch.bitwise_or(I(1, 2, -4), L(2**40, 1, 3)),
    "and.scalar": lambda: torch.bitwise_and(L(12, -1, 2**40 + 5), 6),
    "or.scalar_int32": lambda: torch.bitwise_or(I(12, -1, 8), 2**33 + 3),
    "xor.scalar_bool": lambda: torch.bitwise_xor(I(1, 2, 3), True),
    "and.bool_tensor_int_scalar": lambda: torch.bitwise_and(B(True, False), 3),
    "or.bool_scalar": lambda: torch.bitwise_or(B(True, False), False),
    "and.scalar_first": lambda: torch.bitwise_and(6, L(12, -1, 5)),
    "xor.scalar_first_bool": lambda: torch.bitwise_xor(True, B(True, False)),
    "and.broadcast": lambda: torch.bitwise_and(L(1, 2, 3).reshape(3, 1), L(1, 3, 7, -1)),
    "xor.broadcast_0dim": lambda: torch.bitwise_xor(L(1, 2, 3), torch.tensor(2**40)),
    "and.0dim": lambda: torch.bitwise_and(torch.tensor(6), torch.tensor(3)),
    "and.0dim_int32": lambda: torch.bitwise_and(torch.tensor(2**40 + 7), I(3, 5)),
    "or.size0": lambda: torch.bitwise_or(L(), L()),
    "and.size0_broadcast": lambda: torch.bitwise_and(torch.zeros(0, 3, dtype=torch.int64), L(1, 2, 3)),
    "and.method": lambda: L(12, 10).bitwise_and(L(10, 3)),
    "or.method_scalar": lambda: L(12, 10).bitwise_or(1),
    "and.transposed": lambda: torch.bitwise_and(L(1, 2, 3, 4, 5, 6).reshape(2, 3).t(), L(3, 1)),
    "and.out_float": lambda: torch.bitwise_and(L(5, 7), L(3, 3), out=torch.empty(2)),
    "and.out_int32": lambda: torch.bitwise_and(L(5, 7), L(3, 3), out=torch.empty(2, dtype=torch.int32)),
    "and.out_bool_error": lambda: torch.bitwise_and(L(5, 7), L(3, 3), out=torch.empty(2, dtype=torch.bool)),
    "and.float_error": lambda: torch.bitwise_and(F(1.5), F(2.0)),
    "and.double_error": lambda: torch.bitwise_and(D(1.5), L(1)),
    "or.float_scalar_error": lambda: torch.bitwise_or(L(1, 2), 1.5),
    "xor.float_scalar_first_error": lambda: torch.bitwise_xor(1.5, L(1, 2)),
    "and.int_float_error": lambda: torch.bitwise_and(L(1), F(1.0)),
    "and.complex_error": lambda: torch.bitwise_and(torch.tensor([1j]), L(1)),
    "and.broadcast_error": lambda: torch.bitwise_and(L(1, 2), L(1, 2, 3)),
    "and.shape_before_dtype_error": lambda: torch.bitwise_and(L(1, 2), F(1, 2, 3)),
    # not
    "not.int64": lambda: torch.bitwise_not(L(0, 5, -6, 2**40, -(2**40) - 1, 2**53 - 1, -(2**53))),
    "not.int32": lambda: torch.bitwise_not(I(0, 5, -6, 2**31 - 1, -(2**31))),
    "not.bool": lambda: torch.bitwise_not(B(True, False)),
    "not.0dim": lambda: torch.bitwise_not(torch.tensor(7)),
    "not.size0": lambda: torch.bitwise_not(L()),
    "not.out_int32_error": lambda: torch.bitwise_not(L(1, 2), out=torch.empty(2, dtype=torch.int32)),
    "not.out_bool_error": lambda: torch.bitwise_not(B(True), out=torch.empty(1, dtype=torch.int64)),
    "not.out_of_float_error": lambda: torch.bitwise_not(torch.tensor([1.0]), out=torch.empty(1, dtype=torch.int64)),
    "not.method": lambda: L(1, 2).bitwise_not(),
    "not.float_error": lambda: torch.bitwise_not(F(1.0)),
    "not.double_error": lambda: torch.bitwise_not(D(1.0)),
    "not.complex_error": lambda: torch.bitwise_not(torch.tensor([1j])),
    "invert.int": lambda: L(3, -4).__invert__(),
    "invert.bool": lambda: B(True, False).__invert__(),
    "invert.float_error": lambda: F(1.0).__invert__(),
    # shifts
    "lshift.int64": lambda: torch.bitwise_left_shift(SHIFTED(), COUNTS()),
    "rshift.int64": lambda: torch.bitwise_right_shift(SHIFTED(), COUNTS()),
    "lshift.int64_negative": lambda: torch.bitwise_left_shift(L(1, -1, 3, 5, -8, 100), L(-1, -1, -2, -7, -1, -64)),
    "rshift.int64_negative": lambda: torch.bitwise_right_shift(L(1, -1, 3, 5, -8, 100), L(-1, -1, -2, -7, -1, -64)),
    "lshift.int64_big": lambda: torch.bitwise_left_shift(L(3, 5, -7, 2**40 + 1, 2**62), L(62, 40, 60, 20, 1)),
    "rshift.int64_big": lambda: torch.bitwise_right_shift(L(2**62 + 2**40, -(2**62), -(2**53) - 2, -(2**63)), L(40, 61, 1, 63)),
    "lshift.int64_huge_count": lambda: torch.bitwise_left_shift(L(3, 3), L(2**40 + 2, -(2**40) + 1)),
    "lshift.int32": lambda: torch.bitwise_left_shift(SHIFTED().int(), COUNTS().int()),
    "rshift.int32": lambda: torch.bitwise_right_shift(SHIFTED().int(), COUNTS().int()),
    "lshift.int32_negative": lambda: torch.bitwise_left_shift(I(1, -1, 3, 5, -8, 100), I(-1, -1, -2, -7, -1, -64)),
    "rshift.int32_negative": lambda: torch.bitwise_right_shift(I(1, -1, 3, 5, -8, 100), I(-1, -1, -2, -7, -1, -64)),
    "lshift.scalar": lambda: torch.bitwise_left_shift(L(1, 2, -3), 40),
    "rshift.scalar": lambda: torch.bitwise_right_shift(L(2**50, -(2**45), 7), 3),
    "lshift.int32_scalar_wraps": lambda: torch.bitwise_left_shift(I(1, 3), 2**32 + 1),
    "lshift.scalar_first": lambda: torch.bitwise_left_shift(3, L(1, 40, 62)),
    "rshift.scalar_first": lambda: torch.bitwise_right_shift(-1024, L(1, 5, 70)),
    "rshift.bool_int_scalar": lambda: torch.bitwise_right_shift(B(True, False), 1),
    "lshift.int32_int64": lambda: torch.bitwise_left_shift(I(1, 2), L(40, 1)),
    "lshift.broadcast": lambda: torch.bitwise_left_shift(L(1, 3).reshape(2, 1), L(0, 1, 33)),
    "lshift.0dim": lambda: torch.bitwise_left_shift(torch.tensor(5), torch.tensor(60)),
    "rshift.size0": lambda: torch.bitwise_right_shift(I(), I()),
    "lshift.method": lambda: L(1, 2).bitwise_left_shift(L(3, 4)),
    "rshift.method_scalar": lambda: L(16, -16).bitwise_right_shift(2),
    "lshift.dunder": lambda: L(1, 2).__lshift__(L(3, 4)),
    "lshift.dunder_scalar": lambda: L(1, 2).__lshift__(33),
    "rshift.dunder": lambda: L(-16, 16).__rshift__(2),
    "rlshift.dunder": lambda: L(1, 2).__rlshift__(3),
    "rrshift.dunder": lambda: L(1, 2).__rrshift__(-64),
    "lshift.bool_error": lambda: torch.bitwise_left_shift(B(True), B(True)),
    "rshift.bool_error": lambda: torch.bitwise_right_shift(B(True), B(False)),
    "lshift.float_error": lambda: torch.bitwise_left_shift(F(1.5), 1),
    "rshift.float_error": lambda: torch.bitwise_right_shift(D(1.5), L(1)),
    "lshift.float_scalar_error": lambda: torch.bitwise_left_shift(L(1), 1.5),
    "rshift.float_scalar_first_error": lambda: torch.bitwise_right_shift(1.5, L(1)),
    "lshift.complex_error": lambda: torch.bitwise_left_shift(torch.tensor([1j]), 1),
    # operator methods
    "and.dunder": lambda: L(12, 10).__and__(L(10, 3)),
    "and.dunder_scalar": lambda: L(12, 10).__and__(2**40 + 8),
    "or.dunder_bool": lambda: B(True, False).__or__(B(False, False)),
    "xor.dunder_scalar": lambda: L(12, 10).__xor__(-1),
    "rand.dunder": lambda: L(12, 10).__rand__(6),
    "ror.dunder_bool": lambda: L(12, 10).__ror__(True),
    "rxor.dunder_tensor": lambda: L(12, 10).__rxor__(L(1)),
    "and.dunder_float_error": lambda: L(1).__and__(1.5),
    # in place
    "and_.int64": inplace(BIG_A, "bitwise_and_", BIG_B()),
    "or_.scalar": inplace(lambda: L(1, 2, 2**40), "bitwise_or_", 4),
    "xor_.int32_by_int64": inplace(lambda: I(1, 2, 3), "bitwise_xor_", L(2**40 + 1, 1, 1)),
    "and_.bool": inplace(lambda: B(True, True), "bitwise_and_", B(True, False)),
    "and_.bool_by_int_error": inplace(lambda: B(True, True), "bitwise_and_", L(1, 0)),
    "and_.float_scalar_error": inplace(lambda: L(1, 2), "bitwise_and_", 1.5),
    "or_.float_error": inplace(lambda: F(1, 2), "bitwise_or_", 1),
    "and_.broadcast_error": inplace(lambda: L(1, 2), "bitwise_and_", L(1, 2).reshape(2, 1)),
    "and_.shape_before_cast_error": inplace(lambda: L(1, 2), "bitwise_and_", F(1, 2, 3).reshape(3, 1)),
    "lcm_.cast_error": inplace(lambda: I(4, 6), "lcm_", F(6, 4)),
    "not_.int64": inplace(lambda: L(1, -2), "bitwise_not_"),
    "not_.bool": inplace(lambda: B(True, False), "bitwise_not_"),
    "lshift_.int64": inplace(lambda: L(1, 2), "bitwise_left_shift_", L(40, 1)),
    "rshift_.scalar": inplace(lambda: L(2**40, -8), "bitwise_right_shift_", 2),
    "iand.dunder": inplace(lambda: L(12, 10), "__iand__", 6),
    "ior.dunder": inplace(lambda: L(12, 10), "__ior__", L(1, 1)),
    "ixor.dunder": inplace(lambda: B(True, False), "__ixor__", True),
    "ilshift.dunder": inplace(lambda: L(3, 5), "__ilshift__", 2),
    "irshift.dunder": inplace(lambda: I(-16, 16), "__irshift__", I(2, 3)),
    # gcd / lcm
    "gcd.int64": lambda: torch.gcd(L(12, -18, 0, 7, 2**40, -(2**40) * 3, 0, 17), L(18, 12, 0, 0, 2**20 * 3, 2**35 * 9, -5, -17)),
    "gcd.int64_min": lambda: torch.gcd(L(-(2**63), -(2**63), 6), L(0, 6, -(2**63))),
    "lcm.int64": lambda: torch.lcm(L(12, -18, 0, 7, 2**40 * 3, -4, 6), L(18, 12, 0, 0, 2**30 * 5, -6, 0)),
    "lcm.int64_overflow": lambda: torch.lcm(L(2**62, 2**61 * 3), L(3, 5)),
    "gcd.int32": lambda: torch.gcd(I(12, -18, 0, 2**31 - 1, -(2**31)), I(18, 12, 0, 7, 0)),
    "lcm.int32_overflow": lambda: torch.lcm(I(65536, 12, -(2**31)), I(65537, 18, 1)),
    "gcd.broadcast": lambda: torch.gcd(L(12, 18, 27).reshape(3, 1), L(6, 9)),
    "gcd.int32_int64": lambda: torch.gcd(I(12, 18), L(2**40 * 3, 4)),
    "gcd.0dim": lambda: torch.gcd(torch.tensor(12), torch.tensor(-8)),
    "lcm.size0": lambda: torch.lcm(L(), L()),
    "gcd.method": lambda: L(12, 7).gcd(L(8, 21)),
    "lcm.method": lambda: L(4, 6).lcm(L(6, 4)),
    "gcd_.torch": inplace(lambda: L(12, 18), "gcd_", L(8, 12)),
    "lcm_.method": inplace(lambda: I(4, 6), "lcm_", I(6, 4)),
    "gcd_.function": lambda: (lambda x: (torch.gcd_(x, L(8, 12)), x)[1])(L(12, 18)),
    "lcm_.function": lambda: (lambda x: (torch.lcm_(x, L(8, 12)), x)[1])(L(12, 18)),
    "gcd.float_error": lambda: torch.gcd(F(1.5), F(2)),
    "lcm.double_error": lambda: torch.lcm(D(1.5), L(2)),
    "gcd.bool_error": lambda: torch.gcd(B(True), B(True)),
    "lcm.bool_error": lambda: torch.lcm(B(True), B(False)),
    "gcd.complex_error": lambda: torch.gcd(torch.tensor([1j]), torch.tensor([1j])),
    # isin
    "isin.int64": lambda: torch.isin(L(1, 2, 3, 2**40, -(2**40), 2**60), L(2, 2**40, 2**60, 7)),
    "isin.float": lambda: torch.isin(F(1.0, 2.0, nan, -0.0, inf), F(2.0, nan, 0.0, inf)),
    "isin.int_float": lambda: torch.isin(L(1, 2, 3), F(2.0, 3.5)),
    "isin.float_int": lambda: torch.isin(F(1.0, 2.0, 3.5), L(2, 3)),
    "isin.float32_float64": lambda: torch.isin(F(0.1, 0.5), D(0.1, 0.5)),
    "isin.int32_int64": lambda: torch.isin(I(1, 2, 3), L(3, 2**32 + 1)),
    "isin.invert": lambda: torch.isin(L(1, 2, 3, 4).reshape(2, 2), L(2, 9, 4, 4).reshape(2, 2), invert=True),
    "isin.assume_unique": lambda: torch.isin(L(1, 2, 3, 4).reshape(2, 2), L(2, 9, 4), assume_unique=True),
    "isin.many": lambda: torch.isin(torch.arange(40).reshape(4, 10) % 7, torch.arange(0, 100, 3)),
    "isin.scalar_test": lambda: torch.isin(L(1, 2, 3), 2),
    "isin.scalar_test_float": lambda: torch.isin(L(1, 2, 3), 2.5),
    "isin.scalar_test_invert": lambda: torch.isin(F(1.0, 2.0), 2.0, invert=True),
    "isin.scalar_element": lambda: torch.isin(2, L(1, 2, 3)),
    "isin.scalar_element_float": lambda: torch.isin(2.5, F(1.0, 2.5)),
    "isin.scalar_element_invert": lambda: torch.isin(5, L(1, 2, 3), invert=True),
    "isin.0dim": lambda: torch.isin(torch.tensor(2), F(2.0)),
    "isin.empty_elements": lambda: torch.isin(F(), F(2.0)),
    "isin.empty_test": lambda: torch.isin(F(1.0, 2.0), F()),
    "isin.empty_test_invert": lambda: torch.isin(F(1.0), F(), invert=True),
    "isin.requires_grad": lambda: torch.isin(torch.tensor([1.0, 2.0], requires_grad=True), F(2.0)),
    "isin.keywords": lambda: torch.isin(elements=L(1, 2), test_elements=L(2)),
    "isin.out": lambda: torch.isin(L(1, 2), L(2), out=torch.empty(2, dtype=torch.bool)),
    "isin.out_float_error": lambda: torch.isin(L(1, 2), L(2), out=torch.empty(2)),
    "isin.bool_error": lambda: torch.isin(B(True, False), L(1)),
    "isin.bool_test_error": lambda: torch.isin(L(1, 2), B(True)),
    "isin.bool_scalar_error": lambda: torch.isin(L(1, 2), True),
    "isin.complex_error": lambda: torch.isin(L(1, 2), torch.tensor([1j])),
    "isin.complex_elements_error": lambda: torch.isin(torch.tensor([1j]), L(1)),
    # isposinf / isneginf / signbit / isreal
    "isposinf.float": lambda: torch.isposinf(F(1.0, inf, -inf, nan, -0.0)),
    "isneginf.float": lambda: torch.isneginf(F(1.0, inf, -inf, nan, -0.0)),
    "isposinf.double": lambda: torch.isposinf(D(1e308, inf, -inf)),
    "isneginf.int": lambda: torch.isneginf(L(-(2**62), 0, 5)),
    "isposinf.bool": lambda: torch.isposinf(B(True, False)),
    "isneginf.0dim": lambda: torch.isneginf(torch.tensor(-inf)),
    "isposinf.size0": lambda: torch.isposinf(F()),
    "isposinf.requires_grad": lambda: torch.isposinf(torch.tensor([1.0, inf], requires_grad=True)),
    "isneginf.method": lambda: F(-inf, 1.0).isneginf(),
    "isposinf.out": lambda: torch.isposinf(F(inf, 1.0), out=torch.empty(2, dtype=torch.bool)),
    "isposinf.out_requires_grad": lambda: torch.isposinf(torch.tensor([1.0, inf], requires_grad=True), out=torch.empty(2, dtype=torch.bool)),
    "signbit.out_requires_grad": lambda: torch.signbit(torch.tensor([-1.0, 1.0], requires_grad=True), out=torch.empty(2, dtype=torch.bool)),
    "isin.out_requires_grad": lambda: torch.isin(torch.tensor([1.0, 2.0], requires_grad=True), F(2.0), out=torch.empty(2, dtype=torch.bool)),
    "isposinf.out_float_error": lambda: torch.isposinf(F(inf, 1.0), out=torch.empty(2)),
    "isneginf.out_int_error": lambda: torch.isneginf(F(inf, 1.0), out=torch.empty(2, dtype=torch.int64)),
    "isposinf.complex_error": lambda: torch.isposinf(torch.tensor([1j])),
    "isneginf.complex_error": lambda: torch.isneginf(torch.tensor([1j])),
    "signbit.float": lambda: torch.signbit(F(-0.0, 0.0, -1.0, -inf, nan, 2.5)),
    "signbit.negated_nan": lambda: torch.signbit(torch.neg(F(nan, 1.0, nan, -nan, 2.0, nan, 3.0, nan, nan))),
    "signbit.negated_nan_double": lambda: torch.signbit(torch.neg(D(nan, 1.0))),
    "signbit.double": lambda: torch.signbit(D(-0.0, 1e-300, -1e-300)),
    "signbit.int": lambda: torch.signbit(L(-1, 0, 2, -(2**63))),
    "signbit.int32": lambda: torch.signbit(I(-1, 0, 2)),
    "signbit.bool": lambda: torch.signbit(B(True, False)),
    "signbit.requires_grad": lambda: torch.signbit(torch.tensor([-1.0, 1.0], requires_grad=True)),
    "signbit.method": lambda: F(-2.0, 2.0).signbit(),
    "signbit.0dim": lambda: torch.signbit(torch.tensor(-0.0)),
    "signbit.out_float_error": lambda: torch.signbit(F(1.0), out=torch.empty(1)),
    "signbit.complex_error": lambda: torch.signbit(torch.tensor([1j])),
    "isreal.float": lambda: torch.isreal(F(1.0, nan, inf)),
    "isreal.int": lambda: torch.isreal(L(1, 2).reshape(2, 1)),
    "isreal.bool": lambda: torch.isreal(B(True)),
    "isreal.0dim": lambda: torch.isreal(torch.tensor(1.5)),
    "isreal.complex": lambda: torch.isreal(torch.tensor([1j, 1 + 0j, -0j])),
    "isreal.requires_grad": lambda: torch.isreal(torch.tensor([1.0, 2.0], requires_grad=True)),
    "isreal.method": lambda: F(1.0).isreal(),
}


def describe(t):
    return {
        "repr": repr(t),
        "dtype": str(t.dtype).replace("torch.", ""),
        "shape": list(t.shape),
        "requires_grad": t.requires_grad,
        "grad_fn": None if t.grad_fn is None else type(t.grad_fn).__name__,
    }


def run(fn):
    try:
        r = fn()
    except Exception as e:  # noqa: BLE001 - the error is the case's result
        return {"error": type(e).__name__, "message": str(e)}
    if isinstance(r, tuple):
        x, same = r
        return {"self": describe(x), "same": same}
    return describe(r)


def main():
    out_path = sys.argv[1]
    cases = {name: run(fn) for name, fn in CASES.items()}
    with open(out_path, "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")
    print(f"wrote {len(cases)} cases to {out_path}")


if __name__ == "__main__":
    main()
