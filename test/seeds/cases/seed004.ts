// Ports of the seed_cases.json cases of seed 004 (Autograd in PyTorch, the Hinglish notebook).
import * as torch from "../../../src/index.js";
import type { Recorder } from "../recorder.js";
import { bceNegated } from "./bce.js";

const dy_dx = (x: number): number => 2 * x;
const dz_dx = (x: number): number => 2 * x * Math.cos(x ** 2);

export const seed004Cases: Record<string, (rec: Recorder) => void> = {
  "004_python_dy_dz": (rec) => {
    rec.repr("dy_dx(3)", dy_dx(3));
    rec.repr("dz_dx(2)", dz_dx(2));
    rec.repr("dz_dx(4)", dz_dx(4));
  },

  "004_square": (rec) => {
    const x = torch.tensor(3.0, { requires_grad: true });
    const y = x.pow(2);
    rec.repr("x", x);
    rec.repr("y", y);
    y.backward();
    rec.repr("x.grad", () => x.grad);
  },

  "004_sin_square_x4": (rec) => {
    const x = torch.tensor(4.0, { requires_grad: true });
    const y = x.pow(2);
    const z = torch.sin(y);
    rec.repr("x", x);
    rec.repr("y", y);
    rec.repr("z", z);
    z.backward();
    rec.repr("x.grad", () => x.grad);
    rec.repr("y.grad", () => y.grad); // The .grad attribute of a Tensor that is not a leaf Tensor is being accessed.
  },

  "004_bce_manual_x6.7_y0": (rec) => {
    const x = torch.tensor(6.7); // Input feature
    const y = torch.tensor(0.0); // True label (binary)
    const w = torch.tensor(1.0); // Weight
    const b = torch.tensor(0.0); // Bias
    const z = w.mul(x).add(b); // Weighted sum (linear part)
    const y_pred = torch.sigmoid(z); // Predicted probability i.e ^y
    const loss = bceNegated(y_pred, y);
    rec.repr("loss", loss);
    const dloss_dy_pred = y_pred.sub(y).div(y_pred.mul(torch.sub(1, y_pred)));
    const dy_pred_dz = y_pred.mul(torch.sub(1, y_pred));
    const dz_dw = x;
    const dz_db = 1;
    const dL_dw = dloss_dy_pred.mul(dy_pred_dz).mul(dz_dw);
    const dL_db = dloss_dy_pred.mul(dy_pred_dz).mul(dz_db);
    rec.fprint(`Manual Gradient of loss w.r.t weight (dw): ${dL_dw}`, ["dL_dw", dL_dw]);
    rec.fprint(`Manual Gradient of loss w.r.t bias (db): ${dL_db}`, ["dL_db", dL_db]);
  },

  "004_bce_autograd_x6.7_y0": (rec) => {
    const x = torch.tensor(6.7);
    const y = torch.tensor(0.0);
    const w = torch.tensor(1.0, { requires_grad: true });
    const b = torch.tensor(0.0, { requires_grad: true });
    rec.repr("w", w);
    rec.repr("b", b);
    const z = w.mul(x).add(b);
    rec.repr("z", z);
    const y_pred = torch.sigmoid(z);
    rec.repr("y_pred", y_pred);
    const loss = bceNegated(y_pred, y);
    rec.repr("loss", loss);
    loss.backward();
    rec.str("w.grad", () => w.grad);
    rec.str("b.grad", () => b.grad);
  },

  "004_vector_mean": (rec) => {
    const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
    rec.repr("x", x);
    const y = x.pow(2).mean();
    rec.repr("y", y);
    y.backward();
    rec.repr("x.grad", () => x.grad);
  },

  "004_clearing_gradients": (rec) => {
    const x = torch.tensor(2.0, { requires_grad: true });
    rec.repr("x", x);
    const y = x.pow(2);
    rec.repr("y", y);
    y.backward();
    rec.repr("x.grad", () => x.grad);
    rec.repr("x.grad.zero_()", () => x.grad!.zero_());
  },

  "004_requires_grad_false": (rec) => {
    const x = torch.tensor(2.0, { requires_grad: true });
    rec.repr("x", x);
    let y = x.pow(2);
    rec.repr("y", y);
    y.backward();
    rec.repr("x.grad", () => x.grad);
    rec.repr("x.requires_grad_(False)", () => x.requires_grad_(false));
    rec.repr("x", x);
    y = x.pow(2);
    rec.repr("y", y);
    rec.error("y.backward()", () => y.backward());
  },

  "004_detach": (rec) => {
    const x = torch.tensor(2.0, { requires_grad: true });
    rec.repr("x", x);
    const z = x.detach();
    rec.repr("z", z);
    const y = x.pow(2);
    rec.repr("y", y);
    const y1 = z.pow(2);
    rec.repr("y1", y1);
    y.backward();
    rec.error("y1.backward()", () => y1.backward());
  },

  "004_final_square": (rec) => {
    const x = torch.tensor(2.0, { requires_grad: true });
    rec.repr("x", x);
    const y = x.pow(2);
    rec.repr("y", y);
    y.backward();
    rec.repr("x.grad", () => x.grad);
  },
};
