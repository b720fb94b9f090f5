// "PyTorch: optim" (the same model trained by torch.optim.RMSprop), line for line: python/polynomial_optim.py.
import * as torch from "tensorgrad";
import { print, str } from "./python.js";
torch.manual_seed(0);

// Create Tensors to hold input and outputs.
const x = torch.linspace(-Math.PI, Math.PI, 2000);
const y = torch.sin(x);

// Prepare the input tensor (x, x^2, x^3).
const p = torch.tensor([1n, 2n, 3n]);
const xx = x.unsqueeze(-1).pow(p);

// Use the nn package to define our model and loss function.
const model = new torch.nn.Sequential(new torch.nn.Linear(3, 1), new torch.nn.Flatten(0, 1));
const loss_fn = new torch.nn.MSELoss({ reduction: "sum" });

// Use the optim package to define an Optimizer that will update the weights of the model for us.
const learning_rate = 1e-3;
const optimizer = new torch.optim.RMSprop(model.parameters(), { lr: learning_rate });
for (let t = 0; t < 1200; t++) {
  // Forward pass: compute predicted y by passing x to the model.
  const y_pred = model.forward(xx) as torch.Tensor;

  // Compute and print loss.
  const loss = loss_fn.forward(y_pred, y);
  if (t % 100 === 99) print(t, loss.item());

  // Zero all of the gradients for the variables the optimizer will update.
  optimizer.zero_grad();

  // Backward pass: compute gradient of the loss with respect to model parameters
  loss.backward();

  // Calling the step function on an Optimizer makes an update to its parameters
  optimizer.step();
}

const linear_layer = model.at(0) as torch.nn.Linear;
print(
  `Result: y = ${str(linear_layer.bias!.item())} + ${str(linear_layer.weight.select(1, 0).item())} x + ${str(linear_layer.weight.select(1, 1).item())} x^2 + ${str(linear_layer.weight.select(1, 2).item())} x^3`,
);
