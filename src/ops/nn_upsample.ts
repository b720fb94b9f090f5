// F.interpolate and its deprecated aliases (F.upsample, F.upsample_nearest, F.upsample_bilinear): functional.py's
// checks, then the native upsample ops of torch._C._nn (their .vec overloads: output_size or scale_factors),
// each computed by a port of PyTorch's CPU kernel (src/backend/js/nn_upsample.ts) and recorded as PyTorch's
// node (UpsampleBilinear2DBackward1, ...). The backward is upsample_*_backward, itself a recorded op
// (UpsampleBilinear2DBackwardBackward1) whose derivative is the forward again, so double backward works and
// its grad_fn names are PyTorch's.
import { NotImplementedError, RuntimeError, ValueError } from "../errors.js";
import { upsampleBackward, upsampleForward, type UpsampleGeometry } from "../backend/js/nn_upsample.js";
import { bindNative } from "../signatures/bind.js";
import { definePython } from "../signatures/registry.js";
import { parseSignature, type Signature } from "../signatures/schema.js";
import type { Tensor } from "../tensor/tensor.js";
import { emitWarning } from "../warnings.js";
import { pyTupleStr } from "../python.js";
import { fromData, record } from "./core.js";
import { dense } from "./nn_norm.js";
import { adaptive_avg_pool2d } from "./nn_pool.js";
import { adaptive_avg_pool1d } from "./nn_pool_1d.js";

export type UpsampleMode = "nearest" | "nearest-exact" | "linear" | "bilinear" | "bicubic" | "trilinear";

/** What every upsample node keeps: the mode, the kernel's geometry and the input's shape. */
export interface UpsampleSaved {
  mode: UpsampleMode;
  geometry: UpsampleGeometry;
  inputShape: number[];
}

/** The native op of each mode and number of spatial dims, and its node names. */
const OPS = {
  "nearest/1": ["upsample_nearest1d", "UpsampleNearest1DBackward1", "UpsampleNearest1DBackwardBackward1"],
  "nearest/2": ["upsample_nearest2d", "UpsampleNearest2DBackward1", "UpsampleNearest2DBackwardBackward1"],
  "nearest/3": ["upsample_nearest3d", "UpsampleNearest3DBackward1", "UpsampleNearest3DBackwardBackward1"],
  "nearest-exact/1": [
    "_upsample_nearest_exact1d",
    "UpsampleNearestExact1DBackward1",
    "UpsampleNearestExact1DBackwardBackward1",
  ],
  "nearest-exact/2": [
    "_upsample_nearest_exact2d",
    "UpsampleNearestExact2DBackward1",
    "UpsampleNearestExact2DBackwardBackward1",
  ],
  "nearest-exact/3": [
    "_upsample_nearest_exact3d",
    "UpsampleNearestExact3DBackward1",
    "UpsampleNearestExact3DBackwardBackward1",
  ],
  "linear/1": ["upsample_linear1d", "UpsampleLinear1DBackward1", "UpsampleLinear1DBackwardBackward1"],
  "bilinear/2": ["upsample_bilinear2d", "UpsampleBilinear2DBackward1", "UpsampleBilinear2DBackwardBackward1"],
  "trilinear/3": [
    "upsample_trilinear3d",
    "UpsampleTrilinear3DBackward1",
    "UpsampleTrilinear3DBackwardBackward1",
  ],
  "bicubic/2": ["upsample_bicubic2d", "UpsampleBicubic2DBackward1", "UpsampleBicubic2DBackwardBackward1"],
} as const;
type OpKey = keyof typeof OPS;
export type UpsampleNodeName = (typeof OPS)[OpKey][1];
export type UpsampleBackwardNodeName = (typeof OPS)[OpKey][2];

const KERNEL_NAMES = { nearest: "nearest", "nearest-exact": "nearest", linear: "linear", cubic: "cubic" };

