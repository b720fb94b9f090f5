// "NLP From Scratch: Translation with a Sequence to Sequence Network and Attention" (GRU encoder, attention
// decoder, teacher forcing) on a few made-up sentence pairs, line for line: python/seq2seq_translation.py.
import * as torch from "tensorgrad";
import { format, print, random } from "../tutorials/python.js";
const { nn, optim } = torch;
const F = torch.nn.functional;

const device = torch.device("cpu");
random.seed(0);
torch.manual_seed(0);

const PAIRS = `I am cold.\tJ'ai froid.
I am tired.\tJe suis fatigué.
I am happy.\tJe suis heureux.
I am sick.\tJe suis malade.
He is tall.\tIl est grand.
He is tired.\tIl est fatigué.
He is happy.\tIl est heureux.
She is tall.\tElle est grande.
She is happy.\tElle est heureuse.
She is sick.\tElle est malade.
You are tall.\tVous êtes grand.
You are tired.\tTu es fatigué.
We are happy.\tNous sommes heureux.
We are cold.\tNous avons froid.
They are tall.\tIls sont grands.
They are sick.\tIls sont malades.
Go.\tVa !
Run!\tCours !
Who won?\tQui a gagné ?
I'm here.\tJe suis là.
He's a teacher.\tC'est un professeur.
We're at home.\tNous sommes à la maison.
`;

const SOS_token = 0;
const EOS_token = 1;

class Lang {
  name: string;
  word2index = new Map<string, number>();
  word2count = new Map<string, number>();
  index2word = new Map<number, string>([
    [0, "SOS"],
    [1, "EOS"],
  ]);
  n_words = 2; // Count SOS and EOS

  constructor(name: string) {
    this.name = name;
  }

  addSentence(sentence: string): void {
    for (const word of sentence.split(" ")) this.addWord(word);
  }

  addWord(word: string): void {
    if (!this.word2index.has(word)) {
      this.word2index.set(word, this.n_words);
      this.word2count.set(word, 1);
      this.index2word.set(this.n_words, word);
      this.n_words += 1;
    } else this.word2count.set(word, this.word2count.get(word)! + 1);
  }
}

// Turn a Unicode string to plain ASCII, thanks to
// https://stackoverflow.com/a/518232/2809427
function unicodeToAscii(s: string): string {
  return s.normalize("NFD").replace(/\p{Mn}/gu, "");
}

// Lowercase, trim, and remove non-letter characters

function normalizeString(s: string): string {
  s = unicodeToAscii(s.toLowerCase().trim());
  s = s.replace(/([.!?])/g, " $1");
  s = s.replace(/[^a-zA-Z.!?]+/g, " ");
  return s;
}

function readLangs(lang1: string, lang2: string, reverse = false): [Lang, Lang, string[][]] {
  print("Reading lines...");

  // Read the file and split into lines
  const lines = PAIRS.trim().split("\n");

  // Split every line into pairs and normalize
  let pairs = lines.map((l) => l.split("\t").map((s) => normalizeString(s)));

  // Reverse pairs, make Lang instances
  let input_lang: Lang;
  let output_lang: Lang;
  if (reverse) {
    pairs = pairs.map((p) => [...p].reverse());
    input_lang = new Lang(lang2);
    output_lang = new Lang(lang1);
  } else {
    input_lang = new Lang(lang1);
    output_lang = new Lang(lang2);
  }

  return [input_lang, output_lang, pairs];
}

const MAX_LENGTH = 10;

const eng_prefixes = [
  "i am ",
  "i m ",
  "he is",
  "he s ",
  "she is",
  "she s ",
  "you are",
  "you re ",
  "we are",
  "we re ",
  "they are",
  "they re ",
];

function filterPair(p: string[]): boolean {
  return (
    p[0]!.split(" ").length < MAX_LENGTH &&
    p[1]!.split(" ").length < MAX_LENGTH &&
    eng_prefixes.some((prefix) => p[1]!.startsWith(prefix))
  );
}

function filterPairs(pairs: string[][]): string[][] {
  return pairs.filter((pair) => filterPair(pair));
}

