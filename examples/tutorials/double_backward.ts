// "Double Backward with Custom Functions", line for line: python/double_backward.py (each notebook cell's value
// printed; torchviz.make_dot replaced by printing the tensors it draws).
import * as torch from "tensorgrad";
import { print } from "./python.js";
torch.manual_seed(0);

type Ctx = torch.autograd.FunctionCtx;

class Square extends torch.autograd.Function {
  static override forward(ctx: Ctx, x: torch.Tensor) {
    // Because we are saving one of the inputs use `save_for_backward`
    // Save non-tensors and non-inputs/non-outputs directly on ctx
    ctx.save_for_backward(x);
    return x.pow(2);
  }

  static override backward(ctx: Ctx, grad_out: torch.Tensor) {
    // A function support double backward automatically if autograd
    // is able to record the computations performed in backward
    const [x] = ctx.saved_tensors;
    return grad_out.mul(2).mul(x!);
  }
}

const squareApply = (x: torch.Tensor) => Square.apply(x) as torch.Tensor;

// Use double precision because finite differencing method magnifies errors
let x = torch.rand(3, 3, { requires_grad: true, dtype: torch.double });
print(torch.autograd.gradcheck(squareApply, x));
// Use gradcheck to verify second-order derivatives
print(torch.autograd.gradgradcheck(squareApply, x));

x = torch.tensor(1, { requires_grad: true }).clone();
let out = squareApply(x);
let [grad_x] = torch.autograd.grad(out, x, { create_graph: true });
print(grad_x, x, out);

class Exp extends torch.autograd.Function {
  // Simple case where everything goes well
  static override forward(ctx: Ctx, x: torch.Tensor) {
    // This time we save the output
    const result = torch.exp(x);
    // Note that we should use `save_for_backward` here when
    // the tensor saved is an ouptut (or an input).
    ctx.save_for_backward(result);
    return result;
  }

  static override backward(ctx: Ctx, grad_out: torch.Tensor) {
    const [result] = ctx.saved_tensors;
    return result!.mul(grad_out);
  }
}

const expApply = (x: torch.Tensor) => Exp.apply(x) as torch.Tensor;

x = torch.tensor(1, { requires_grad: true, dtype: torch.double }).clone();
// Validate our gradients using gradcheck
print(torch.autograd.gradcheck(expApply, x));
print(torch.autograd.gradgradcheck(expApply, x));

out = expApply(x);
[grad_x] = torch.autograd.grad(out, x, { create_graph: true });
print(grad_x, x, out);

{
  class Sinh extends torch.autograd.Function {
    static override forward(ctx: Ctx, x: torch.Tensor) {
      const expx = torch.exp(x);
      const expnegx = torch.exp(x.neg());
      ctx.save_for_backward(expx, expnegx);
      // In order to be able to save the intermediate results, a trick is to
      // include them as our outputs, so that the backward graph is constructed
      return [expx.sub(expnegx).div(2), expx, expnegx];
    }

    static override backward(
      ctx: Ctx,
      grad_out: torch.Tensor,
      _grad_out_exp: torch.Tensor,
      _grad_out_negexp: torch.Tensor,
    ) {
      const [expx, expnegx] = ctx.saved_tensors;
      let grad_input = grad_out.mul(expx!.add(expnegx!)).div(2);
      // We cannot skip accumulating these even though we won't use the outputs
      // directly. They will be used later in the second backward.
      grad_input = grad_input.add_(_grad_out_exp.mul(expx!));
      grad_input = grad_input.sub_(_grad_out_negexp.mul(expnegx!));
      return grad_input;
    }
  }

  const sinh = (x: torch.Tensor) => {
    // Create a wrapper that only returns the first output
    return (Sinh.apply(x) as torch.Tensor[])[0]!;
  };

  x = torch.rand(3, 3, { requires_grad: true, dtype: torch.double });
  print(torch.autograd.gradcheck(sinh, x));
  print(torch.autograd.gradgradcheck(sinh, x));

  out = sinh(x);
  [grad_x] = torch.autograd.grad(out.sum(), x, { create_graph: true });
  print(grad_x, x, out);
}

{
  class Sinh extends torch.autograd.Function {
    // This is an example of what NOT to do!
    static override forward(ctx: Ctx & { expx?: torch.Tensor; expnegx?: torch.Tensor }, x: torch.Tensor) {
      const expx = torch.exp(x);
      const expnegx = torch.exp(x.neg());
      ctx.expx = expx;
      ctx.expnegx = expnegx;
      return expx.sub(expnegx).div(2);
    }

    static override backward(
      ctx: Ctx & { expx?: torch.Tensor; expnegx?: torch.Tensor },
      grad_out: torch.Tensor,
    ) {
      const expx = ctx.expx!;
      const expnegx = ctx.expnegx!;
      const grad_input = grad_out.mul(expx.add(expnegx)).div(2);
      return grad_input;
    }
  }

  out = Sinh.apply(x) as torch.Tensor;
  [grad_x] = torch.autograd.grad(out.sum(), x, { create_graph: true });
  print(grad_x, x, out);
}

const cube_forward = (x: torch.Tensor) => x.pow(3);

const cube_backward = (grad_out: torch.Tensor, x: torch.Tensor) => grad_out.mul(3).mul(x.pow(2));

const cube_backward_backward = (grad_out: torch.Tensor, sav_grad_out: torch.Tensor, x: torch.Tensor) =>
  grad_out.mul(sav_grad_out).mul(6).mul(x);

const cube_backward_backward_grad_out = (grad_out: torch.Tensor, x: torch.Tensor) =>
  grad_out.mul(3).mul(x.pow(2));

class Cube extends torch.autograd.Function {
  static override forward(ctx: Ctx, x: torch.Tensor) {
    ctx.save_for_backward(x);
    return cube_forward(x);
  }

  static override backward(ctx: Ctx, grad_out: torch.Tensor) {
    const [x] = ctx.saved_tensors;
    return CubeBackward.apply(grad_out, x!);
  }
}

class CubeBackward extends torch.autograd.Function {
  static override forward(ctx: Ctx, grad_out: torch.Tensor, x: torch.Tensor) {
    ctx.save_for_backward(x, grad_out);
    return cube_backward(grad_out, x);
  }

  static override backward(ctx: Ctx, grad_out: torch.Tensor) {
    const [x, sav_grad_out] = ctx.saved_tensors;
    const dx = cube_backward_backward(grad_out, sav_grad_out!, x!);
    const dgrad_out = cube_backward_backward_grad_out(grad_out, x!);
    return [dgrad_out, dx];
  }
}

const cubeApply = (x: torch.Tensor) => Cube.apply(x) as torch.Tensor;

x = torch.tensor(2, { requires_grad: true, dtype: torch.double });

print(torch.autograd.gradcheck(cubeApply, x));
print(torch.autograd.gradgradcheck(cubeApply, x));

out = cubeApply(x);
[grad_x] = torch.autograd.grad(out, x, { create_graph: true });
print(grad_x, x, out);
