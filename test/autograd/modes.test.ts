import { describe, expect, it } from "vitest";
import * as torch from "../../src/index.js";
import { expectPyError, fx } from "./fixtures.js";

describe("inference_mode (vs PyTorch)", () => {
  it("makes inference tensors that cannot be saved for backward or updated in place outside", () => {
    const { inf, view } = torch.autograd.inference_mode(() => {
      expect(torch.is_inference_mode_enabled()).toBe(true);
      expect(torch.is_grad_enabled()).toBe(false);
      const t = torch.ones(2);
      return { inf: t, view: t.view(2) };
    });
    expect(torch.is_inference_mode_enabled()).toBe(false);
    expect(torch.is_grad_enabled()).toBe(true);
    expect([inf.is_inference(), view.is_inference(), inf.requires_grad]).toEqual(fx.inference_flags);
    expect(torch.ones(1).is_inference()).toBe(false);
    const leaf = torch.tensor([1.0, 2.0], { requires_grad: true });
    expectPyError(() => inf.mul(leaf), fx.inference_save);
    expectPyError(() => view.mul(leaf), fx.inference_save);
    expect(fx.inference_add_ok).toBeNull();
    expect(inf.add(leaf).requires_grad).toBe(true);
    expectPyError(() => inf.add_(1), fx.inference_inplace);
    expect(inf.clone().mul(leaf).requires_grad).toBe(true); // a clone made outside is a normal tensor
  });
});

describe("anomaly detection (vs PyTorch)", () => {
  it("names the backward node that produced NaN and shows where it was created", () => {
    const a = torch.tensor([0.0, 2.0], { requires_grad: true });
    let message = "";
    torch.autograd.detect_anomaly(() => {
      expectPyError(() => a.div(a).sum().backward(), fx.anomaly_div);
      try {
        a.div(a).sum().backward();
      } catch (e) {
        message = (e as Error).message;
      }
      const w = torch.tensor([0.0, 1.0], { requires_grad: true });
      expectPyError(() => w.pow(0.5).mul(0).sum().backward(), fx.anomaly_pow);
    });
    expect(message).toMatch(/Traceback of forward call that caused the error:/);
    expect(message).toMatch(/modes\.test\.ts/);
    expect(torch.is_anomaly_enabled()).toBe(false);
    // Off: NaN gradients pass silently, like PyTorch.
    const b = torch.tensor([0.0], { requires_grad: true });
    b.div(b).sum().backward();
    expect(Number.isNaN(b.grad!.item())).toBe(true);
  });
});