function prepareData(lang1: string, lang2: string, reverse = false): [Lang, Lang, string[][]] {
  const [input_lang, output_lang, pairs_] = readLangs(lang1, lang2, reverse);
  let pairs = pairs_;
  print(`Read ${pairs.length} sentence pairs`);
  pairs = filterPairs(pairs);
  print(`Trimmed to ${pairs.length} sentence pairs`);
  print("Counting words...");
  for (const pair of pairs) {
    input_lang.addSentence(pair[0]!);
    output_lang.addSentence(pair[1]!);
  }
  print("Counted words:");
  print(input_lang.name, input_lang.n_words);
  print(output_lang.name, output_lang.n_words);
  return [input_lang, output_lang, pairs];
}

const [input_lang, output_lang, pairs] = prepareData("eng", "fra", true);
print(random.choice(pairs));

class EncoderRNN extends nn.Module {
  hidden_size: number;
  embedding: torch.nn.Embedding;
  gru: torch.nn.GRU;

  constructor(input_size: number, hidden_size: number) {
    super();
    this.hidden_size = hidden_size;

    this.embedding = new nn.Embedding(input_size, hidden_size);
    this.gru = new nn.GRU(hidden_size, hidden_size);
  }

  forward(input: torch.Tensor, hidden: torch.Tensor): [torch.Tensor, torch.Tensor] {
    const embedded = this.embedding.forward(input).view(1, 1, -1);
    let output = embedded;
    [output, hidden] = this.gru.forward(output, hidden);
    return [output, hidden];
  }

  initHidden(): torch.Tensor {
    return torch.zeros(1, 1, this.hidden_size, { device: device });
  }
}

class AttnDecoderRNN extends nn.Module {
  hidden_size: number;
  output_size: number;
  dropout_p: number;
  max_length: number;
  embedding: torch.nn.Embedding;
  attn: torch.nn.Linear;
  attn_combine: torch.nn.Linear;
  dropout: torch.nn.Dropout;
  gru: torch.nn.GRU;
  out: torch.nn.Linear;

  constructor(hidden_size: number, output_size: number, dropout_p = 0.1, max_length = MAX_LENGTH) {
    super();
    this.hidden_size = hidden_size;
    this.output_size = output_size;
    this.dropout_p = dropout_p;
    this.max_length = max_length;

    this.embedding = new nn.Embedding(this.output_size, this.hidden_size);
    this.attn = new nn.Linear(this.hidden_size * 2, this.max_length);
    this.attn_combine = new nn.Linear(this.hidden_size * 2, this.hidden_size);
    this.dropout = new nn.Dropout(this.dropout_p);
    this.gru = new nn.GRU(this.hidden_size, this.hidden_size);
    this.out = new nn.Linear(this.hidden_size, this.output_size);
  }

  forward(
    input: torch.Tensor,
    hidden: torch.Tensor,
    encoder_outputs: torch.Tensor,
  ): [torch.Tensor, torch.Tensor, torch.Tensor] {
    let embedded = this.embedding.forward(input).view(1, 1, -1);
    embedded = this.dropout.forward(embedded);

    const attn_weights = F.softmax(this.attn.forward(torch.cat([embedded.get(0), hidden.get(0)], 1)), {
      dim: 1,
    });
    const attn_applied = torch.bmm(attn_weights.unsqueeze(0), encoder_outputs.unsqueeze(0));

    let output = torch.cat([embedded.get(0), attn_applied.get(0)], 1);
    output = this.attn_combine.forward(output).unsqueeze(0);

    output = F.relu(output);
    [output, hidden] = this.gru.forward(output, hidden);

    output = F.log_softmax(this.out.forward(output.get(0)), { dim: 1 });
    return [output, hidden, attn_weights];
  }

  initHidden(): torch.Tensor {
    return torch.zeros(1, 1, this.hidden_size, { device: device });
  }
}

function indexesFromSentence(lang: Lang, sentence: string): number[] {
  return sentence.split(" ").map((word) => lang.word2index.get(word)!);
}

