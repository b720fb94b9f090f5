"""Records PyTorch 1.13's convolutions (conv1d/2d/3d and conv_transpose1d/2d with padding, stride, dilation,
groups, bias, output_padding) and max_pool2d / max_pool3d
with indices (ties, NaN, -inf, padding, dilation, ceil_mode), forward and first-order backward, in float32 and
float64, for test/backend/conv_native.test.ts, which runs the backends' convolution and pooling kernels on the
same inputs. Inputs come from a linear congruential generator the test repeats, so the fixture holds only the
outputs.

Usage: npm run fixtures -- conv_native
"""
import json
import sys

import torch
import torch.nn.functional as F


def lcg(count, seed):
    """The test's lcg: values in [-1, 1) from s = (s * 1103515245 + 12345) % 2^31."""
    s = seed
    out = []
    for _ in range(count):
        s = (s * 1103515245 + 12345) % 2147483648
        out.append(s / 1073741824 - 1)
    return out


def tensor(shape, seed, dtype):
    count = 1
    for d in shape:
        count *= d
    return torch.tensor(lcg(count, seed), dtype=torch.float64).reshape(shape).to(dtype)


def flat(t):
    return [float(v) for v in t.detach().to(torch.float64).flatten().tolist()]


# name, dims, input shape, weight shape, bias, stride, padding, dilation, groups
CONV_CASES = [
    ("lenet", 2, [4, 3, 9, 9], [6, 3, 5, 5], True, [1, 1], [2, 2], [1, 1], 1),
    ("strided_grouped", 2, [2, 4, 11, 10], [6, 2, 3, 3], True, [2, 1], [1, 2], [2, 1], 2),
    ("no_bias", 2, [3, 2, 6, 7], [4, 2, 2, 3], False, [1, 2], [0, 1], [1, 1], 1),
    ("conv1d", 1, [3, 4, 17], [6, 2, 4], True, [3], [1], [2], 2),
    ("conv3d", 3, [2, 2, 5, 6, 7], [3, 2, 2, 3, 3], True, [1, 2, 1], [1, 0, 1], [1, 1, 2], 1),
]

CONV = {1: F.conv1d, 2: F.conv2d, 3: F.conv3d}

# Transposed: name, dims, input shape, weight shape [Cin, Cout/groups, *kernel], bias, stride, padding,
# output_padding, dilation, groups
TRANSPOSE_CASES = [
    ("transpose2d", 2, [2, 4, 5, 6], [4, 3, 3, 2], True, [2, 1], [1, 0], [1, 0], [1, 2], 2),
    ("transpose1d", 1, [3, 2, 9], [2, 5, 4], False, [3], [2], [1], [2], 1),
]

TRANSPOSE = {1: F.conv_transpose1d, 2: F.conv_transpose2d}

# name, input shape, kernel, stride, padding, dilation, ceil_mode
POOL_CASES = [
    ("lenet", [4, 3, 8, 8], [2, 2], [2, 2], [0, 0], [1, 1], False),
    ("padded_ceil", [2, 3, 7, 9], [3, 3], [2, 2], [1, 1], [1, 1], True),
    ("dilated", [2, 2, 9, 8], [3, 2], [1, 2], [1, 0], [2, 3], False),
    ("pool3d", [2, 2, 5, 6, 7], [2, 3, 2], [2, 1, 2], [1, 1, 0], [1, 2, 2], True),
]


def encode(v):
    """JSON has no NaN or infinities: they are written as the strings "nan", "inf", "-inf"."""
    return "nan" if v != v else "inf" if v == float("inf") else "-inf" if v == float("-inf") else v


def pool_input(shape, seed, dtype):
    """Few distinct values (ties), with NaN and -inf sprinkled in."""
    count = 1
    for d in shape:
        count *= d
    values = []
    for i, v in enumerate(lcg(count, seed)):
        if i % 17 == 5:
            values.append(float("nan"))
        elif i % 13 == 7:
            values.append(float("-inf"))
        else:
            values.append(float(round(v * 2)))
    return torch.tensor(values, dtype=torch.float64).reshape(shape).to(dtype)


