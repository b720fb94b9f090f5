// "Build the Neural Network", line for line: python/buildmodel.py.
import * as torch from "tensorgrad";
import { print, Size } from "./python.js";
const nn = torch.nn;
torch.manual_seed(0);

// tensorgrad has no torch.cuda (it runs on the CPU): `"cuda" if torch.cuda.is_available() else "cpu"` is "cpu".
const device = "cpu";
print(`Using ${device} device`);

class NeuralNetwork extends nn.Module {
  flatten: torch.nn.Flatten;
  linear_relu_stack: torch.nn.Sequential;

  constructor() {
    super();
    this.flatten = new nn.Flatten();
    this.linear_relu_stack = new nn.Sequential(
      new nn.Linear(28 * 28, 512),
      new nn.ReLU(),
      new nn.Linear(512, 512),
      new nn.ReLU(),
      new nn.Linear(512, 10),
    );
  }

  forward(x: torch.Tensor): torch.Tensor {
    x = this.flatten.forward(x);
    const logits = this.linear_relu_stack.forward(x) as torch.Tensor;
    return logits;
  }
}

const model = new NeuralNetwork().to(device);
print(model);

const X = torch.rand(1, 28, 28, { device });
let logits = model.forward(X);
let pred_probab = new nn.Softmax({ dim: 1 }).forward(logits);
const y_pred = pred_probab.argmax(1);
print(`Predicted class: ${y_pred}`);

let input_image = torch.rand(3, 28, 28);
// `t.size()` is a plain array in JS; Size() prints it as torch.Size.
print(Size(input_image.size()));

const flatten = new nn.Flatten();
const flat_image = flatten.forward(input_image);
print(Size(flat_image.size()));

const layer1 = new nn.Linear({ in_features: 28 * 28, out_features: 20 });
let hidden1 = layer1.forward(flat_image);
print(Size(hidden1.size()));

print(`Before ReLU: ${hidden1}\n\n`);
hidden1 = new nn.ReLU().forward(hidden1);
print(`After ReLU: ${hidden1}`);

const seq_modules = new nn.Sequential(flatten, layer1, new nn.ReLU(), new nn.Linear(20, 10));
input_image = torch.rand(3, 28, 28);
logits = seq_modules.forward(input_image) as torch.Tensor;

const softmax = new nn.Softmax({ dim: 1 });
pred_probab = softmax.forward(logits);

print(`Model structure: ${model}\n\n`);

// `param[:2]` is `param.narrow(0, 0, 2)`.
for (const [name, param] of model.named_parameters())
  print(`Layer: ${name} | Size: ${Size(param.size())} | Values : ${param.narrow(0, 0, 2)} \n`);
