// Karpathy's makemore part 2 (a character-level MLP) on a small built-in word list, line for line:
// python/makemore_mlp.py. Python's `random` module is ./python.ts's port of it; `C[Xtr[ix]]` (indexing by an
// int64 tensor) is take(C, take(Xtr, ix)) below, built on index_select.
import * as torch from "tensorgrad";
import { print, random, Size } from "./python.js";
const F = torch.nn.functional;
torch.manual_seed(0);

const wordList = `emma olivia ava isabella sophia charlotte mia amelia harper evelyn abigail emily elizabeth mila ella
avery sofia camila aria scarlett victoria madison luna grace chloe penelope layla riley zoey nora lily eleanor
hannah lillian addison aubrey ellie stella natalie zoe leah hazel violet aurora savannah audrey brooklyn bella
claire skylar quinn xavier jack felix wyatt kevin jude zara oliver liam noah james william benjamin lucas henry
theodore mateo levi sebastian daniel jacob logan jackson samuel owen gabriel carter julian luke grayson isaac
maxwell dominic ivy`;
const words = wordList.split(/\s+/);
print(words.length);
print(words.slice(0, 8));

const chars = [...new Set(words.join(""))].sort();
const stoi = new Map(chars.map((s, i) => [s, i + 1]));
stoi.set(".", 0);
const itos = new Map([...stoi].map(([s, i]) => [i, s]));
print(itos);

const block_size = 3; // context length: how many characters do we take to predict the next one?

/** `table[index]` for an int64 index tensor: rows of `table` picked along dim 0, shaped like the index. */
function take(table: torch.Tensor, index: torch.Tensor): torch.Tensor {
  return table.index_select(0, index.reshape(-1)).reshape([...index.shape, ...table.shape.slice(1)]);
}

function build_dataset(words: string[]): [torch.Tensor, torch.Tensor] {
  const Xs: number[][] = [];
  const Ys: number[] = [];
  for (const w of words) {
    let context = new Array<number>(block_size).fill(0);
    for (const ch of w + ".") {
      const ix = stoi.get(ch)!;
      Xs.push(context);
      Ys.push(ix);
      context = [...context.slice(1), ix]; // crop and append
    }
  }
  const X = torch.tensor(Xs, { dtype: torch.int64 });
  const Y = torch.tensor(Ys, { dtype: torch.int64 });
  print(Size(X.shape), Size(Y.shape));
  return [X, Y];
}

random.seed(42);
random.shuffle(words);
const n1 = Math.trunc(0.8 * words.length);
const n2 = Math.trunc(0.9 * words.length);

const [Xtr, Ytr] = build_dataset(words.slice(0, n1));
const [Xdev, Ydev] = build_dataset(words.slice(n1, n2));
build_dataset(words.slice(n2)); // Xte, Yte

let g = new torch.Generator().manual_seed(2147483647); // for reproducibility
const C = torch.randn([27, 10], { generator: g });
const W1 = torch.randn([30, 200], { generator: g });
const b1 = torch.randn(200, { generator: g });
const W2 = torch.randn([200, 27], { generator: g });
const b2 = torch.randn(27, { generator: g });
const parameters = [C, W1, b1, W2, b2];

print(parameters.reduce((n, p) => n + p.nelement(), 0)); // number of parameters in total

for (const p of parameters) p.requires_grad = true;

const lossi: number[] = [];
const stepi: number[] = [];

let loss!: torch.Tensor;
for (let i = 0; i < 1000; i++) {
  // minibatch construct
  const ix = torch.randint(0, Xtr.shape[0]!, [32]);

  // forward pass
  const emb = take(C, take(Xtr, ix)); // (32, 3, 10)
  const h = torch.tanh(emb.view(-1, 30).matmul(W1).add(b1)); // (32, 200)
  const logits = h.matmul(W2).add(b2); // (32, 27)
  loss = F.cross_entropy(logits, take(Ytr, ix));

  // backward pass
  for (const p of parameters) p.grad = null;
  loss.backward();

  // update
  const lr = i < 500 ? 0.1 : 0.01;
  for (const p of parameters) p.data.add_(p.grad!.mul(-lr));

  // track stats
  stepi.push(i);
  lossi.push(loss.log10().item());
}

print(loss.item());

let emb = take(C, Xtr);
let h = torch.tanh(emb.view(-1, 30).matmul(W1).add(b1));
let logits = h.matmul(W2).add(b2);
loss = F.cross_entropy(logits, Ytr);
print(loss);

emb = take(C, Xdev);
h = torch.tanh(emb.view(-1, 30).matmul(W1).add(b1));
logits = h.matmul(W2).add(b2);
loss = F.cross_entropy(logits, Ydev);
print(loss);

// sample from the model
g = new torch.Generator().manual_seed(2147483647 + 10);

for (let sample = 0; sample < 10; sample++) {
  const out: number[] = [];
  let context = new Array<number>(block_size).fill(0); // initialize with all ...
  for (;;) {
    const emb = take(C, torch.tensor([context], { dtype: torch.int64 })); // (1,block_size,d)
    const h = torch.tanh(emb.view(1, -1).matmul(W1).add(b1));
    const logits = h.matmul(W2).add(b2);
    const probs = F.softmax(logits, { dim: 1 });
    const ix = torch.multinomial(probs, { num_samples: 1, generator: g }).item() as number;
    context = [...context.slice(1), ix];
    out.push(ix);
    if (ix === 0) break;
  }

  print(out.map((i) => itos.get(i)).join(""));
}
