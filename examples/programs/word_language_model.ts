// pytorch/examples word_language_model (RNNModel with a 2-layer LSTM, dropout and tied weights, trained with
// clip_grad_norm_ and detached hidden states on a made-up corpus), line for line: python/word_language_model.py.
import * as torch from "tensorgrad";
import { format, print } from "../tutorials/python.js";
const nn = torch.nn;
const F = torch.nn.functional;

type Hidden = torch.Tensor | readonly Hidden[];

// model.py
/** Container module with an encoder, a recurrent module, and a decoder. */
class RNNModel extends nn.Module {
  ntoken: number;
  drop: torch.nn.Dropout;
  encoder: torch.nn.Embedding;
  rnn: torch.nn.LSTM | torch.nn.GRU | torch.nn.RNN;
  decoder: torch.nn.Linear;
  rnn_type: string;
  nhid: number;
  nlayers: number;

  constructor(
    rnn_type: string,
    ntoken: number,
    ninp: number,
    nhid: number,
    nlayers: number,
    dropout = 0.5,
    tie_weights = false,
  ) {
    super();
    this.ntoken = ntoken;
    this.drop = new nn.Dropout(dropout);
    this.encoder = new nn.Embedding(ntoken, ninp);
    if (["LSTM", "GRU"].includes(rnn_type)) {
      this.rnn = new nn[rnn_type as "LSTM" | "GRU"](ninp, nhid, nlayers, { dropout: dropout });
    } else {
      const nonlinearity = new Map([
        ["RNN_TANH", "tanh"],
        ["RNN_RELU", "relu"],
      ]).get(rnn_type);
      if (nonlinearity === undefined)
        throw new Error(`ValueError: An invalid option for \`--model\` was supplied,
                                 options are ['LSTM', 'GRU', 'RNN_TANH' or 'RNN_RELU']`);
      this.rnn = new nn.RNN(ninp, nhid, nlayers, {
        nonlinearity: nonlinearity as "tanh" | "relu",
        dropout: dropout,
      });
    }
    this.decoder = new nn.Linear(nhid, ntoken);

    // Optionally tie weights as in:
    // "Using the Output Embedding to Improve Language Models" (Press & Wolf 2016)
    // https://arxiv.org/abs/1608.05859
    // and
    // "Tying Word Vectors and Word Classifiers: A Loss Framework for Language Modeling" (Inan et al. 2016)
    // https://arxiv.org/abs/1611.01462
    if (tie_weights) {
      if (nhid !== ninp)
        throw new Error("ValueError: When using the tied flag, nhid must be equal to emsize");
      this.decoder.weight = this.encoder.weight;
    }

    this.init_weights();

    this.rnn_type = rnn_type;
    this.nhid = nhid;
    this.nlayers = nlayers;
  }

  init_weights(): void {
    const initrange = 0.1;
    nn.init.uniform_(this.encoder.weight, -initrange, initrange);
    nn.init.zeros_(this.decoder.bias!);
    nn.init.uniform_(this.decoder.weight, -initrange, initrange);
  }

  forward(input: torch.Tensor, hidden: Hidden): [torch.Tensor, Hidden] {
    const emb = this.drop.forward(this.encoder.forward(input));
    const [rnn_output, hidden_] = (this.rnn as torch.nn.LSTM).forward(
      emb,
      hidden as [torch.Tensor, torch.Tensor],
    ) as [torch.Tensor, Hidden];
    let output = rnn_output;
    output = this.drop.forward(output);
    let decoded = this.decoder.forward(output);
    decoded = decoded.view(-1, this.ntoken);
    return [F.log_softmax(decoded, { dim: 1 }), hidden_];
  }

  init_hidden(bsz: number): Hidden {
    const weight = this.parameters().next().value as torch.Tensor;
    if (this.rnn_type === "LSTM")
      return [weight.new_zeros(this.nlayers, bsz, this.nhid), weight.new_zeros(this.nlayers, bsz, this.nhid)];
    else return weight.new_zeros(this.nlayers, bsz, this.nhid);
  }
}

// data.py, reading lists of lines instead of files
class Dictionary {
  word2idx = new Map<string, number>();
  idx2word: string[] = [];

  add_word(word: string): number {
    if (!this.word2idx.has(word)) {
      this.idx2word.push(word);
      this.word2idx.set(word, this.idx2word.length - 1);
    }
    return this.word2idx.get(word)!;
  }

  get length(): number {
    return this.idx2word.length;
  }
}

class Corpus {
  dictionary: Dictionary;
  train: torch.Tensor;
  valid: torch.Tensor;
  test: torch.Tensor;

  constructor(lines: Record<"train" | "valid" | "test", string[]>) {
    this.dictionary = new Dictionary();
    this.train = this.tokenize(lines.train);
    this.valid = this.tokenize(lines.valid);
    this.test = this.tokenize(lines.test);
  }

