// `npm run fixtures [-- [--dry-run] name ...]`: records what real PyTorch 1.13 does (/usr/bin/python3, with python3-torch)
// into the committed fixtures by running every generator below, or only the named ones; any other name is an
// op table's (`npm run fixtures -- errors optim shape` runs the error tables, the optim generator and the op
// table `shape`). CI never runs this: the fixtures are committed. Each generator is deterministic (running it
// twice writes the same files). The tables exported from TypeScript for the Python side go to a temporary
// directory, not build/ (which the native build, node-gyp rebuild, deletes).
import { spawnSync } from "node:child_process";
import { closeSync, mkdtempSync, openSync, readdirSync, renameSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const tsx = (script, ...args) => ({ argv: ["npx", "tsx", script, ...args] });
const python = (script, ...args) => ({ argv: ["/usr/bin/python3", script, ...args] });

/**
 * Each generator: the fixtures it writes, and its steps, given a temporary directory and the op tables asked
 * for (all when none). Steps run from the repository root; `stdout` sends a step's output to a file.
 */
const GENERATORS = {
  differential: {
    writes:
      "test/fixtures/differential/ (PyTorch's outcomes of the committed random programs, docs/differential.md)",
    steps: (tmp) => [
      tsx("test/differential/cli.ts", "export", `${tmp}/programs.json`),
      python("scripts/gen_differential_fixtures.py", `${tmp}/programs.json`, "test/fixtures/differential"),
    ],
  },
  subscript: {
    writes: "test/fixtures/ops/subscript.json (Python subscripts, test/ops/tables/subscript.ts)",
    steps: (tmp) => [
      tsx("scripts/export_subscript_cases.ts", `${tmp}/subscript_cases.json`),
      python(
        "scripts/gen_subscript_fixtures.py",
        `${tmp}/subscript_cases.json`,
        "test/fixtures/ops/subscript.json",
      ),
    ],
  },
  reprs: {
    writes: "test/fixtures/nn_reprs.json (module reprs, test/nn/reprs.ts)",
    steps: (tmp) => [
      tsx("scripts/export_repr_cases.ts", `${tmp}/reprs.json`),
      python("scripts/gen_repr_fixtures.py", `${tmp}/reprs.json`, "test/fixtures/nn_reprs.json"),
    ],
  },
  ops: {
    writes: "test/fixtures/ops/<table>.json (the op tables, test/ops/tables/)",
    steps: (tmp, tables) => [
      tsx("scripts/export_op_cases.ts", `${tmp}/op_cases`, ...tables),
      python("scripts/gen_fixtures.py", `${tmp}/op_cases`, "test/fixtures/ops", ...tables),
    ],
  },
  errors: {
    writes: "test/fixtures/errors/<table>.json (the error tables, test/errors/)",
    steps: (tmp) => [
      tsx("scripts/export_error_cases.ts", `${tmp}/errors.json`),
      python("scripts/gen_error_fixtures.py", `${tmp}/errors.json`, "test/fixtures/errors"),
    ],
  },
  signatures: {
    writes: "test/fixtures/signatures.json (PyTorch's signature of every declared entry point)",
    steps: (tmp) => [
      tsx("scripts/export_signatures.ts", `${tmp}/names.json`),
      python("scripts/gen_signature_fixtures.py", `${tmp}/names.json`, "test/fixtures/signatures.json"),
    ],
  },
  calls: {
    writes: "test/fixtures/calls.json (the signature walk's outcomes)",
    steps: (tmp) => [
      tsx("scripts/export_call_cases.ts", `${tmp}/cases.json`),
      python("scripts/gen_call_fixtures.py", `${tmp}/cases.json`, "test/fixtures/calls.json"),
    ],
  },
  autograd: {
    writes: "test/fixtures/autograd.json",
    steps: () => [python("scripts/gen_autograd_fixtures.py")],
  },
  format: {
    writes: "test/fixtures/format.json, test/fixtures/python.json",
    steps: () => [python("scripts/gen_format_fixtures.py")],
  },
  expanded_writes: {
    writes: "test/fixtures/expanded_writes.json (in-place writes into expanded tensors)",
    steps: () => [python("scripts/gen_expanded_writes_fixtures.py")],
  },
  int64: { writes: "test/fixtures/int64.json", steps: () => [python("scripts/gen_int64_fixtures.py")] },
  casts: {
    writes:
      "test/fixtures/casts.json (dtype conversions, int32 writes, out= of non-differentiable ops: test/ops/casts.test.ts)",
    steps: () => [python("scripts/gen_cast_fixtures.py")],
  },
  complex: {
    writes: "test/fixtures/complex.json (complex tensors, torch.fft, linalg.eig)",
    steps: () => [python("scripts/gen_complex_fixtures.py")],
  },
  complex_ops: {
    writes: "test/fixtures/complex_ops.json (tanh, sigmoid, flip, roll, einsum, ... on complex tensors)",
    steps: () => [python("scripts/gen_complex_ops_fixtures.py")],
  },
  histogramdd: {
    writes: "test/fixtures/histogramdd.json (torch.histogramdd's reprs, grad_fns and errors)",
    steps: () => [python("scripts/gen_histogramdd_fixtures.py")],
  },
  layers: { writes: "test/fixtures/layers.json", steps: () => [python("scripts/gen_layer_fixtures.py")] },
  mlp_hessian: {
    writes: "test/fixtures/mlp_hessian.json",
    steps: () => [python("scripts/gen_mlp_hessian_fixture.py")],
  },
  random: {
    writes:
      "test/fixtures/random.json (random and creation ops, Tensor factories, legacy types: test/ops/random_cases.ts)",
    steps: (tmp) => [
      tsx("scripts/export_random_cases.ts", `${tmp}/random_cases.json`),
      python("scripts/gen_random_fixtures.py", `${tmp}/random_cases.json`, "test/fixtures/random.json"),
    ],
  },
  multinomial: {
    writes: "test/fixtures/multinomial.json (torch.multinomial samples and errors, softmax modules)",
    steps: () => [python("scripts/gen_multinomial_fixtures.py", "test/fixtures/multinomial.json")],
  },
  nn: { writes: "test/fixtures/nn.json", steps: () => [python("scripts/gen_nn_fixtures.py")] },
  distributions: {
    writes: "test/fixtures/distributions/distributions.json (torch.distributions, test/distributions/)",
    steps: () => [
      python("scripts/gen_distributions_fixtures.py", "test/fixtures/distributions/distributions.json"),
    ],
  },
  conv_native: {
    writes:
      "test/fixtures/backend/conv_native.json (conv1d/2d/3d, conv_transpose1d/2d and max_pool2d with their backward, test/backend/conv_native.test.ts)",
    steps: () => [python("scripts/gen_conv_native_fixtures.py", "test/fixtures/backend/conv_native.json")],
  },
  lapack_native: {
    writes:
      "test/fixtures/lapack_native.json (raw LAPACK results with their vector signs, test/backend/lapack_native.test.ts)",
    steps: () => [python("scripts/gen_lapack_native_fixtures.py", "test/fixtures/lapack_native.json")],
  },
  linalg_eig: {
    writes:
      "test/fixtures/linalg_eig.json (linalg.eig / eigvals with LAPACK's vector signs and the non-finite errors, test/ops/linalg_eig.test.ts)",
    steps: () => [python("scripts/gen_eig_fixtures.py", "test/fixtures/linalg_eig.json")],
  },
  linalg_strides: {
    writes:
      "test/fixtures/linalg_strides.json (the strides of LAPACK results, column-major or not: test/ops/linalg_strides.test.ts)",
    steps: () => [python("scripts/gen_linalg_strides_fixtures.py")],
  },
  named_tuples: {
    writes:
      "test/fixtures/named_tuples.json (torch.return_types reprs of linalg and aminmax, test/ops/named_tuples.test.ts)",
    steps: () => [python("scripts/gen_named_tuple_fixtures.py", "test/fixtures/named_tuples.json")],
  },
  dtype_info: {
    writes:
      "test/fixtures/dtype_info.json (torch.finfo / iinfo and the math constants, test/ops/dtype_info.test.ts)",
    steps: () => [python("scripts/gen_dtype_info_fixtures.py", "test/fixtures/dtype_info.json")],
  },
  rng_state: {
    writes:
      "test/fixtures/rng_state.json (torch.get_rng_state bytes and set_rng_state round trips, test/ops/rng_state.test.ts)",
    steps: () => [python("scripts/gen_rng_state_fixtures.py", "test/fixtures/rng_state.json")],
  },
  bitwise: {
    writes:
      "test/fixtures/bitwise.json (bitwise and integer ops, isin, isposinf/isneginf/signbit/isreal: test/ops/bitwise.test.ts)",
    steps: () => [python("scripts/gen_bitwise_fixtures.py", "test/fixtures/bitwise.json")],
  },
  sorting_orders: {
    writes: "test/fixtures/sorting_orders.json (sort, topk, median, mode, unique orders on ties and NaNs)",
    steps: () => [python("scripts/gen_sorting_fixtures.py", "test/fixtures/sorting_orders.json")],
  },
  activation_modules: {
    writes: "test/fixtures/nn/activation_modules.json (activation modules, test/nn/activations.test.ts)",
    steps: () => [
      python("scripts/gen_activation_module_fixtures.py", "test/fixtures/nn/activation_modules.json"),
    ],
  },
  rnn: {
    writes: "test/fixtures/nn/rnn.json (recurrent layers and torch.nn.utils.rnn, test/nn/rnn.test.ts)",
    steps: () => [python("scripts/gen_rnn_fixtures.py", "test/fixtures/nn/rnn.json")],
  },
  module_api: {
    writes:
      "test/fixtures/nn/module_api.json (nn.Module's attribute rules, lookups, state_dict, hooks: test/nn/module_api.test.ts)",
    steps: () => [python("scripts/gen_module_fixtures.py", "test/fixtures/nn/module_api.json")],
  },
  dropout: {
    writes:
      "test/fixtures/nn/dropout.json (channel-wise dropout's masks and warnings, test/nn/dropout.test.ts)",
    steps: () => [python("scripts/gen_dropout_fixtures.py", "test/fixtures/nn/dropout.json")],
  },
  embedding_bag: {
    writes:
      "test/fixtures/nn/embedding_bag.json (nn.EmbeddingBag, from_pretrained, torch.embedding_bag, test/nn/embedding_bag.test.ts)",
    steps: () => [python("scripts/gen_embedding_bag_fixtures.py", "test/fixtures/nn/embedding_bag.json")],
  },
  ctc: {
    writes: "test/fixtures/nn/ctc.json (nn.CTCLoss on longer problems, test/nn/ctc.test.ts)",
    steps: () => [python("scripts/gen_ctc_fixtures.py", "test/fixtures/nn/ctc.json")],
  },
  weight_norm: {
    writes:
      "test/fixtures/nn/weight_norm.json, spectral_norm.json (torch.nn.utils.weight_norm and spectral_norm, test/nn/weight_norm.test.ts)",
    steps: () => [
      python(
        "scripts/gen_weight_norm_fixtures.py",
        "test/fixtures/nn/weight_norm.json",
        "test/fixtures/nn/spectral_norm.json",
      ),
    ],
  },
  parametrize: {
    writes: "test/fixtures/nn/parametrize.json (torch.nn.utils.parametrize, test/nn/parametrize.test.ts)",
    steps: () => [python("scripts/gen_parametrize_fixtures.py", "test/fixtures/nn/parametrize.json")],
  },
  eig_double_backward: {
    writes: "test/fixtures/ops/linalg_eig_double_backward.json (test/ops/linalg_eig_double_backward.test.ts)",
    steps: () => [
      python(
        "scripts/gen_eig_double_backward_fixtures.py",
        "test/fixtures/ops/linalg_eig_double_backward.json",
      ),
    ],
  },
  orthogonal: {
    writes:
      "test/fixtures/nn/orthogonal.json (parametrizations.orthogonal, test/nn/parametrizations_orthogonal.test.ts)",
    steps: () => [python("scripts/gen_orthogonal_fixtures.py", "test/fixtures/nn/orthogonal.json")],
  },
  init: {
    writes: "test/fixtures/nn/init.json (torch.nn.init's fills after manual_seed, test/nn/init.test.ts)",
    steps: () => [python("scripts/gen_init_fixtures.py", "test/fixtures/nn/init.json")],
  },
  transformer: {
    writes:
      "test/fixtures/nn/transformer.json, lazy.json (nn.Transformer and its layers, lazy modules: test/nn/transformer.test.ts, lazy.test.ts)",
    steps: () => [
      python(
        "scripts/gen_transformer_fixtures.py",
        "test/fixtures/nn/transformer.json",
        "test/fixtures/nn/lazy.json",
      ),
    ],
  },
  nn_extra: {
    writes:
      "test/fixtures/nn/extra.json (3-D pads, LPPool1d, MaxUnpool1d/3d, AdaptiveLogSoftmaxWithLoss, F's in-place activations, nn.utils extras: test/nn/extra_modules.test.ts)",
    steps: () => [python("scripts/gen_nn_extra_fixtures.py", "test/fixtures/nn/extra.json")],
  },
  optim: { writes: "test/fixtures/optim.json", steps: () => [python("scripts/gen_optim_fixtures.py")] },
  numerics: {
    writes: "test/fixtures/numerics/ (the output bits of the elementwise, softmax and prod kernels)",
    steps: () => [python("scripts/gen_numerics_fixtures.py")],
  },
  norm_numerics: {
    writes:
      "test/fixtures/numerics/norm_layers.json (the output bits of layer_norm and batch_norm, forward and backward)",
    steps: () => [python("scripts/gen_norm_numerics_fixtures.py")],
  },
  special_numerics: {
    writes:
      "test/fixtures/numerics/special.json (the output bits of the special functions and pointwise math)",
    steps: () => [python("scripts/gen_special_numerics_fixtures.py")],
  },
  math_float: {
    writes:
      "test/fixtures/numerics/math_float.json (asinh/acosh/atanh, copysign, fmax/fmin, nextafter, ldexp, frexp, float_power: bits, grads, errors)",
    steps: () => [python("scripts/gen_math_float_fixtures.py", "test/fixtures/numerics/math_float.json")],
  },
  sincos: {
    writes:
      "test/fixtures/numerics/sincos.json (the system glibc's double sin and cos bits, test/numerics/glibc_sincos.test.ts)",
    steps: () => [python("scripts/gen_sincos_fixtures.py", "test/fixtures/numerics/sincos.json")],
  },
  playground: {
    writes:
      "test/fixtures/playground/seed_cells.json, programs.json (the seed notebooks' cells and Python mode's programs)",
    steps: () => [python("scripts/gen_playground_seed_fixtures.py")],
  },
  tutorials: {
    writes: "test/fixtures/tutorials/<program>.txt (what PyTorch prints for examples/tutorials/python/*.py)",
    steps: () => [python("scripts/gen_tutorial_outputs.py")],
  },
  programs: {
    writes: "test/fixtures/programs/<program>.txt (what PyTorch prints for examples/programs/python/*.py)",
    steps: () => [python("scripts/gen_program_outputs.py")],
  },
  safetensors: {
    writes: "test/fixtures/safetensors/",
    steps: () => [python("scripts/gen_safetensors_fixtures.py")],
  },
  data: {
    writes: "test/utils/fixtures/data.json",
    steps: () => [
      { ...python("test/utils/fixtures/gen_data_fixtures.py"), stdout: "test/utils/fixtures/data.json" },
      { argv: ["npx", "prettier", "--log-level", "warn", "--write", "test/utils/fixtures/data.json"] },
    ],
  },
  devices: {
    writes:
      "test/fixtures/devices.json (devices, torch.cuda, default dtype, DataParallel, numpy()/from_numpy)",
    steps: () => [
      { ...python("scripts/gen_device_fixtures.py"), stdout: "test/fixtures/devices.json" },
      { argv: ["npx", "prettier", "--log-level", "warn", "--write", "test/fixtures/devices.json"] },
    ],
  },
  // PyTorch 1.13 parity fixes (#13): mixed-dtype BCE with logits, int64 overflow, logaddexp2, CTC, bilinear, linalg out=.
  bce_logits_mixed: {
    writes:
      "test/fixtures/numerics/bce_logits_mixed.json (BCE with logits: mixed dtypes and broadcast shapes)",
    steps: () => [python("scripts/gen_bce_logits_mixed_fixtures.py")],
  },
  int_overflow: {
    writes: "test/fixtures/numerics/int_overflow.json (Python ints beyond int64 as operands, docs/int64.md)",
    steps: () => [python("scripts/gen_int_overflow_fixtures.py")],
  },
  logaddexp2: {
    writes: "test/fixtures/numerics/logaddexp2.json (logaddexp2 bits, glibc's log2f/log2)",
    steps: () => [python("scripts/gen_logaddexp2_fixtures.py")],
  },
  ctc_bits: {
    writes: "test/fixtures/numerics/ctc_bits.json (F.ctc_loss bit for bit on given log-probabilities)",
    steps: () => [python("scripts/gen_ctc_bits_fixtures.py")],
  },
  bilinear_bits: {
    writes: "test/fixtures/numerics/bilinear_bits.json (F.bilinear: _trilinear's float32 sums, grads)",
    steps: () => [python("scripts/gen_bilinear_fixtures.py")],
  },
  linalg_out_strides: {
    writes: "test/fixtures/numerics/linalg_out_strides.json (the strides of resized linalg out= tensors)",
    steps: () => [python("scripts/gen_linalg_out_strides_fixtures.py")],
  },
};

function run({ argv, stdout }) {
  console.log(`$ ${argv.join(" ")}${stdout ? ` > ${stdout}` : ""}`);
  if (dryRun) return;
  // Output goes to a file beside the fixture, renamed over it only when the step succeeds.
  const partial = stdout ? join(ROOT, `${stdout}.partial`) : null;
  const out = partial ? openSync(partial, "w") : "inherit";
  try {
    // A fixed hash seed: Python prints sets (in some of PyTorch's messages) in hash order.
    const env = { ...process.env, PYTHONHASHSEED: "0" };
    const r = spawnSync(argv[0], argv.slice(1), { cwd: ROOT, env, stdio: ["ignore", out, "inherit"] });
    if (r.status !== 0)
      throw new Error(`failed (${r.error?.message ?? `exit status ${r.status}`}): ${argv.join(" ")}`);
    if (partial) renameSync(partial, join(ROOT, stdout));
  } finally {
    if (typeof out === "number") closeSync(out);
    if (partial) rmSync(partial, { force: true });
  }
}

// A generator script no entry runs would be a fixture nobody can regenerate: say so.
const used = new Set(
  Object.values(GENERATORS).flatMap((g) =>
    g.steps("TMP", []).flatMap((s) => s.argv.filter((a) => a.endsWith(".py"))),
  ),
);
for (const f of readdirSync(join(ROOT, "scripts")))
  if (/^gen_.*\.py$/.test(f) && !used.has(`scripts/${f}`))
    console.warn(
      `warning: scripts/${f} is not run by npm run fixtures (add it to GENERATORS in scripts/fixtures.mjs)`,
    );

const args = process.argv.slice(2);
const dryRun = args.includes("--dry-run");
const names = args.filter((a) => !a.startsWith("-"));
if (args.includes("--help") || args.includes("-h")) {
  console.log("npm run fixtures [-- [--dry-run] name ...]; names:");
  for (const [name, g] of Object.entries(GENERATORS)) console.log(`  ${name.padEnd(12)} ${g.writes}`);
  console.log("  <table>      an op table's fixtures only (test/ops/op_table.ts lists them)");
  process.exit(0);
}
const opTables = names.filter((n) => !(n in GENERATORS));
const chosen = Object.keys(GENERATORS).filter(
  (n) => names.length === 0 || names.includes(n) || (n === "ops" && opTables.length > 0),
);

const tmp = mkdtempSync(join(tmpdir(), "tensorgrad-fixtures-"));
try {
  for (const name of chosen) {
    console.log(`\n== ${name}: ${GENERATORS[name].writes}`);
    for (const step of GENERATORS[name].steps(tmp, name === "ops" && !names.includes("ops") ? opTables : []))
      run(step);
  }
} catch (e) {
  console.error(e.message);
  process.exitCode = 1;
} finally {
  rmSync(tmp, { recursive: true, force: true });
}