function tensorFromSentence(lang: Lang, sentence: string): torch.Tensor {
  const indexes = indexesFromSentence(lang, sentence);
  indexes.push(EOS_token);
  return torch.tensor(indexes, { dtype: torch.long, device: device }).view(-1, 1);
}

function tensorsFromPair(pair: string[]): [torch.Tensor, torch.Tensor] {
  const input_tensor = tensorFromSentence(input_lang, pair[0]!);
  const target_tensor = tensorFromSentence(output_lang, pair[1]!);
  return [input_tensor, target_tensor];
}

const teacher_forcing_ratio = 0.5;

/** `loss += x` where loss starts as the int 0: Python's 0 + tensor is tensor.__radd__(0). */
const accumulate = (loss: number | torch.Tensor, x: torch.Tensor) =>
  typeof loss === "number" ? x.add(loss) : loss.add(x);

function train(
  input_tensor: torch.Tensor,
  target_tensor: torch.Tensor,
  encoder: EncoderRNN,
  decoder: AttnDecoderRNN,
  encoder_optimizer: torch.optim.SGD,
  decoder_optimizer: torch.optim.SGD,
  criterion: torch.nn.NLLLoss,
  max_length = MAX_LENGTH,
): number {
  let encoder_hidden = encoder.initHidden();

  encoder_optimizer.zero_grad();
  decoder_optimizer.zero_grad();

  const input_length = input_tensor.size(0);
  const target_length = target_tensor.size(0);

  const encoder_outputs = torch.zeros(max_length, encoder.hidden_size, { device: device });

  let loss: number | torch.Tensor = 0;

  for (let ei = 0; ei < input_length; ei++) {
    let encoder_output: torch.Tensor;
    [encoder_output, encoder_hidden] = encoder.forward(input_tensor.get(ei), encoder_hidden);
    encoder_outputs.set(ei, encoder_output.get(0, 0));
  }

  let decoder_input = torch.tensor([[SOS_token]], { device: device, dtype: torch.long });

  let decoder_hidden = encoder_hidden;

  const use_teacher_forcing = random.random() < teacher_forcing_ratio ? true : false;

  if (use_teacher_forcing) {
    // Teacher forcing: Feed the target as the next input
    for (let di = 0; di < target_length; di++) {
      let decoder_output: torch.Tensor;
      [decoder_output, decoder_hidden] = decoder.forward(decoder_input, decoder_hidden, encoder_outputs);
      loss = accumulate(loss, criterion.forward(decoder_output, target_tensor.get(di)));
      decoder_input = target_tensor.get(di); // Teacher forcing
    }
  } else {
    // Without teacher forcing: use its own predictions as the next input
    for (let di = 0; di < target_length; di++) {
      let decoder_output: torch.Tensor;
      [decoder_output, decoder_hidden] = decoder.forward(decoder_input, decoder_hidden, encoder_outputs);
      const [, topi] = decoder_output.topk(1);
      decoder_input = topi.squeeze().detach(); // detach from history as input

      loss = accumulate(loss, criterion.forward(decoder_output, target_tensor.get(di)));
      if (decoder_input.item() === EOS_token) break;
    }
  }

  (loss as torch.Tensor).backward();

  encoder_optimizer.step();
  decoder_optimizer.step();

  return (loss as torch.Tensor).item() / target_length;
}

function asMinutes(s: number): string {
  const m = Math.floor(s / 60);
  s -= m * 60;
  return `${Math.trunc(m)}m ${Math.trunc(s)}s`;
}

function timeSince(since: number, percent: number): string {
  const now = 0;
  const s = now - since;
  const es = s / percent;
  const rs = es - s;
  return `${asMinutes(s)} (- ${asMinutes(rs)})`;
}

