// "PyTorch: nn" (nn.Sequential of Linear(3, 1) and Flatten(0, 1), MSELoss, hand-written SGD step), line for line:
// python/polynomial_nn.py.
import * as torch from "tensorgrad";
import { print, str } from "./python.js";
torch.manual_seed(0);

// Create Tensors to hold input and outputs.
const x = torch.linspace(-Math.PI, Math.PI, 2000);
const y = torch.sin(x);

// Prepare the tensor (x, x^2, x^3): x.unsqueeze(-1) is (2000, 1), p is (3,), broadcast to (2000, 3).
const p = torch.tensor([1n, 2n, 3n]);
const xx = x.unsqueeze(-1).pow(p);

// Use the nn package to define our model as a sequence of layers.
const model = new torch.nn.Sequential(new torch.nn.Linear(3, 1), new torch.nn.Flatten(0, 1));

// Mean Squared Error (MSE) as our loss function.
const loss_fn = new torch.nn.MSELoss({ reduction: "sum" });

const learning_rate = 1e-6;
for (let t = 0; t < 2000; t++) {
  // Forward pass: compute predicted y by passing x to the model.
  const y_pred = model.forward(xx) as torch.Tensor;

  // Compute and print loss.
  const loss = loss_fn.forward(y_pred, y);
  if (t % 100 === 99) print(t, loss.item());

  // Zero the gradients before running the backward pass.
  model.zero_grad();

  // Backward pass: compute gradient of the loss with respect to all the learnable parameters of the model.
  loss.backward();

  // Update the weights using gradient descent.
  torch.no_grad(() => {
    for (const param of model.parameters()) param.sub_(param.grad!.mul(learning_rate));
  });
}

// You can access the first layer of `model` like accessing the first item of a list (`model[0]`)
const linear_layer = model.at(0) as torch.nn.Linear;

// For linear layer, its parameters are stored as `weight` and `bias`; `weight[:, i]` is `weight.select(1, i)`.
print(
  `Result: y = ${str(linear_layer.bias!.item())} + ${str(linear_layer.weight.select(1, 0).item())} x + ${str(linear_layer.weight.select(1, 1).item())} x^2 + ${str(linear_layer.weight.select(1, 2).item())} x^3`,
);
