// "A Gentle Introduction to torch.autograd", the cells without torchvision, line for line:
// python/autograd_gentle.py.
import * as torch from "tensorgrad";
import { print } from "./python.js";
torch.manual_seed(0);

let a = torch.tensor([2, 3], { requires_grad: true });
let b = torch.tensor([6, 4], { requires_grad: true });

const Q = a.pow(3).mul(3).sub(b.pow(2));

const external_grad = torch.tensor([1, 1]);
Q.backward({ gradient: external_grad });

// check if collected gradients are correct
print(a.pow(2).mul(9).eq(a.grad!));
print(b.mul(-2).eq(b.grad!));

const x = torch.rand(5, 5);
const y = torch.rand(5, 5);
const z = torch.rand([5, 5], { requires_grad: true });

a = x.add(y);
print(`Does \`a\` require gradients?: ${a.requires_grad ? "True" : "False"}`);
b = x.add(z);
print(`Does \`b\` require gradients?: ${b.requires_grad ? "True" : "False"}`);
