// Ports of the seed_cases.json cases of seed 000 (Understanding PyTorch Autograd), line for line.
import * as torch from "../../../src/index.js";
import type { Recorder } from "../recorder.js";
import { bceMinusOne } from "./bce.js";

export const seed000Cases: Record<string, (rec: Recorder) => void> = {
  "000_bce_manual_x3.73_y1": (rec) => {
    const x = torch.tensor(3.73);
    const y = torch.tensor(1.0);
    const w = torch.tensor(1.0);
    const b = torch.tensor(0.0);
    const z = w.mul(x).add(b);
    const prediction = torch.sigmoid(z);
    const loss = bceMinusOne(prediction, y);
    rec.fprint(`Loss: ${loss}`, ["loss", loss]);
    rec.fprint(`Prediction: ${prediction}`, ["prediction", prediction]);
    rec.repr("z", z);
    rec.repr("prediction", prediction);
    rec.repr("loss", loss);
    rec.node("x", x);
    rec.node("z", z);
    rec.node("prediction", prediction);
    rec.node("loss", loss);
    const dloss_dpred = prediction.sub(y).div(prediction.mul(torch.sub(1, prediction)));
    const dpred_dz = prediction.mul(torch.sub(1, prediction));
    const dz_dw = x;
    const dz_db = 1;
    const dloss_dw = dloss_dpred.mul(dpred_dz).mul(dz_dw);
    const dloss_db = dloss_dpred.mul(dpred_dz).mul(dz_db);
    rec.fprint(`Gradient of loss with respect to weight: ${dloss_dw}`, ["dloss_dw", dloss_dw]);
    rec.fprint(`Gradient of loss with respect to bias: ${dloss_db}`, ["dloss_db", dloss_db]);
    rec.repr("dloss_dpred", dloss_dpred);
    rec.repr("dpred_dz", dpred_dz);
    rec.repr("dloss_dw", dloss_dw);
    rec.repr("dloss_db", dloss_db);
  },

  "000_bce_autograd_x3.73_y1": (rec) => {
    const x2 = torch.tensor(3.73);
    const y2 = torch.tensor(1.0);
    const w2 = torch.tensor(1.0, { requires_grad: true });
    const b2 = torch.tensor(0.0, { requires_grad: true });
    const z2 = w2.mul(x2).add(b2);
    const y_pred = torch.sigmoid(z2);
    const loss2 = bceMinusOne(y_pred, y2);
    rec.fprint(`Loss: ${loss2}`, ["loss2", loss2]);
    rec.fprint(`Prediction: ${y_pred}`, ["y_pred", y_pred]);
    rec.repr("z2", z2);
    rec.repr("y_pred", y_pred);
    rec.repr("loss2", loss2);
    rec.node("w2", w2);
    rec.node("b2", b2);
    rec.node("x2", x2);
    rec.node("y2", y2);
    rec.node("z2", z2);
    rec.node("y_pred", y_pred);
    rec.node("loss2", loss2);
    rec.repr("w2.grad", () => w2.grad);
    loss2.backward();
    rec.fprint(`\n\nGradient of loss with respect to weight: ${w2.grad}`, ["w2.grad", w2.grad]);
    rec.fprint(`Gradient of loss with respect to bias: ${b2.grad}`, ["b2.grad", b2.grad]);
    rec.repr("w2.grad", () => w2.grad);
    rec.repr("b2.grad", () => b2.grad);
    rec.node("w2.grad", w2.grad!);
  },

  "000_bce_graph_nodes_x3.73_y1": (rec) => {
    const x = torch.tensor(3.73);
    const y = torch.tensor(1.0);
    const w = torch.tensor(1.0, { requires_grad: true });
    const b = torch.tensor(0.0, { requires_grad: true });
    const wx = w.mul(x);
    const z = wx.add(b);
    const p = torch.sigmoid(z);
    const pc = torch.clamp(p, 1e-8, 1 - 1e-8);
    const neg_t = torch.mul(-1, y); // -1*y
    const log_p = torch.log(pc);
    const t1 = neg_t.mul(log_p);
    const one_minus_t = torch.sub(1, y); // 1-y
    const one_minus_p = torch.sub(1, pc); // 1-pc
    const log_1mp = torch.log(one_minus_p);
    const t2 = one_minus_t.mul(log_1mp);
    const loss = t1.sub(t2);
    const named = { wx, z, p, pc, neg_t, log_p, t1, one_minus_t, one_minus_p, log_1mp, t2, loss };
    for (const [name, t] of Object.entries(named)) rec.node(name, t);
    const withNext = { wx, z, p, pc, t1, one_minus_p, t2, loss };
    for (const [name, t] of Object.entries(withNext)) rec.nextFunctions(name, t);
    rec.repr("pc", pc);
    rec.repr("one_minus_p", one_minus_p);
    rec.repr("log_1mp", log_1mp);
    rec.repr("loss", loss);
    loss.backward();
    rec.fprint(`${w.grad} ${b.grad}`, ["w.grad", w.grad], ["b.grad", b.grad]);
    rec.repr("w.grad", () => w.grad);
    rec.repr("b.grad", () => b.grad);
  },

  "000_vector_mean_fstring": (rec) => {
    const x3 = torch.tensor([1.0, 2.0, 3.0], { requires_grad: true });
    const y3 = x3.pow(2).mean();
    rec.fprint(`Value of y: ${y3}`, ["y3", y3]);
    rec.repr("y3", y3);
    rec.node("x3", x3);
    rec.node("y3", y3);
    y3.backward();
    rec.fprint(`\n\nGradients of y: ${x3.grad}`, ["x3.grad", x3.grad]);
    rec.repr("x3.grad", () => x3.grad);
  },

  "000_clearing_gradients_fstring": (rec) => {
    const x4 = torch.tensor(2.0, { requires_grad: true });
    const y4 = x4.pow(2);
    rec.fprint(`Value of y: ${y4}`, ["y4", y4]);
    y4.backward();
    rec.fprint(`\n\nGradients of y: ${x4.grad}`, ["x4.grad", x4.grad]);
    rec.repr("x4.grad.zero_()", () => x4.grad!.zero_());
    rec.repr("x4.grad", () => x4.grad);
  },

  "000_disable_tracking_fstring": (rec) => {
    const x5 = torch.tensor(2.0, { requires_grad: true });
    const y5 = x5.pow(3);
    rec.fprint(`Value of y: ${y5}`, ["y5", y5]);
    y5.backward();
    rec.fprint(`Gradients of y: ${x5.grad}`, ["x5.grad", x5.grad]);
    const x6 = x5.requires_grad_(false);
    const y6 = x6.pow(4);
    rec.fprint(`\nValue of y (requires_grad_): ${y6}`, ["y6", y6]);
    const x7 = x5.detach();
    const y7 = x7.pow(5);
    rec.fprint(`Value of y (detach): ${y7}`, ["y7", y7]);
    rec.strs(["x6 is x5", "x7 is x5"], () => [x6 === x5, x7 === x5]);
    rec.node("x5", x5);
    rec.node("y5", y5);
    rec.node("y6", y6);
    rec.node("x7", x7);
    rec.node("y7", y7);
    rec.repr("x5", x5);
    rec.repr("x5.grad", () => x5.grad);
    rec.repr("y6", y6);
    rec.repr("y7", y7);
  },

  "000_no_grad_fstring": (rec) => {
    const x8 = torch.tensor(2.0, { requires_grad: true });
    const y8 = torch.no_grad(() => x8.pow(6)); // with torch.no_grad(): y8 = x8**6
    rec.fprint(`Value of y (no_grad): ${y8}`, ["y8", y8]);
    rec.repr("y8", y8);
    rec.node("y8", y8);
    rec.str("torch.is_grad_enabled()", torch.is_grad_enabled());
  },
};