/** The native signatures of one op (the .vec overload first, as PyTorch lists them). */
function nativeSignatures(name: string, dims: number, interpolating: boolean): Signature[] {
  const ac = interpolating ? "bool align_corners, " : "";
  const scales = ["scales_d", "scales_h", "scales_w"].slice(3 - dims).map((s) => `double? ${s}=None`);
  return [
    parseSignature(
      `${name}(Tensor input, SymIntArrayRef? output_size, ${ac}ArrayRef<double>? scale_factors) -> Tensor`,
      "native",
    ),
    parseSignature(
      `${name}(Tensor input, SymIntArrayRef[${dims}] output_size, ${ac}${scales.join(", ")}, *, Tensor out=None) -> Tensor`,
      "native",
    ),
  ];
}
const SIGNATURES = new Map<string, Signature[]>();
const signaturesOf = (key: OpKey): Signature[] => {
  const [name] = OPS[key];
  const dims = Number(key.slice(-1));
  if (!SIGNATURES.has(name)) SIGNATURES.set(name, nativeSignatures(name, dims, !key.startsWith("nearest")));
  return SIGNATURES.get(name)!;
};

/** The sizes' text in the kernels' shape checks: `(W: 3)`, `(H: 3, W: 4)`, `(D: 2, H: 3, W: 4)`. */
const sizesText = (sizes: readonly number[]) =>
  `(${sizes.map((s, i) => `${"DHW"[3 - sizes.length + i]}: ${s}`).join(", ")})`;

/** The node (and the kernel's geometry) of one upsample: upsample::compute_output_size and the meta checks. */
function upsampleGeometry(
  input: Tensor,
  mode: UpsampleMode,
  outputSize: readonly number[] | null,
  alignCorners: boolean,
  scaleFactors: readonly number[] | null,
): UpsampleGeometry {
  const dims = input.ndim - 2;
  const inSize = input.shape.slice(2);
  if (outputSize !== null && scaleFactors !== null)
    throw new RuntimeError("Must specify exactly one of output_size and scale_factors");
  if (outputSize === null && scaleFactors === null)
    throw new RuntimeError("Must specify exactly one of output_size and scale_factors");
  const outSize =
    outputSize !== null ? [...outputSize] : inSize.map((s, i) => Math.trunc(s * scaleFactors![i]));
  if ([...inSize, ...outSize].some((s) => s <= 0))
    throw new RuntimeError(
      dims === 1
        ? `Input and output sizes should be greater than 0, but got input ${sizesText(inSize)} and output ${sizesText(outSize)}`
        : `Input and output sizes should be greater than 0, but got input ${sizesText(inSize)} output ${sizesText(outSize)}`,
    );
  if (input.numel() === 0 && input.shape.slice(1).some((s) => s === 0))
    throw new RuntimeError(
      `Non-empty ${input.ndim}D data tensor expected but got a tensor with sizes [${input.shape.join(", ")}]`,
    );
  const kind =
    mode === "nearest" || mode === "nearest-exact" ? mode : mode === "bicubic" ? "cubic" : "linear";
  if (!input.dtype.is_floating_point || input.dtype.itemsize < 4)
    throw new RuntimeError(
      `"compute_indices_weights_${KERNEL_NAMES[kind]}" not implemented for '${input.dtype.scalarTypeName}'`,
    );
  return {
    kind,
    planes: input.shape[0] * input.shape[1],
    batch: input.shape[0],
    channelsLast: input.ndim > 3 && isChannelsLastContiguous(input),
    inSize,
    outSize,
    scales: scaleFactors ?? inSize.map(() => null),
    alignCorners,
  };
}

/**
 * is_contiguous(ChannelsLast / ChannelsLast3d): the strides of NHWC (NDHWC) order, size-1 dims aside (so every
 * contiguous [N, 1, ...] tensor is), which sends (bi/tri)linear to PyTorch's channels-last kernel.
 */
function isChannelsLastContiguous(t: Tensor): boolean {
  let expected = 1;
  for (const d of [1, ...Array.from({ length: t.ndim - 2 }, (_, i) => t.ndim - 1 - i), 0]) {
    if (t.shape[d] === 1) continue;
    if (t._strides[d] !== expected) return false;
    expected *= t.shape[d];
  }
  return true;
}

const opKey = (mode: UpsampleMode, dims: number) => `${mode}/${dims}` as OpKey;