  /** Tokenizes a text file. */
  tokenize(lines: string[]): torch.Tensor {
    // Add words to the dictionary
    for (const line of lines) {
      const words = [...line.split(" "), "<eos>"];
      for (const word of words) this.dictionary.add_word(word);
    }

    // Tokenize file content
    const idss: torch.Tensor[] = [];
    for (const line of lines) {
      const words = [...line.split(" "), "<eos>"];
      const ids: bigint[] = [];
      for (const word of words) ids.push(BigInt(this.dictionary.word2idx.get(word)!));
      idss.push(torch.tensor(ids).type(torch.int64) as torch.Tensor);
    }
    const ids = torch.cat(idss);

    return ids;
  }
}

// The synthetic corpus: sentences of 3 to 8 words; a word is often followed by the next one in the vocabulary, so
// that there is something to learn.
const VOCABULARY = (
  "the a cat dog bird sat ran flew on under over mat tree house and then quickly slowly red blue " +
  "small big saw it"
).split(" ");

function make_lines(count: number): string[] {
  const lines: string[] = [];
  for (let n = 0; n < count; n++) {
    const length = Number(torch.randint(3, 9, []).item());
    let word = Number(torch.randint(0, VOCABULARY.length, []).item());
    const words: string[] = [];
    for (let k = 0; k < length; k++) {
      words.push(VOCABULARY[word]!);
      word =
        Number(torch.rand([]).item()) < 0.7
          ? (word + 1) % VOCABULARY.length
          : Number(torch.randint(0, VOCABULARY.length, []).item());
    }
    lines.push(words.join(" "));
  }
  return lines;
}

// main.py
const args = {
  model: "LSTM",
  emsize: 16,
  nhid: 16,
  nlayers: 2,
  lr: 20,
  clip: 0.25,
  epochs: 3,
  batch_size: 4,
  bptt: 10,
  dropout: 0.2,
  tied: true,
  seed: 1111,
  log_interval: 5,
  dry_run: false,
};

torch.manual_seed(0);
const lines = { train: make_lines(120), valid: make_lines(30), test: make_lines(30) };

// Set the random seed manually for reproducibility.
torch.manual_seed(args.seed);

const device = torch.device("cpu");

///////////////////////////////////////////////////////////////////////////////
// Load data
///////////////////////////////////////////////////////////////////////////////

const corpus = new Corpus(lines);

// Starting from sequential data, batchify arranges the dataset into columns.
// For instance, with the alphabet as the sequence and batch size 4, we'd get
// ┌ a g m s ┐
// │ b h n t │
// │ c i o u │
// │ d j p v │
// │ e k q w │
// └ f l r x ┘.
// These columns are treated as independent by the model, which means that the
// dependence of e. g. 'g' on 'f' can not be learned, but allows more efficient
// batch processing.

function batchify(data: torch.Tensor, bsz: number): torch.Tensor {
  // Work out how cleanly we can divide the dataset into bsz parts.
  const nbatch = Math.floor(data.size(0) / bsz);
  // Trim off any extra elements that wouldn't cleanly fit (remainders).
  data = data.narrow(0, 0, nbatch * bsz);
  // Evenly divide the data across the bsz batches.
  data = data.view(bsz, -1).t().contiguous();
  return data.to(device);
}

const eval_batch_size = 10;
const train_data = batchify(corpus.train, args.batch_size);
const val_data = batchify(corpus.valid, eval_batch_size);
const test_data = batchify(corpus.test, eval_batch_size);

///////////////////////////////////////////////////////////////////////////////
// Build the model
///////////////////////////////////////////////////////////////////////////////

const ntokens = corpus.dictionary.length;
const model = new RNNModel(
  args.model,
  ntokens,
  args.emsize,
  args.nhid,
  args.nlayers,
  args.dropout,
  args.tied,
).to(device);

const criterion = new nn.NLLLoss();

///////////////////////////////////////////////////////////////////////////////
// Training code
///////////////////////////////////////////////////////////////////////////////

/** Wraps hidden states in new Tensors, to detach them from their history. */
function repackage_hidden(h: Hidden): Hidden {
  if (h instanceof torch.Tensor) return h.detach();
  else return h.map((v) => repackage_hidden(v));
}

// get_batch subdivides the source data into chunks of length args.bptt.
// If source is equal to the example output of the batchify function, with
// a bptt-limit of 2, we'd get the following two Variables for i = 0:
// ┌ a g m s ┐ ┌ b h n t ┐
// └ b h n t ┘ └ c i o u ┘
// Note that despite the name of the function, the subdivison of data is not
// done along the batch dimension (i.e. dimension 1), since that was handled
// by the batchify function. The chunks are along dimension 0, corresponding
// to the seq_len dimension in the LSTM.

