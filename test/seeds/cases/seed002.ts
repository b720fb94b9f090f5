// Ports of the seed_cases.json cases of seed 002 (a simple computation graph, clearing and disabling gradients).
import * as torch from "../../../src/index.js";
import type { Recorder } from "../recorder.js";
import { bceNegated } from "./bce.js";

const dy_dx = (x: number): number => 2 * x;
const dz_dx = (x: number): number => 2 * x * Math.cos(x ** 2);

export const seed002Cases: Record<string, (rec: Recorder) => void> = {
  "002_python_dy_dz": (rec) => {
    rec.repr("dy_dx(4)", dy_dx(4));
    rec.repr("dz_dx(3)", dz_dx(3));
  },

  "002_square": (rec) => {
    const x = torch.tensor(3.0, { requires_grad: true });
    const y = x.pow(2);
    rec.repr("x", x);
    rec.repr("y", y);
    rec.node("x", x);
    rec.node("y", y);
    rec.nextFunctions("y", y);
    y.backward();
    rec.repr("x.grad", () => x.grad);
  },

  "002_sin_square_x3": (rec) => {
    const x = torch.tensor(3.0, { requires_grad: true });
    const y = x.pow(2);
    const z = torch.sin(y);
    rec.repr("x", x);
    rec.repr("y", y);
    rec.repr("z", z);
    rec.node("z", z);
    rec.nextFunctions("z", z);
    // dz_dx
    z.backward();
    rec.repr("x.grad", () => x.grad);
    rec.repr("y.grad", () => y.grad); // would give an error. (It warns and is None.)
    rec.str("y.grad is None", () => y.grad === null);
  },

  "002_bce_manual_x6.7_y0": (rec) => {
    const x = torch.tensor(6.7);
    const y = torch.tensor(0.0);
    const w = torch.tensor(1.0);
    const b = torch.tensor(0.0);
    const z = w.mul(x).add(b);
    const y_pred = torch.sigmoid(z);
    const loss = bceNegated(y_pred, y);
    rec.repr("loss", loss);
    // Derivative calc.
    const dloss_dy_pred = y_pred.sub(y).div(y_pred.mul(torch.sub(1, y_pred)));
    const dy_pred_dz = y_pred.mul(torch.sub(1, y_pred));
    const dz_dw = x;
    const dz_db = 1;
    const dL_dw = dloss_dy_pred.mul(dy_pred_dz).mul(dz_dw);
    const dL_db = dloss_dy_pred.mul(dy_pred_dz).mul(dz_db);
    rec.fprint(`Manual Gradient of loss w.r.t weight (dw): ${dL_dw}`, ["dL_dw", dL_dw]);
    rec.fprint(`Manual Gradient of loss w.r.t bias (db): ${dL_db}`, ["dL_db", dL_db]);
    rec.repr("dloss_dy_pred", dloss_dy_pred);
    rec.repr("dy_pred_dz", dy_pred_dz);
    rec.repr("dL_dw", dL_dw);
  },

  "002_bce_autograd_x6.7_y0": (rec) => {
    const x = torch.tensor(6.7);
    const y = torch.tensor(0.0);
    const w = torch.tensor(1.0, { requires_grad: true });
    const b = torch.tensor(0.0, { requires_grad: true });
    const z = w.mul(x).add(b);
    const y_pred = torch.sigmoid(z);
    const loss = bceNegated(y_pred, y);
    rec.repr("z", z);
    rec.repr("y_pred", y_pred);
    rec.repr("loss", loss);
    for (const [name, t] of Object.entries({ w, b, x, y, z, y_pred, loss })) rec.node(name, t);
    loss.backward();
    rec.str("w.grad", () => w.grad);
    rec.str("b.grad", () => b.grad);
    rec.fprint(`${w.grad} ${b.grad}`, ["w.grad", w.grad], ["b.grad", b.grad]);
  },

  "002_vector_mean": (rec) => {
    const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
    const y = x.pow(2).mean();
    rec.repr("y", y);
    rec.node("y", y);
    rec.nextFunctions("y", y);
    y.backward();
    // We get 3 gradients because we differentiate w.r.t x which is a vector.
    rec.repr("x.grad", () => x.grad);
  },

  "002_gradient_accumulation": (rec) => {
    const x = torch.tensor(2.0, { requires_grad: true });
    rec.repr("x", x);
    let y = x.pow(2);
    rec.repr("y", y);
    y.backward();
    rec.repr("x.grad", () => x.grad);
    // but now if you run the forward pass and the backward pass again then the gradient starts getting accumulated
    y = x.pow(2);
    y.backward();
    rec.repr("x.grad", () => x.grad);
    // once more
    y = x.pow(2);
    y.backward();
    rec.repr("x.grad", () => x.grad);
    // to stop this from happening you need to manually by doing
    x.grad!.zero_();
    y = x.pow(2);
    y.backward();
    rec.repr("x.grad", () => x.grad);
  },

  "002_requires_grad_false": (rec) => {
    const x = torch.tensor(3.0, { requires_grad: true });
    rec.repr("x", x);
    // forward pass lets say
    let y = x.pow(2);
    rec.repr("y", y);
    // backward pass say
    y.backward();
    // so then the obtained gradient
    rec.repr("x.grad", () => x.grad);
    rec.repr("x", x);
    rec.repr("x.requires_grad_(False)", () => x.requires_grad_(false));
    rec.repr("x", x);
    y = x.pow(2);
    rec.repr("y", y);
    rec.node("x", x);
    rec.node("y", y);
    rec.repr("x.grad", () => x.grad);
    // because requires_grad is switched off so this doesn't work
    rec.error("y.backward()", () => y.backward());
  },

  "002_detach": (rec) => {
    const x = torch.tensor(2.0, { requires_grad: true });
    rec.repr("x", x);
    // this creates a new tensor itself
    const z = x.detach();
    rec.repr("z", z);
    const y = x.pow(2);
    rec.repr("y", y);
    const y1 = z.pow(2);
    rec.repr("y1", y1);
    rec.node("z", z);
    rec.node("y", y);
    rec.node("y1", y1);
    y.backward(); // works
    rec.repr("x.grad", () => x.grad);
    rec.error("y1.backward()", () => y1.backward()); // wont work
  },

  "002_no_grad": (rec) => {
    const x = torch.tensor(2.0, { requires_grad: true });
    rec.repr("x", x);
    // make use of the with statement
    let y = torch.no_grad(() => x.pow(2));
    rec.repr("y", y);
    rec.node("y", y);
    rec.error("y.backward()", () => y.backward());
    // if you remove the with statment then
    y = x.pow(2);
    rec.repr("y", y);
    y.backward();
    rec.repr("x.grad", () => x.grad);
  },
};