/** The upsampled input: the kernel's output, recorded as the op's node. */
function runUpsample(input: Tensor, mode: UpsampleMode, geometry: UpsampleGeometry): Tensor {
  const x = dense(input);
  const out = fromData(
    upsampleForward(x.data, x.offset, geometry, input.dtype),
    [input.shape[0], input.shape[1], ...geometry.outSize],
    input.dtype,
  );
  return record(OPS[opKey(mode, input.ndim - 2)][1], [input], out, () => ({
    mode,
    geometry,
    inputShape: [...input.shape],
  }));
}

/** upsample_*_backward: the gradient of the input from the output's, recorded as its own differentiable node. */
export function upsample_backward(grad: Tensor, s: UpsampleSaved): Tensor {
  const g = dense(grad);
  const out = fromData(upsampleBackward(g.data, g.offset, s.geometry, grad.dtype), s.inputShape, grad.dtype);
  return record(OPS[opKey(s.mode, s.inputShape.length - 2)][2], [grad], out, () => s);
}

/** The forward again (the backward's derivative): the gradient upsampled with the saved geometry. */
export function upsample_again(grad: Tensor, s: UpsampleSaved): Tensor {
  return runUpsample(grad, s.mode, s.geometry);
}

/** One native upsample op, bound as PyTorch's parser binds (input, output_size, [align_corners,] scale_factors). */
function nativeUpsample(
  input: Tensor,
  mode: UpsampleMode,
  outputSize: unknown,
  alignCorners: boolean | null,
  scaleFactors: unknown,
): Tensor {
  const key = opKey(mode, input.ndim - 2);
  const args =
    alignCorners === null
      ? [input, outputSize, scaleFactors]
      : [input, outputSize, alignCorners, scaleFactors];
  const bound = bindNative(signaturesOf(key), args, null).values;
  const size = bound[1] as number[] | null;
  const factors = bound[alignCorners === null ? 2 : 3] as number[] | null;
  return runUpsample(input, mode, upsampleGeometry(input, mode, size, alignCorners ?? false, factors));
}

const isSequence = (v: unknown): v is unknown[] => Array.isArray(v);

/**
 * F.interpolate(input, size=None, scale_factor=None, mode='nearest', align_corners=None,
 * recompute_scale_factor=None, antialias=False): functional.py's argument handling, then the native op.
 */
export function interpolate(
  input: Tensor,
  size: number | readonly number[] | null = null,
  scale_factor: number | readonly number[] | null = null,
  mode = "nearest",
  align_corners: boolean | null = null,
  recompute_scale_factor: boolean | null = null,
  antialias = false,
): Tensor {
  let alignCorners = align_corners;
  if (mode === "nearest" || mode === "area" || mode === "nearest-exact") {
    if (alignCorners !== null)
      throw new ValueError(
        "align_corners option can only be set with the interpolating modes: linear | bilinear | bicubic | trilinear",
      );
  } else if (alignCorners === null) alignCorners = false;
  const dim = input.ndim - 2;
  const spatial = `[${input.shape.slice(2).join(", ")}]`;
  let outputSize: unknown = null;
  let scaleFactors: unknown = null;
  if (size !== null && scale_factor !== null)
    throw new ValueError("only one of size or scale_factor should be defined");
  else if (size !== null) {
    if (isSequence(size)) {
      if (size.length !== dim)
        throw new ValueError(
          `Input and output must have the same number of spatial dimensions, but got input with spatial dimensions of ${spatial} and output size of ${pyTupleStr(size)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and output size in (o1, o2, ...,oK) format.`,
        );
      outputSize = [...size];
    } else outputSize = Array.from({ length: Math.max(dim, 0) }, () => size);
  } else if (scale_factor !== null) {
    if (isSequence(scale_factor)) {
      if (scale_factor.length !== dim)
        throw new ValueError(
          `Input and scale_factor must have the same number of spatial dimensions, but got input with spatial dimensions of ${spatial} and scale_factor of shape ${pyTupleStr(scale_factor)}. Please provide input tensor in (N, C, d1, d2, ...,dK) format and scale_factor in (s1, s2, ...,sK) format.`,
        );
      scaleFactors = [...scale_factor];
    } else scaleFactors = Array.from({ length: Math.max(dim, 0) }, () => scale_factor);
  } else throw new ValueError("either size or scale_factor should be defined");
  let recompute = recompute_scale_factor;
  if (recompute && size !== null)
    throw new ValueError("recompute_scale_factor is not meaningful with an explicit size.");
  if (mode === "area" && outputSize === null) recompute = true;
  if (recompute) {
    const factors = scaleFactors as number[];
    outputSize = factors.map((f, i) => Math.floor(input.shape[i + 2] * f));
    scaleFactors = null;
  }
  if (antialias && !((mode === "bilinear" || mode === "bicubic") && input.ndim === 4))
    throw new ValueError("Anti-alias option is only supported for bilinear and bicubic modes");
  if (antialias)
    throw new NotImplementedError("tensorgrad does not implement antialias=True (_upsample_bilinear2d_aa)");
  const nd = input.ndim;
  if (mode === "nearest" || mode === "nearest-exact") {
    if (nd >= 3 && nd <= 5) return nativeUpsample(input, mode, outputSize, null, scaleFactors);
  }
  if (mode === "area" && (nd === 3 || nd === 4)) {
    const out = outputSize as number[];
    return nd === 3 ? adaptive_avg_pool1d(input, out) : adaptive_avg_pool2d(input, out);
  }
  const wanted = { linear: 3, bilinear: 4, trilinear: 5, bicubic: 4 }[mode as "linear"];
  if (wanted === nd)
    return nativeUpsample(input, mode as UpsampleMode, outputSize, alignCorners, scaleFactors);
  if (wanted !== undefined && nd >= 3 && nd <= 5 && mode !== "bicubic")
    throw new NotImplementedError(`Got ${nd}D input, but ${mode} mode needs ${wanted}D input`);
  if (mode === "area" && nd === 5)
    throw new NotImplementedError(
      "tensorgrad does not implement adaptive_avg_pool3d (interpolate's area mode on 5D input)",
    );
  throw new NotImplementedError(
    `Input Error: Only 3D, 4D and 5D input Tensors supported (got ${nd}D) for the modes: nearest | linear | bilinear | bicubic | trilinear | area | nearest-exact (got ${mode})`,
  );
}

