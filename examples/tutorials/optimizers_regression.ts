// SGD with momentum, Adam and RMSprop on a small linear regression (d2l.ai style), line for line:
// python/optimizers_regression.py.
import * as torch from "tensorgrad";
import { format, print } from "./python.js";
const nn = torch.nn;
torch.manual_seed(0);

const true_w = torch.tensor([2, -3.4, 1.7]);
const true_b = 4.2;
const X = torch.randn(100, 3);
let y = torch.matmul(X, true_w).add(true_b).add(torch.randn(100).mul(0.01));
y = y.reshape([-1, 1]);

type MakeOptimizer = (params: Iterable<torch.nn.Parameter>) => torch.optim.Optimizer;

function train(name: string, make_optimizer: MakeOptimizer, num_epochs = 200) {
  torch.manual_seed(1);
  const net = new nn.Linear(3, 1);
  const loss = new nn.MSELoss();
  const trainer = make_optimizer(net.parameters());
  print(trainer);
  for (let epoch = 0; epoch < num_epochs; epoch++) {
    const l = loss.forward(net.forward(X), y);
    trainer.zero_grad();
    l.backward();
    trainer.step();
    if (epoch % 50 === 49) print(`${name} epoch ${epoch + 1}, loss ${format(l.item(), "f")}`);
  }
  const w = net.weight.data;
  print("error in estimating w:", true_w.sub(w.reshape(true_w.shape)));
  const b = net.bias!.data;
  print("error in estimating b:", torch.sub(true_b, b));
  // `list(d)` of a dict is its keys.
  print(Object.keys((trainer.state_dict() as { state: Record<number, object> }).state[0]!));
}

train("SGD momentum", (params) => new torch.optim.SGD(params, { lr: 0.03, momentum: 0.9 }));
train("Adam", (params) => new torch.optim.Adam(params, { lr: 0.1 }));
train("RMSprop", (params) => new torch.optim.RMSprop(params, { lr: 0.01, alpha: 0.9 }));
