// pytorch/examples time_sequence_prediction (two LSTMCells trained by L-BFGS on sine waves), line for line:
// python/time_sequence_prediction.py.
import * as torch from "tensorgrad";
import { print } from "../tutorials/python.js";
const nn = torch.nn;
const optim = torch.optim;

// generate_sine_wave.py
torch.manual_seed(2);

const T = 20;
const L = 100;
const N = 10;

const x = torch
  .arange(L)
  .expand(N, L)
  .add(torch.randint(-4 * T, 4 * T, [N, 1]));
let data = torch.sin(x.double().div(1.0).div(T));

class Sequence extends nn.Module {
  lstm1: torch.nn.LSTMCell;
  lstm2: torch.nn.LSTMCell;
  linear: torch.nn.Linear;
  dummy_param: torch.nn.Parameter;

  constructor() {
    super();
    this.lstm1 = new nn.LSTMCell(1, 51);
    this.lstm2 = new nn.LSTMCell(51, 51);
    this.linear = new nn.Linear(51, 1);
    this.dummy_param = new nn.Parameter(torch.empty(0));
  }

  forward(input: torch.Tensor, future = 0): torch.Tensor {
    let outputs: torch.Tensor[] = [];
    const device = this.dummy_param.device;
    let h_t = torch.zeros(input.size(0), 51, { dtype: torch.double }).to(device);
    let c_t = torch.zeros(input.size(0), 51, { dtype: torch.double }).to(device);
    let h_t2 = torch.zeros(input.size(0), 51, { dtype: torch.double }).to(device);
    let c_t2 = torch.zeros(input.size(0), 51, { dtype: torch.double }).to(device);

    let output!: torch.Tensor;
    for (const input_t of input.split(1, { dim: 1 })) {
      [h_t, c_t] = this.lstm1.forward(input_t, [h_t, c_t]);
      [h_t2, c_t2] = this.lstm2.forward(h_t, [h_t2, c_t2]);
      output = this.linear.forward(h_t2);
      outputs.push(output);
    }
    for (let i = 0; i < future; i++) {
      // if we should predict the future
      [h_t, c_t] = this.lstm1.forward(output, [h_t, c_t]);
      [h_t2, c_t2] = this.lstm2.forward(h_t, [h_t2, c_t2]);
      output = this.linear.forward(h_t2);
      outputs.push(output);
    }
    const catted = torch.cat(outputs, { dim: 1 });
    outputs = [];
    return catted;
  }
}

const steps = 2;
const device = torch.device("cpu");
// set random seed to 0
torch.manual_seed(0);
// load data and make training set
data = data.to(device);
const input = data.get("3:, :-1");
const target = data.get("3:, 1:");
const test_input = data.get(":3, :-1");
const test_target = data.get(":3, 1:");
// build the model
const seq = new Sequence().to(device).double();
const criterion = new nn.MSELoss().to(device);
// use LBFGS as optimizer since we can load the whole data to train
const optimizer = new optim.LBFGS(seq.parameters(), { lr: 0.8 });
// begin to train
for (let i = 0; i < steps; i++) {
  print("STEP: ", i);
  const closure = () => {
    optimizer.zero_grad();
    const out = seq.forward(input);
    const loss = criterion.forward(out, target);
    print("loss:", loss.item());
    loss.backward();
    return loss;
  };
  optimizer.step(closure);
  // begin to predict, no need to track gradient here
  torch.no_grad(() => {
    const future = 20;
    const pred = seq.forward(test_input, future);
    const loss = criterion.forward(pred.get(`:, :-${future}`), test_target);
    print("test loss:", loss.item());
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- computed for the plot, as in the original
    const y = pred.cpu().detach().numpy();
  });
}