function trainIters(
  encoder: EncoderRNN,
  decoder: AttnDecoderRNN,
  n_iters: number,
  print_every = 1000,
  plot_every = 100,
  learning_rate = 0.01,
): void {
  const start = 0;
  const plot_losses: number[] = [];
  let print_loss_total = 0; // Reset every print_every
  let plot_loss_total = 0; // Reset every plot_every

  const encoder_optimizer = new optim.SGD(encoder.parameters(), { lr: learning_rate });
  const decoder_optimizer = new optim.SGD(decoder.parameters(), { lr: learning_rate });
  const training_pairs = Array.from({ length: n_iters }, () => tensorsFromPair(random.choice(pairs)));
  const criterion = new nn.NLLLoss();

  for (let iter = 1; iter < n_iters + 1; iter++) {
    const training_pair = training_pairs[iter - 1]!;
    const input_tensor = training_pair[0];
    const target_tensor = training_pair[1];

    const loss = train(
      input_tensor,
      target_tensor,
      encoder,
      decoder,
      encoder_optimizer,
      decoder_optimizer,
      criterion,
    );
    print_loss_total += loss;
    plot_loss_total += loss;

    if (iter % print_every === 0) {
      const print_loss_avg = print_loss_total / print_every;
      print_loss_total = 0;
      print(
        `${timeSince(start, iter / n_iters)} (${iter} ${Math.trunc((iter / n_iters) * 100)}%) ${format(print_loss_avg, ".4f")}`,
      );
    }

    if (iter % plot_every === 0) {
      const plot_loss_avg = plot_loss_total / plot_every;
      plot_losses.push(plot_loss_avg);
      plot_loss_total = 0;
    }
  }
}

function evaluate(
  encoder: EncoderRNN,
  decoder: AttnDecoderRNN,
  sentence: string,
  max_length = MAX_LENGTH,
): [string[], torch.Tensor] {
  return torch.no_grad(() => {
    const input_tensor = tensorFromSentence(input_lang, sentence);
    const input_length = input_tensor.size()[0]!;
    let encoder_hidden = encoder.initHidden();

    const encoder_outputs = torch.zeros(max_length, encoder.hidden_size, { device: device });

    for (let ei = 0; ei < input_length; ei++) {
      let encoder_output: torch.Tensor;
      [encoder_output, encoder_hidden] = encoder.forward(input_tensor.get(ei), encoder_hidden);
      encoder_outputs.set(ei, encoder_outputs.get(ei).add(encoder_output.get(0, 0)));
    }

    let decoder_input = torch.tensor([[SOS_token]], { device: device, dtype: torch.long }); // SOS

    let decoder_hidden = encoder_hidden;

    const decoded_words: string[] = [];
    const decoder_attentions = torch.zeros(max_length, max_length);

    let di = 0;
    for (di = 0; di < max_length; di++) {
      let decoder_output: torch.Tensor;
      let decoder_attention: torch.Tensor;
      [decoder_output, decoder_hidden, decoder_attention] = decoder.forward(
        decoder_input,
        decoder_hidden,
        encoder_outputs,
      );
      decoder_attentions.set(di, decoder_attention.data);
      const [, topi] = decoder_output.data.topk(1);
      if (topi.item() === EOS_token) {
        decoded_words.push("<EOS>");
        break;
      } else decoded_words.push(output_lang.index2word.get(topi.item())!);

      decoder_input = topi.squeeze().detach();
    }

    return [decoded_words, decoder_attentions.get(`:${di + 1}`)] as [string[], torch.Tensor];
  });
}

function evaluateRandomly(encoder: EncoderRNN, decoder: AttnDecoderRNN, n = 10): void {
  for (let i = 0; i < n; i++) {
    const pair = random.choice(pairs);
    print(">", pair[0]);
    print("=", pair[1]);
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- plotted by showAttention in the tutorial
    const [output_words, attentions] = evaluate(encoder, decoder, pair[0]!);
    const output_sentence = output_words.join(" ");
    print("<", output_sentence);
    print("");
  }
}

const hidden_size = 32;
const encoder1 = new EncoderRNN(input_lang.n_words, hidden_size).to(device);
const attn_decoder1 = new AttnDecoderRNN(hidden_size, output_lang.n_words, 0.1).to(device);

trainIters(encoder1, attn_decoder1, 300, 50, 100, 0.05);

evaluateRandomly(encoder1, attn_decoder1, 5);