/** F.upsample: deprecated, warns, then interpolate. */
function upsample(
  input: Tensor,
  size: number | readonly number[] | null = null,
  scale_factor: number | readonly number[] | null = null,
  mode = "nearest",
  align_corners: boolean | null = null,
): Tensor {
  emitWarning("nn.functional.upsample is deprecated. Use nn.functional.interpolate instead.");
  return interpolate(input, size, scale_factor, mode, align_corners);
}

/** F.upsample_nearest: deprecated, warns, then interpolate(mode='nearest'). */
function upsampleNearest(
  input: Tensor,
  size: number | readonly number[] | null = null,
  scale_factor: number | null = null,
): Tensor {
  emitWarning("nn.functional.upsample_nearest is deprecated. Use nn.functional.interpolate instead.");
  return interpolate(input, size, scale_factor, "nearest");
}

/** F.upsample_bilinear: deprecated, warns, then interpolate(mode='bilinear', align_corners=True). */
function upsampleBilinear(
  input: Tensor,
  size: number | readonly number[] | null = null,
  scale_factor: number | readonly number[] | null = null,
): Tensor {
  emitWarning("nn.functional.upsample_bilinear is deprecated. Use nn.functional.interpolate instead.");
  return interpolate(input, size, scale_factor, "bilinear", true);
}

// Python functions of torch/nn/functional.py; size and scale_factor go to the native op's parser unchecked.
definePython("torch.nn.functional", {
  "interpolate(input: Tensor, size: ~int | int[] | None = None, scale_factor: ~float | float[] | None = None, mode: str = 'nearest', align_corners: bool | None = None, recompute_scale_factor: bool | None = None, antialias: bool = False) -> Tensor":
    interpolate,
  "upsample(input: Tensor, size: ~int | int[] | None = None, scale_factor: ~float | float[] | None = None, mode: str = 'nearest', align_corners: bool | None = None) -> Tensor":
    upsample,
  "upsample_nearest(input: Tensor, size: ~int | int[] | None = None, scale_factor: ~float | None = None) -> Tensor":
    upsampleNearest,
  "upsample_bilinear(input: Tensor, size: ~int | int[] | None = None, scale_factor: ~float | float[] | None = None) -> Tensor":
    upsampleBilinear,
});
