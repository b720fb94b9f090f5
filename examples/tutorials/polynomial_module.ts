// "PyTorch: Custom nn Modules" (Polynomial3, a Module with four Parameters, trained by SGD), line for line:
// python/polynomial_module.py.
import * as torch from "tensorgrad";
import { print, str } from "./python.js";
torch.manual_seed(0);

class Polynomial3 extends torch.nn.Module {
  a: torch.nn.Parameter;
  b: torch.nn.Parameter;
  c: torch.nn.Parameter;
  d: torch.nn.Parameter;

  /** In the constructor we instantiate four parameters and assign them as member parameters. */
  constructor() {
    super();
    this.a = new torch.nn.Parameter(torch.randn([]));
    this.b = new torch.nn.Parameter(torch.randn([]));
    this.c = new torch.nn.Parameter(torch.randn([]));
    this.d = new torch.nn.Parameter(torch.randn([]));
  }

  /** The forward function accepts a Tensor of input data and returns a Tensor of output data. */
  forward(x: torch.Tensor): torch.Tensor {
    return this.a
      .add(this.b.mul(x))
      .add(this.c.mul(x.pow(2)))
      .add(this.d.mul(x.pow(3)));
  }

  /** Just like any class in Python, you can also define custom method on PyTorch modules */
  string(): string {
    return `y = ${str(this.a.item())} + ${str(this.b.item())} x + ${str(this.c.item())} x^2 + ${str(this.d.item())} x^3`;
  }
}

// Create Tensors to hold input and outputs.
const x = torch.linspace(-Math.PI, Math.PI, 2000);
const y = torch.sin(x);

// Construct our model by instantiating the class defined above
const model = new Polynomial3();

// Construct our loss function and an Optimizer.
const criterion = new torch.nn.MSELoss({ reduction: "sum" });
const optimizer = new torch.optim.SGD(model.parameters(), { lr: 1e-6 });
for (let t = 0; t < 2000; t++) {
  // Forward pass: Compute predicted y by passing x to the model
  const y_pred = model.forward(x);

  // Compute and print loss
  const loss = criterion.forward(y_pred, y);
  if (t % 100 === 99) print(t, loss.item());

  // Zero gradients, perform a backward pass, and update the weights.
  optimizer.zero_grad();
  loss.backward();
  optimizer.step();
}

print(`Result: ${model.string()}`);
