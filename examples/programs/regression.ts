// pytorch/examples regression (a polynomial fitted by a Linear layer with smooth_l1_loss and hand-written
// gradient steps through `param.data.add_`, until the loss is under 1e-3), line for line: python/regression.py.
import * as torch from "tensorgrad";
import { format, print } from "../tutorials/python.js";
const F = torch.nn.functional;

torch.manual_seed(1);

const POLY_DEGREE = 4;
const W_target = torch.randn(POLY_DEGREE, 1).mul(5);
const b_target = torch.randn(1).mul(5);

/** Builds features i.e. a matrix with columns [x, x^2, x^3, x^4]. */
function make_features(x: torch.Tensor): torch.Tensor {
  x = x.unsqueeze(1);
  return torch.cat(
    Array.from({ length: POLY_DEGREE }, (_, k) => x.pow(k + 1)),
    1,
  );
}

/** Approximated function. */
function f(x: torch.Tensor): torch.Tensor {
  return x.mm(W_target).add(b_target.item());
}

/** Creates a string description of a polynomial. */
function poly_desc(W: torch.Tensor, b: torch.Tensor): string {
  let result = "y = ";
  for (let i = 0; i < W.size(0); i++) {
    const w = W.get(i);
    result += `${format(w.item(), "+.2f")} x^${i + 1} `;
  }
  result += format(b.get(0).item(), "+.2f");
  return result;
}

/** Builds a batch i.e. (x, f(x)) pair. */
function get_batch(batch_size = 32): [torch.Tensor, torch.Tensor] {
  const random = torch.randn(batch_size);
  const x = make_features(random);
  const y = f(x);
  return [x, y];
}

// Define model
const fc = new torch.nn.Linear(W_target.size(0), 1);

let loss = 0;
let batch_idx = 1; // itertools.count(1)
for (; ; batch_idx++) {
  // Get data
  const [batch_x, batch_y] = get_batch();

  // Reset gradients
  fc.zero_grad();

  // Forward pass
  const output = F.smooth_l1_loss(fc.forward(batch_x), batch_y);
  loss = output.item();

  // Backward pass
  output.backward();

  // Apply gradients
  for (const param of fc.parameters()) param.data.add_(param.grad!.mul(-0.1));

  // Stop criterion
  if (loss < 1e-3) break;
}

print(`Loss: ${format(loss, ".6f")} after ${batch_idx} batches`);
print("==> Learned function:\t" + poly_desc(fc.weight.view(-1), fc.bias!));
print("==> Actual function:\t" + poly_desc(W_target.view(-1), b_target));