function get_batch(source: torch.Tensor, i: number): [torch.Tensor, torch.Tensor] {
  const seq_len = Math.min(args.bptt, source.size(0) - 1 - i);
  const data = source.get(`${i}:${i + seq_len}`);
  const target = source.get(`${i + 1}:${i + 1 + seq_len}`).view(-1);
  return [data, target];
}

function evaluate(data_source: torch.Tensor): number {
  // Turn on evaluation mode which disables dropout.
  model.eval();
  let total_loss = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- unused, as in the original
  const ntokens = corpus.dictionary.length;
  let hidden = model.init_hidden(eval_batch_size);
  torch.no_grad(() => {
    for (let i = 0; i < data_source.size(0) - 1; i += args.bptt) {
      const [data, targets] = get_batch(data_source, i);
      let output: torch.Tensor;
      [output, hidden] = model.forward(data, hidden);
      hidden = repackage_hidden(hidden);
      total_loss += data.size(0) * criterion.forward(output, targets).item();
    }
  });
  return total_loss / (data_source.size(0) - 1);
}

function train(): void {
  // Turn on training mode which enables dropout.
  model.train();
  let total_loss = 0;
  let start_time = 0;
  // eslint-disable-next-line @typescript-eslint/no-unused-vars -- unused, as in the original
  const ntokens = corpus.dictionary.length;
  let hidden = model.init_hidden(args.batch_size);
  let batch = 0; // enumerate(range(...))
  for (let i = 0; i < train_data.size(0) - 1; i += args.bptt, batch++) {
    const [data, targets] = get_batch(train_data, i);
    // Starting each batch, we detach the hidden state from how it was previously produced.
    // If we didn't, the model would try backpropagating all the way to start of the dataset.
    model.zero_grad();
    hidden = repackage_hidden(hidden);
    let output: torch.Tensor;
    [output, hidden] = model.forward(data, hidden);
    const loss = criterion.forward(output, targets);
    loss.backward();

    // `clip_grad_norm` helps prevent the exploding gradient problem in RNNs / LSTMs.
    torch.nn.utils.clip_grad_norm_(model.parameters(), args.clip);
    for (const p of model.parameters()) p.data.add_(p.grad!, { alpha: -lr });

    total_loss += loss.item();

    if (batch % args.log_interval === 0 && batch > 0) {
      const cur_loss = total_loss / args.log_interval;
      const elapsed = 0 - start_time;
      print(
        `| epoch ${format(epoch, "3d")} | ${format(batch, "5d")}/${format(Math.floor(train_data.size(0) / args.bptt), "5d")} batches | lr ${format(lr, "02.2f")} | ms/batch ${format((elapsed * 1000) / args.log_interval, "5.2f")} | ` +
          `loss ${format(cur_loss, "5.2f")} | ppl ${format(Math.exp(cur_loss), "8.2f")}`,
      );
      total_loss = 0;
      start_time = 0;
    }
    if (args.dry_run) break;
  }
}

// Loop over epochs.
let lr = args.lr;
let best_val_loss: number | null = null;
let best_state: Record<string, torch.Tensor> = {};
let epoch = 1;

// At any point you can hit Ctrl + C to break out of training early.
for (epoch = 1; epoch < args.epochs + 1; epoch++) {
  const epoch_start_time = 0;
  train();
  const val_loss = evaluate(val_data);
  print("-".repeat(89));
  print(
    `| end of epoch ${format(epoch, "3d")} | time: ${format(0 - epoch_start_time, "5.2f")}s | valid loss ${format(val_loss, "5.2f")} | ` +
      `valid ppl ${format(Math.exp(val_loss), "8.2f")}`,
  );
  print("-".repeat(89));
  // Save the model if the validation loss is the best we've seen so far.
  if (!best_val_loss || val_loss < best_val_loss) {
    best_state = Object.fromEntries(Object.entries(model.state_dict()).map(([k, v]) => [k, v.clone()]));
    best_val_loss = val_loss;
  } else {
    // Anneal the learning rate if no improvement has been seen in the validation dataset.
    lr /= 4.0;
  }
}

// Load the best saved model.
model.load_state_dict(best_state);
// after load the rnn params are not a continuous chunk of memory
// this makes them a continuous chunk, and will speed up forward pass
// Currently, only rnn model supports flatten_parameters function.
model.rnn.flatten_parameters();

// Run on test data.
const test_loss = evaluate(test_data);
print("=".repeat(89));
print(
  `| End of training | test loss ${format(test_loss, "5.2f")} | test ppl ${format(Math.exp(test_loss), "8.2f")}`,
);
print("=".repeat(89));
