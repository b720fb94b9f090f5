// The models of the training benchmarks (W4, W6-W8) written as a user writes them: nn.Module subclasses,
// torch.optim, F.*, public API only. bench/tg_bench.mjs times them on the built package; the dispatch test
// (test/backend/dispatch.test.ts) runs one step of each from the sources. bench/torch_bench.py has the same
// models in PyTorch, bench/tfjs_bench.mjs W6 and W7 in tfjs-core.

/**
 * For a tensorgrad module namespace, a factory per workload that builds the model, its data and optimizer
 * (seed them first) and returns one training step.
 */
export function trainingModels(torch) {
  const nn = torch.nn;
  const F = torch.nn.functional;

  class MLP extends nn.Module {
    constructor() {
      super();
      this.fc1 = new nn.Linear(784, 256);
      this.fc2 = new nn.Linear(256, 128);
      this.fc3 = new nn.Linear(128, 10);
    }
    forward(x) {
      x = F.relu(this.fc1.forward(x));
      x = F.relu(this.fc2.forward(x));
      return this.fc3.forward(x);
    }
  }

  class LeNet extends nn.Module {
    constructor() {
      super();
      this.conv1 = new nn.Conv2d(1, 16, 5, { padding: 2 });
      this.conv2 = new nn.Conv2d(16, 32, 5, { padding: 2 });
      this.pool = new nn.MaxPool2d(2);
      this.fc1 = new nn.Linear(32 * 7 * 7, 128);
      this.fc2 = new nn.Linear(128, 10);
    }
    forward(x) {
      x = this.pool.forward(F.relu(this.conv1.forward(x)));
      x = this.pool.forward(F.relu(this.conv2.forward(x)));
      x = torch.flatten(x, 1);
      x = F.relu(this.fc1.forward(x));
      return this.fc2.forward(x);
    }
  }

  /** A pre-norm transformer block; need_weights=False as nn.TransformerEncoderLayer calls its attention. */
  class Block extends nn.Module {
    constructor(dim, heads) {
      super();
      this.ln1 = new nn.LayerNorm(dim);
      this.attn = new nn.MultiheadAttention(dim, heads, { batch_first: true });
      this.ln2 = new nn.LayerNorm(dim);
      this.fc1 = new nn.Linear(dim, 4 * dim);
      this.act = new nn.GELU();
      this.fc2 = new nn.Linear(4 * dim, dim);
    }
    forward(x) {
      const h = this.ln1.forward(x);
      x = x.add(this.attn.forward(h, h, h, { need_weights: false })[0]);
      return x.add(this.fc2.forward(this.act.forward(this.fc1.forward(this.ln2.forward(x)))));
    }
  }

  class LSTMLanguageModel extends nn.Module {
    constructor(vocab, embed, hidden, layers) {
      super();
      this.vocab = vocab;
      this.embedding = new nn.Embedding(vocab, embed);
      this.lstm = new nn.LSTM(embed, hidden, layers);
      this.decoder = new nn.Linear(hidden, vocab);
    }
    forward(tokens) {
      const [out] = this.lstm.forward(this.embedding.forward(tokens));
      return this.decoder.forward(out);
    }
  }

  /** The models of W4 and W6-W8, with their data and optimizer: one training step each (dispatch test too). */
  return {
    w4: () => {
      const model = new MLP();
      const optimizer = new torch.optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
      const x = torch.randn(128, 784);
      const y = torch.randint(0, 10, [128]);
      return () => {
        optimizer.zero_grad();
        const loss = F.cross_entropy(model.forward(x), y);
        loss.backward();
        optimizer.step();
      };
    },
    w6: () => {
      const model = new LeNet();
      const optimizer = new torch.optim.SGD(model.parameters(), { lr: 0.01, momentum: 0.9 });
      const x = torch.randn(64, 1, 28, 28);
      const y = torch.randint(0, 10, [64]);
      return () => {
        optimizer.zero_grad();
        const loss = F.cross_entropy(model.forward(x), y);
        loss.backward();
        optimizer.step();
      };
    },
    w7: () => {
      const model = new Block(128, 4);
      const optimizer = new torch.optim.Adam(model.parameters(), { lr: 1e-3 });
      const x = torch.randn(16, 64, 128);
      return () => {
        optimizer.zero_grad();
        const loss = model.forward(x).pow(2).mean();
        loss.backward();
        optimizer.step();
      };
    },
    w8: () => {
      const vocab = 10000;
      const model = new LSTMLanguageModel(vocab, 128, 256, 2);
      const optimizer = new torch.optim.SGD(model.parameters(), { lr: 0.1 });
      // (sequence 35, batch 20) token ids, sequence first as nn.LSTM's default; targets are the next tokens.
      const tokens = torch.randint(0, vocab, [36, 20]);
      const input = tokens.narrow(0, 0, 35);
      const target = tokens.narrow(0, 1, 35);
      return () => {
        optimizer.zero_grad();
        const logits = model.forward(input);
        const loss = F.cross_entropy(logits.view(-1, vocab), target.reshape(-1));
        loss.backward();
        nn.utils.clip_grad_norm_(model.parameters(), 0.25);
        optimizer.step();
      };
    },
  };
}
