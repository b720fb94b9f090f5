// "PyTorch: Control Flow + Weight Sharing" (DynamicNet: a random number of orders per forward pass, reusing
// one parameter), line for line: python/dynamic_net.py. Python's `random` module is ./python.ts's port of it.
import * as torch from "tensorgrad";
import { print, random, str } from "./python.js";
random.seed(0);
torch.manual_seed(0);

class DynamicNet extends torch.nn.Module {
  a: torch.nn.Parameter;
  b: torch.nn.Parameter;
  c: torch.nn.Parameter;
  d: torch.nn.Parameter;
  e: torch.nn.Parameter;

  /** In the constructor we instantiate five parameters and assign them as members. */
  constructor() {
    super();
    this.a = new torch.nn.Parameter(torch.randn([]));
    this.b = new torch.nn.Parameter(torch.randn([]));
    this.c = new torch.nn.Parameter(torch.randn([]));
    this.d = new torch.nn.Parameter(torch.randn([]));
    this.e = new torch.nn.Parameter(torch.randn([]));
  }

  /** Randomly choose 4 or 5 orders, reusing the e parameter for the fourth and fifth. */
  forward(x: torch.Tensor): torch.Tensor {
    let y = this.a
      .add(this.b.mul(x))
      .add(this.c.mul(x.pow(2)))
      .add(this.d.mul(x.pow(3)));
    // Python evaluates range(4, random.randint(4, 6)) once, before the loop.
    const end = random.randint(4, 6);
    for (let exp = 4; exp < end; exp++) y = y.add(this.e.mul(x.pow(exp)));
    return y;
  }

  /** Just like any class in Python, you can also define custom method on PyTorch modules */
  string(): string {
    return `y = ${str(this.a.item())} + ${str(this.b.item())} x + ${str(this.c.item())} x^2 + ${str(this.d.item())} x^3 + ${str(this.e.item())} x^4 ? + ${str(this.e.item())} x^5 ?`;
  }
}

// Create Tensors to hold input and outputs.
const x = torch.linspace(-Math.PI, Math.PI, 2000);
const y = torch.sin(x);

// Construct our model by instantiating the class defined above
const model = new DynamicNet();

// Training this strange model with vanilla stochastic gradient descent is tough, so we use momentum
const criterion = new torch.nn.MSELoss({ reduction: "sum" });
const optimizer = new torch.optim.SGD(model.parameters(), { lr: 1e-8, momentum: 0.9 });
for (let t = 0; t < 3000; t++) {
  // Forward pass: Compute predicted y by passing x to the model
  const y_pred = model.forward(x);

  // Compute and print loss
  const loss = criterion.forward(y_pred, y);
  if (t % 1000 === 999) print(t, loss.item());

  // Zero gradients, perform a backward pass, and update the weights.
  optimizer.zero_grad();
  loss.backward();
  optimizer.step();
}

print(`Result: ${model.string()}`);
