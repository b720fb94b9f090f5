// The seed tutorials' logistic neuron, trained: z = w*x + b, p = sigmoid(z), and the hand-written,
// clamped binary cross-entropy, minimised by plain gradient descent on a tiny 1-D data set.
import * as torch from "tensorgrad";

function binary_cross_entropy(prediction: torch.Tensor, target: torch.Tensor): torch.Tensor {
  const epsilon = 1e-8;
  prediction = torch.clamp(prediction, epsilon, 1 - epsilon);
  return torch.neg(
    target.mul(torch.log(prediction)).add(torch.sub(1, target).mul(torch.log(torch.sub(1, prediction)))),
  );
}

// Points left of 2.5 are class 0, right of it class 1.
const x = torch.tensor([0.5, 1.0, 1.5, 2.0, 3.0, 3.5, 4.0, 4.5]);
const y = torch.tensor([0, 0, 0, 0, 1, 1, 1, 1]);

const w = torch.tensor(0.0, { requires_grad: true });
const b = torch.tensor(0.0, { requires_grad: true });
const lr = 0.5;

for (let step = 0; step <= 300; step++) {
  const prediction = torch.sigmoid(w.mul(x).add(b));
  const loss = binary_cross_entropy(prediction, y).mean();
  loss.backward();
  torch.no_grad(() => {
    w.sub_(w.grad!.mul(lr));
    b.sub_(b.grad!.mul(lr));
  });
  w.grad!.zero_();
  b.grad!.zero_();
  if (step % 50 === 0)
    console.log(
      `step ${String(step).padStart(3)}  loss ${loss.item().toFixed(4)}  w ${w.item().toFixed(3)}  b ${b.item().toFixed(3)}`,
    );
}

const boundary = -b.item() / w.item();
console.log(
  `decision boundary at x = ${boundary.toFixed(3)} (anything between 2.0 and 3.0 separates the classes)`,
);
console.log(torch.no_grad(() => torch.sigmoid(w.mul(x).add(b))));
