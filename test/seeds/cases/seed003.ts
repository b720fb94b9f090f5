// Ports of the seed_cases.json cases of seed 003 (Automatic Differentiation with torch.autograd).
import * as torch from "../../../src/index.js";
import type { Recorder } from "../recorder.js";
import { bceNegated } from "./bce.js";

const dy_dx = (x: number): number => 2 * x;
const dz_dx = (x: number): number => 2 * x * Math.cos(x ** 2);

export const seed003Cases: Record<string, (rec: Recorder) => void> = {
  "003_python_dy_dz": (rec) => {
    rec.repr("dy_dx(3)", dy_dx(3));
    rec.repr("dz_dx(4)", dz_dx(4));
  },

  "003_square": (rec) => {
    const x = torch.tensor(3.0, { requires_grad: true });
    rec.repr("x", x);
    const y = x.pow(2);
    rec.repr("y", y);
    y.backward();
    rec.repr("y", y);
    rec.repr("x.grad", () => x.grad);
  },

  "003_sin_square_x4": (rec) => {
    const x = torch.tensor(4.0, { requires_grad: true });
    rec.repr("x", x);
    const y = x.pow(2);
    rec.repr("y", y);
    const z = torch.sin(y);
    rec.repr("z", z);
    z.backward();
    rec.repr("z", z);
    rec.repr("x.grad", () => x.grad);
    rec.fprint(`${x.grad}`, ["x.grad", x.grad]);
  },

  "003_bce_manual_x6.7_y0": (rec) => {
    // Inputs
    const x = torch.tensor(6.7); // Input feature
    const y = torch.tensor(0.0); // True label (binary)
    const w = torch.tensor(1.0); // Weight
    const b = torch.tensor(0.0); // Bias
    // Forward pass
    const z = w.mul(x).add(b); // Weighted sum (linear part)
    const y_pred = torch.sigmoid(z); // Predicted probability
    // Compute binary cross-entropy loss
    const loss = bceNegated(y_pred, y);
    rec.repr("loss", loss);
    rec.fprint(`${loss}`, ["loss", loss]);
    rec.fprint(`${y_pred}`, ["y_pred", y_pred]);
    const dloss_dy_pred = y_pred.sub(y).div(y_pred.mul(torch.sub(1, y_pred)));
    const dy_pred_dz = y_pred.mul(torch.sub(1, y_pred));
    const dz_dw = x; // dz/dw = x
    const dz_db = 1; // dz/db = 1 (bias contributes directly to z)
    const dL_dw = dloss_dy_pred.mul(dy_pred_dz).mul(dz_dw);
    const dL_db = dloss_dy_pred.mul(dy_pred_dz).mul(dz_db);
    rec.fprint(`Manual Gradient of loss w.r.t weight (dw): ${dL_dw}`, ["dL_dw", dL_dw]);
    rec.fprint(`Manual Gradient of loss w.r.t bias (db): ${dL_db}`, ["dL_db", dL_db]);
    rec.fprint(
      `${dloss_dy_pred} ${dy_pred_dz}`,
      ["dloss_dy_pred", dloss_dy_pred],
      ["dy_pred_dz", dy_pred_dz],
    );
  },

  "003_bce_autograd_x6.7_y0": (rec) => {
    const x = torch.tensor(6.7);
    const y = torch.tensor(0.0);
    rec.str("x", x);
    rec.str("y", y);
    const w = torch.tensor(1.0, { requires_grad: true });
    const b = torch.tensor(0.0, { requires_grad: true });
    rec.str("w", w);
    rec.str("b", b);
    const z = w.mul(x).add(b);
    rec.repr("z", z);
    const y_pred = torch.sigmoid(z);
    rec.repr("y_pred", y_pred);
    const loss = bceNegated(y_pred, y);
    rec.repr("loss", loss);
    rec.fprint(`${loss}`, ["loss", loss]);
    loss.backward();
    rec.fprint(`By using autograd function (dw): ${w.grad}`, ["w.grad", w.grad]);
    rec.fprint(`By using autograd function (db): ${b.grad}`, ["b.grad", b.grad]);
    rec.repr("w.grad", () => w.grad);
    rec.repr("b.grad", () => b.grad);
  },

  "003_bce_graph_nodes_x6.7_y0": (rec) => {
    const x = torch.tensor(6.7);
    const y = torch.tensor(0.0);
    const w = torch.tensor(1.0, { requires_grad: true });
    const b = torch.tensor(0.0, { requires_grad: true });
    const wx = w.mul(x);
    const z = wx.add(b);
    const y_pred = torch.sigmoid(z);
    const pc = torch.clamp(y_pred, 1e-8, 1 - 1e-8);
    const log_p = torch.log(pc);
    const t1 = y.mul(log_p);
    const one_minus_t = torch.sub(1, y); // 1 - y
    const one_minus_p = torch.sub(1, pc); // 1 - pc
    const log_1mp = torch.log(one_minus_p);
    const t2 = one_minus_t.mul(log_1mp);
    const s = t1.add(t2);
    const loss = torch.neg(s); // -s
    const all = { w, b, x, y, wx, z, y_pred, pc, log_p, t1, one_minus_t, one_minus_p, log_1mp, t2, s, loss };
    for (const [name, t] of Object.entries(all)) rec.node(name, t);
    const withNext = { wx, z, y_pred, pc, log_p, t1, one_minus_p, log_1mp, t2, s, loss };
    for (const [name, t] of Object.entries(withNext)) rec.nextFunctions(name, t);
    for (const [name, t] of Object.entries({ pc, log_p, t1, one_minus_p, log_1mp, s, loss }))
      rec.repr(name, t);
    loss.backward();
    rec.fprint(`${w.grad} ${b.grad}`, ["w.grad", w.grad], ["b.grad", b.grad]);
  },

  "003_vector_mean": (rec) => {
    const x = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
    rec.repr("x", x);
    const y = x.pow(2).mean();
    rec.repr("y", y);
    y.backward();
    rec.repr("x.grad", () => x.grad);
    rec.fprint(`${y}`, ["y", y]);
  },

  "003_clearing_gradients": (rec) => {
    const x = torch.tensor(2.0, { requires_grad: true });
    rec.repr("x", x);
    const y = x.pow(2);
    rec.repr("y", y);
    y.backward();
    rec.repr("x.grad", () => x.grad);
    rec.repr("x.grad.zero_()", () => x.grad!.zero_());
    rec.repr("x.grad", () => x.grad);
  },

  "003_requires_grad_false": (rec) => {
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
    rec.repr("x.grad", () => x.grad);
    // This will not work now (commented out in the notebook):
    rec.error("y.backward()", () => y.backward());
  },

  "003_detach": (rec) => {
    const x = torch.tensor(2.0, { requires_grad: true });
    rec.repr("x", x);
    const z = x.detach();
    rec.repr("z", z);
    const y = x.pow(2);
    rec.repr("y", y);
    const y1 = z.pow(2);
    rec.repr("y1", y1);
    y.backward();
    rec.repr("x.grad", () => x.grad);
    // This will not work now (commented out in the notebook):
    rec.error("y1.backward()", () => y1.backward());
  },

  "003_no_grad": (rec) => {
    const x = torch.tensor(2.0, { requires_grad: true });
    rec.repr("x", x);
    const y = torch.no_grad(() => x.pow(2)); // with torch.no_grad(): y = x ** 2
    rec.repr("y", y);
    // This will not work now (commented out in the notebook):
    rec.error("y.backward()", () => y.backward());
  },
};
