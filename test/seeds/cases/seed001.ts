// Ports of the seed_cases.json cases of seed 001 (Autograd: general steps, BCE by hand and by autograd).
import * as torch from "../../../src/index.js";
import type { Recorder } from "../recorder.js";
import { bceNegated } from "./bce.js";

// diff of x^2 (Python: `2*x` of an int is an int)
const dy_dx = (x: number): number => 2 * x;
// diff of y = x^2 & z = sin(y)
const dz_dx = (x: number): number => 2 * x * Math.cos(x ** 2);

export const seed001Cases: Record<string, (rec: Recorder) => void> = {
  "001_python_dy_dx": (rec) => {
    rec.str("dy_dx(3)", dy_dx(3));
  },

  "001_square_print_grad": (rec) => {
    const x = torch.tensor(3.0, { requires_grad: true });
    const y = x.pow(2);
    y.backward();
    // The notebook shows a stale `None` here; PyTorch prints tensor(6.).
    rec.str("x.grad", () => x.grad);
  },

  "001_python_dz_dx": (rec) => {
    rec.repr("dz_dx(4)", dz_dx(4));
  },

  "001_sin_square_print_nonleaf_grad": (rec) => {
    const x = torch.tensor(4.0, { requires_grad: true });
    const y = x.pow(2);
    const z = torch.sin(y);
    z.backward(); // this is performing diff
    rec.strs(["x.grad", "y.grad"], () => [x.grad, y.grad]);
    rec.node("x", x);
    rec.node("y", y);
    rec.node("z", z);
  },

  "001_clamp_int64": (rec) => {
    let x = torch.tensor([2n, 1n, 4n, 9n, 8n, 6n, 7n]);
    x = torch.clamp(x, { min: 3, max: 7 });
    rec.str("x", x);
    rec.str("x.dtype", x.dtype);
    rec.node("x", x);
  },

  "001_bce_manual_x6.7_y0": (rec) => {
    const x = torch.tensor(6.7); // input feature
    const y = torch.tensor(0.0); // True label
    const w = torch.tensor(1.0);
    const b = torch.tensor(0.0);
    // Forward pass
    const z = w.mul(x).add(b);
    const y_pred = torch.sigmoid(z);
    const loss = bceNegated(y_pred, y);
    rec.str("loss", loss);
    const dl_dypred = y_pred.sub(y).div(y_pred.mul(torch.sub(1, y_pred)));
    const dypred_dz = y_pred.mul(torch.sub(1, y_pred));
    const dz_dw = x;
    const dz_db = 1;
    const dL_dw = dl_dypred.mul(dypred_dz).mul(dz_dw);
    const dL_db = dl_dypred.mul(dypred_dz).mul(dz_db);
    rec.fprint(`Manual Gradient of loss w.r.t weight (dw): ${dL_dw}`, ["dL_dw", dL_dw]);
    rec.fprint(`Manual Gradient of loss w.r.t bias (db): ${dL_db}`, ["dL_db", dL_db]);
    rec.fprint(`Loss: ${loss}`, ["loss", loss]);
    rec.repr("y_pred", y_pred);
  },

  "001_bce_autograd_x6.7_y0_reuses_z": (rec) => {
    let x = torch.tensor(6.7);
    let y = torch.tensor(0.0);
    const w = torch.tensor(1.0);
    const b = torch.tensor(0.0);
    let z = w.mul(x).add(b); // the manual section's forward pass, which the notebook's next cell reuses

    x = torch.tensor(6.7);
    y = torch.tensor(0.0);

    const w_new = torch.tensor(1.0, { requires_grad: true });
    const b_new = torch.tensor(0.0, { requires_grad: true });

    z = w_new.mul(z).add(b_new);
    const y_pred = torch.sigmoid(z);
    rec.str("y_pred", y_pred);
    const loss = bceNegated(y_pred, y);
    rec.str("loss", loss);
    loss.backward();
    rec.strs(["w_new.grad", "b_new.grad"], () => [w_new.grad, b_new.grad]);
    rec.fprint(`${w_new.grad} ${b_new.grad}`, ["w_new.grad", w_new.grad], ["b_new.grad", b_new.grad]);
    rec.node("z", z);
    rec.node("y_pred", y_pred);
    rec.node("loss", loss);
    void x;
  },

  "001_vector_mean": (rec) => {
    const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
    const y = x.pow(2).mean();
    y.backward();
    rec.repr("x.grad", () => x.grad);
  },

  "001_clearing_gradients": (rec) => {
    const x = torch.tensor(2.0, { requires_grad: true });
    const y = x.pow(2);
    y.backward();
    // diff newly every time after running forwarpass again and again
    rec.str("x.grad", () => x.grad);
    rec.repr("x.grad.zero_()", () => x.grad!.zero_()); // Clearing gradient
  },
};