def main(out_path):
    torch.set_num_threads(1)
    result = {"conv": [], "transpose": [], "pool": []}
    for dtype_name, dtype in (("float32", torch.float32), ("float64", torch.float64)):
        for seed, (name, dims, xs, ws, has_bias, stride, padding, dilation, groups) in enumerate(CONV_CASES):
            x = tensor(xs, 10 * seed + 1, dtype).requires_grad_()
            w = tensor(ws, 10 * seed + 2, dtype).requires_grad_()
            b = tensor([ws[0]], 10 * seed + 3, dtype).requires_grad_() if has_bias else None
            y = CONV[dims](x, w, b, stride, padding, dilation, groups)
            gy = tensor(list(y.shape), 10 * seed + 4, dtype)
            grads = torch.autograd.grad(y, [x, w] + ([b] if has_bias else []), gy)
            result["conv"].append({
                "name": name, "dtype": dtype_name, "dims": dims, "input": xs, "weight": ws, "bias": has_bias,
                "stride": stride, "padding": padding, "dilation": dilation, "groups": groups,
                "seeds": [10 * seed + 1, 10 * seed + 2, 10 * seed + 3, 10 * seed + 4],
                "out_shape": list(y.shape), "out": flat(y),
                "grad_input": flat(grads[0]), "grad_weight": flat(grads[1]),
                "grad_bias": flat(grads[2]) if has_bias else None,
            })
        for seed, (name, dims, xs, ws, has_bias, stride, padding, out_pad, dilation, groups) in enumerate(
            TRANSPOSE_CASES
        ):
            seeds = [300 + 10 * seed + i for i in range(4)]
            x = tensor(xs, seeds[0], dtype).requires_grad_()
            w = tensor(ws, seeds[1], dtype).requires_grad_()
            b = tensor([ws[1] * groups], seeds[2], dtype).requires_grad_() if has_bias else None
            y = TRANSPOSE[dims](x, w, b, stride, padding, out_pad, groups, dilation)
            gy = tensor(list(y.shape), seeds[3], dtype)
            grads = torch.autograd.grad(y, [x, w] + ([b] if has_bias else []), gy)
            result["transpose"].append({
                "name": name, "dtype": dtype_name, "dims": dims, "input": xs, "weight": ws, "bias": has_bias,
                "stride": stride, "padding": padding, "output_padding": out_pad, "dilation": dilation,
                "groups": groups, "seeds": seeds, "out_shape": list(y.shape), "out": flat(y),
                "grad_input": flat(grads[0]), "grad_weight": flat(grads[1]),
                "grad_bias": flat(grads[2]) if has_bias else None,
            })
        for seed, (name, xs, kernel, stride, padding, dilation, ceil) in enumerate(POOL_CASES):
            x = pool_input(xs, 100 + seed, dtype).requires_grad_()
            pool = F.max_pool3d if len(xs) == 5 else F.max_pool2d
            values, indices = pool(x, kernel, stride, padding, dilation, ceil, return_indices=True)
            gy = tensor(list(values.shape), 200 + seed, dtype)
            (grad,) = torch.autograd.grad(values, [x], gy)
            result["pool"].append({
                "name": name, "dtype": dtype_name, "input": xs, "kernel": kernel, "stride": stride,
                "padding": padding, "dilation": dilation, "ceil_mode": ceil, "seeds": [100 + seed, 200 + seed],
                "out_shape": list(values.shape),
                "values": [encode(v) for v in flat(values)],
                "indices": [int(i) for i in indices.flatten().tolist()],
                "grad_input": flat(grad),
            })
    with open(out_path, "w") as f:
        json.dump(result, f, allow_nan=False)
        f.write("\n")


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else "test/fixtures/backend/conv_native.json")
