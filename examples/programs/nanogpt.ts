// karpathy/nanoGPT's model.py (GPT with CausalSelfAttention written out, LayerNorm with an optional bias, weight
// tying, configure_optimizers, generate with top_k), trained as train.py trains it on a tiny character dataset,
// line for line: python/nanogpt.py.
import * as torch from "tensorgrad";
import { format, print } from "../tutorials/python.js";
const nn = torch.nn;
const F = torch.nn.functional;

/** LayerNorm but with an optional bias. PyTorch doesn't support simply bias=False */
class LayerNorm extends nn.Module {
  weight: torch.nn.Parameter;
  bias: torch.nn.Parameter | null;

  constructor(ndim: number, bias: boolean) {
    super();
    this.weight = new nn.Parameter(torch.ones(ndim));
    this.bias = bias ? new nn.Parameter(torch.zeros(ndim)) : null;
  }

  forward(input: torch.Tensor): torch.Tensor {
    return F.layer_norm(input, this.weight.shape, this.weight, this.bias, 1e-5);
  }
}

class CausalSelfAttention extends nn.Module {
  c_attn: torch.nn.Linear;
  c_proj: torch.nn.Linear;
  attn_dropout: torch.nn.Dropout;
  resid_dropout: torch.nn.Dropout;
  n_head: number;
  n_embd: number;
  dropout: number;
  flash: boolean;
  declare bias: torch.Tensor;

  constructor(config: GPTConfig) {
    super();
    if (config.n_embd % config.n_head !== 0) throw new Error("AssertionError");
    // key, query, value projections for all heads, but in a batch
    this.c_attn = new nn.Linear(config.n_embd, 3 * config.n_embd, { bias: config.bias });
    // output projection
    this.c_proj = new nn.Linear(config.n_embd, config.n_embd, { bias: config.bias });
    // regularization
    this.attn_dropout = new nn.Dropout(config.dropout);
    this.resid_dropout = new nn.Dropout(config.dropout);
    this.n_head = config.n_head;
    this.n_embd = config.n_embd;
    this.dropout = config.dropout;
    // flash attention make GPU go brrrrr but support is only in PyTorch >= 2.0
    this.flash = "scaled_dot_product_attention" in torch.nn.functional;
    if (!this.flash) {
      print("WARNING: using slow attention. Flash Attention requires PyTorch >= 2.0");
      // causal mask to ensure that attention is only applied to the left in the input sequence
      this.register_buffer(
        "bias",
        torch
          .tril(torch.ones(config.block_size, config.block_size))
          .view(1, 1, config.block_size, config.block_size),
      );
    }
  }

  forward(x: torch.Tensor): torch.Tensor {
    const [B, T, C] = x.size() as [number, number, number]; // batch size, sequence length, embedding dimensionality (n_embd)

    // calculate query, key, values for all heads in batch and move head forward to be the batch dim
    let [q, k, v] = this.c_attn.forward(x).split(this.n_embd, { dim: 2 }) as [
      torch.Tensor,
      torch.Tensor,
      torch.Tensor,
    ];
    k = k.view(B, T, this.n_head, Math.floor(C / this.n_head)).transpose(1, 2); // (B, nh, T, hs)
    q = q.view(B, T, this.n_head, Math.floor(C / this.n_head)).transpose(1, 2); // (B, nh, T, hs)
    v = v.view(B, T, this.n_head, Math.floor(C / this.n_head)).transpose(1, 2); // (B, nh, T, hs)

    // causal self-attention; Self-attend: (B, nh, T, hs) x (B, nh, hs, T) -> (B, nh, T, T)
    // (no flash branch: torch.nn.functional.scaled_dot_product_attention is PyTorch 2.0's)
    // manual implementation of attention
    let att = q.matmul(k.transpose(-2, -1)).mul(1.0 / Math.sqrt(k.size(-1)));
    att = att.masked_fill(this.bias.get(`:,:,:${T},:${T}`).eq(0), -Infinity);
    att = F.softmax(att, { dim: -1 });
    att = this.attn_dropout.forward(att);
    let y = att.matmul(v); // (B, nh, T, T) x (B, nh, T, hs) -> (B, nh, T, hs)
    y = y.transpose(1, 2).contiguous().view(B, T, C); // re-assemble all head outputs side by side

    // output projection
    y = this.resid_dropout.forward(this.c_proj.forward(y));
    return y;
  }
}

class MLP extends nn.Module {
  c_fc: torch.nn.Linear;
  gelu: torch.nn.GELU;
  c_proj: torch.nn.Linear;
  dropout: torch.nn.Dropout;

  constructor(config: GPTConfig) {
    super();
    this.c_fc = new nn.Linear(config.n_embd, 4 * config.n_embd, { bias: config.bias });
    this.gelu = new nn.GELU();
    this.c_proj = new nn.Linear(4 * config.n_embd, config.n_embd, { bias: config.bias });
    this.dropout = new nn.Dropout(config.dropout);
  }

  forward(x: torch.Tensor): torch.Tensor {
    x = this.c_fc.forward(x);
    x = this.gelu.forward(x);
    x = this.c_proj.forward(x);
    x = this.dropout.forward(x);
    return x;
  }
}

class Block extends nn.Module {
  ln_1: LayerNorm;
  attn: CausalSelfAttention;
  ln_2: LayerNorm;
  mlp: MLP;

  constructor(config: GPTConfig) {
    super();
    this.ln_1 = new LayerNorm(config.n_embd, config.bias);
    this.attn = new CausalSelfAttention(config);
    this.ln_2 = new LayerNorm(config.n_embd, config.bias);
    this.mlp = new MLP(config);
  }

  forward(x: torch.Tensor): torch.Tensor {
    x = x.add(this.attn.forward(this.ln_1.forward(x)));
    x = x.add(this.mlp.forward(this.ln_2.forward(x)));
    return x;
  }
}

/** The @dataclass: its fields and their defaults. */
class GPTConfig {
  block_size = 1024;
  vocab_size = 50304; // GPT-2 vocab_size of 50257, padded up to nearest multiple of 64 for efficiency
  n_layer = 12;
  n_head = 12;
  n_embd = 768;
  dropout = 0.0;
  bias = true; // True: bias in Linears and LayerNorms, like GPT-2. False: a bit better and faster

  constructor(fields: Partial<GPTConfig> = {}) {
    Object.assign(this, fields);
  }
}

class GPT extends nn.Module {
  config: GPTConfig;
  transformer: torch.nn.ModuleDict;
  lm_head: torch.nn.Linear;

  constructor(config: GPTConfig) {
    super();
    this.config = config;

    this.transformer = new nn.ModuleDict({
      wte: new nn.Embedding(config.vocab_size, config.n_embd),
      wpe: new nn.Embedding(config.block_size, config.n_embd),
      drop: new nn.Dropout(config.dropout),
      h: new nn.ModuleList(Array.from({ length: config.n_layer }, () => new Block(config))),
      ln_f: new LayerNorm(config.n_embd, config.bias),
    });
    this.lm_head = new nn.Linear(config.n_embd, config.vocab_size, { bias: false });
    // with weight tying when using torch.compile() some warnings get generated:
    // "UserWarning: functional_call was passed multiple values for tied weights.
    // This behavior is deprecated and will be an error in future versions"
    // not 100% sure what this is, so far seems to be harmless. TODO investigate
    this.wte.weight = this.lm_head.weight; // https://paperswithcode.com/method/weight-tying

    // init all weights
    this.apply((module: torch.nn.Module) => this._init_weights(module));
    // apply special scaled init to the residual projections, per GPT-2 paper
    for (const [pn, p] of this.named_parameters())
      if (pn.endsWith("c_proj.weight"))
        torch.nn.init.normal_(p, { mean: 0.0, std: 0.02 / Math.sqrt(2 * config.n_layer) });

    // report number of parameters
    print(`number of parameters: ${format(this.get_num_params() / 1e6, ".2f")}M`);
  }

  // self.transformer.wte, .wpe, .drop, .h, .ln_f
  get wte(): torch.nn.Embedding {
    return this.transformer.get("wte") as torch.nn.Embedding;
  }
  get wpe(): torch.nn.Embedding {
    return this.transformer.get("wpe") as torch.nn.Embedding;
  }

  /**
   * Return the number of parameters in the model.
   * For non-embedding count (default), the position embeddings get subtracted.
   * The token embeddings would too, except due to the parameter sharing these
   * params are actually used as weights in the final layer, so we include them.
   */
  get_num_params(non_embedding = true): number {
    let n_params = [...this.parameters()].reduce((sum, p) => sum + p.numel(), 0);
    if (non_embedding) n_params -= this.wpe.weight.numel();
    return n_params;
  }

  _init_weights(module: torch.nn.Module): void {
    if (module instanceof nn.Linear) {
      torch.nn.init.normal_(module.weight, { mean: 0.0, std: 0.02 });
      if (module.bias !== null) torch.nn.init.zeros_(module.bias);
    } else if (module instanceof nn.Embedding) torch.nn.init.normal_(module.weight, { mean: 0.0, std: 0.02 });
  }

  forward(idx: torch.Tensor, targets: torch.Tensor | null = null): [torch.Tensor, torch.Tensor | null] {
    const device = idx.device;
    // eslint-disable-next-line @typescript-eslint/no-unused-vars -- unpacked as in the original
    const [b, t] = idx.size() as [number, number];
    if (!(t <= this.config.block_size))
      throw new Error(
        `AssertionError: Cannot forward sequence of length ${t}, block size is only ${this.config.block_size}`,
      );
    const pos = torch.arange(0, t, { dtype: torch.long, device: device }); // shape (t)

    // forward the GPT model itself
    const tok_emb = this.wte.forward(idx); // token embeddings of shape (b, t, n_embd)
    const pos_emb = this.wpe.forward(pos); // position embeddings of shape (t, n_embd)
    let x = (this.transformer.get("drop") as torch.nn.Dropout).forward(tok_emb.add(pos_emb));
    for (const block of this.transformer.get("h") as torch.nn.ModuleList) x = (block as Block).forward(x);
    x = (this.transformer.get("ln_f") as LayerNorm).forward(x);

    let logits: torch.Tensor;
    let loss: torch.Tensor | null;
    if (targets !== null) {
      // if we are given some desired targets also calculate the loss
      logits = this.lm_head.forward(x);
      loss = F.cross_entropy(logits.view(-1, logits.size(-1)), targets.view(-1), { ignore_index: -1 });
    } else {
      // inference-time mini-optimization: only forward the lm_head on the very last position
      logits = this.lm_head.forward(x.get(":", [-1], ":")); // note: using list [-1] to preserve the time dim
      loss = null;
    }

    return [logits, loss];
  }

  configure_optimizers(
    weight_decay: number,
    learning_rate: number,
    betas: [number, number],
    device_type: string,
  ): torch.optim.AdamW {
    // start with all of the candidate parameters
    let param_dict = new Map(this.named_parameters());
    // filter out those that do not require grad
    param_dict = new Map([...param_dict].filter(([, p]) => p.requires_grad));
    // create optim groups. Any parameters that is 2D will be weight decayed, otherwise no.
    // i.e. all weight tensors in matmuls + embeddings decay, all biases and layernorms don't.
    const decay_params = [...param_dict.values()].filter((p) => p.dim() >= 2);
    const nodecay_params = [...param_dict.values()].filter((p) => p.dim() < 2);
    const optim_groups = [
      { params: decay_params, weight_decay: weight_decay },
      { params: nodecay_params, weight_decay: 0.0 },
    ];
    const num_decay_params = decay_params.reduce((sum, p) => sum + p.numel(), 0);
    const num_nodecay_params = nodecay_params.reduce((sum, p) => sum + p.numel(), 0);
    // f"{n:,}" groups thousands with commas
    const thousands = (n: number) => n.toLocaleString("en-US");
    print(
      `num decayed parameter tensors: ${decay_params.length}, with ${thousands(num_decay_params)} parameters`,
    );
    print(
      `num non-decayed parameter tensors: ${nodecay_params.length}, with ${thousands(num_nodecay_params)} parameters`,
    );
    // Create AdamW optimizer and use the fused version if it is available
    // ('fused' in inspect.signature(torch.optim.AdamW).parameters: PyTorch 1.13's AdamW has no fused argument)
    const fused_available = false;
    const use_fused = fused_available && device_type === "cuda";
    const extra_args = use_fused ? { fused: true } : {};
    const optimizer = new torch.optim.AdamW(optim_groups, { lr: learning_rate, betas: betas, ...extra_args });
    print(`using fused AdamW: ${use_fused ? "True" : "False"}`);

    return optimizer;
  }

  /**
   * Take a conditioning sequence of indices idx (LongTensor of shape (b,t)) and complete
   * the sequence max_new_tokens times, feeding the predictions back into the model each time.
   * Most likely you'll want to make sure to be in model.eval() mode of operation for this.
   */
  generate(idx: torch.Tensor, max_new_tokens: number, temperature = 1.0, top_k: number | null = null) {
    // @torch.no_grad()
    return torch.no_grad(() => {
      for (let n = 0; n < max_new_tokens; n++) {
        // if the sequence context is growing too long we must crop it at block_size
        const idx_cond =
          idx.size(1) <= this.config.block_size ? idx : idx.get(`:, -${this.config.block_size}:`);
        // forward the model to get the logits for the index in the sequence
        let [logits] = this.forward(idx_cond);
        // pluck the logits at the final step and scale by desired temperature
        logits = logits.get(":, -1, :").div(temperature);
        // optionally crop the logits to only the top k options
        if (top_k !== null) {
          const [v] = torch.topk(logits, Math.min(top_k, logits.size(-1)));
          logits.set(logits.lt(v.get(":", [-1])), -Infinity);
        }
        // apply softmax to convert logits to (normalized) probabilities
        const probs = F.softmax(logits, { dim: -1 });
        // sample from the distribution
        const idx_next = torch.multinomial(probs, { num_samples: 1 });
        // append sampled index to the running sequence and continue
        idx = torch.cat([idx, idx_next], { dim: 1 });
      }

      return idx;
    });
  }
}

// train.py and sample.py, reduced to what the tiny run needs
const text = `First Citizen:
Before we proceed any further, hear me speak.

All:
Speak, speak.

First Citizen:
You are all resolved rather to die than to famish?

All:
Resolved. resolved.
`;
// sorted(list(set(text))): code-point order, as Python sorts strings
const chars = [...new Set(text)].sort();
const vocab_size = chars.length;
const stoi = new Map(chars.map((ch, i) => [ch, i]));
const itos = new Map(chars.map((ch, i) => [i, ch]));
const encode = (s: string) => [...s].map((c) => stoi.get(c)!); // encoder: take a string, output a list of integers
const decode = (l: number[]) => l.map((i) => itos.get(i)!).join(""); // decoder: take a list of integers, output a string

const batch_size = 8;
const block_size = 16;
const n_layer = 2;
const n_head = 2;
const n_embd = 32;
const dropout = 0.1;
const bias = false;
const learning_rate = 1e-2;
const max_iters = 30;
const weight_decay = 1e-1;
const beta1 = 0.9;
const beta2 = 0.99;
const grad_clip: number = 1.0;
const device = "cpu";
const device_type = "cpu";
const log_interval = 5;

torch.manual_seed(1337);
const data = torch.tensor(encode(text), { dtype: torch.long });

function get_batch(): [torch.Tensor, torch.Tensor] {
  const ix = torch.randint(data.size(0) - block_size, [batch_size]);
  const starts = ix.tolist() as number[];
  let x = torch.stack(starts.map((i) => data.get(`${i}:${i + block_size}`)));
  let y = torch.stack(starts.map((i) => data.get(`${i + 1}:${i + 1 + block_size}`)));
  [x, y] = [x.to(device), y.to(device)];
  return [x, y];
}

const model_args = { n_layer, n_head, n_embd, block_size, bias, vocab_size, dropout };
const gptconf = new GPTConfig(model_args);
const model = new GPT(gptconf);
model.to(device);
const optimizer = model.configure_optimizers(weight_decay, learning_rate, [beta1, beta2], device_type);

let [X, Y] = get_batch(); // fetch the very first batch
let iter_num = 0;
for (;;) {
  const [, loss] = model.forward(X, Y) as [torch.Tensor, torch.Tensor];
  // immediately async prefetch next batch while model is doing the forward pass on the GPU
  [X, Y] = get_batch();
  // backward pass
  loss.backward();
  // clip the gradient
  if (grad_clip !== 0.0) torch.nn.utils.clip_grad_norm_(model.parameters(), grad_clip);
  // step the optimizer
  optimizer.step();
  // flush the gradients as soon as we can, no need for this memory anymore
  optimizer.zero_grad({ set_to_none: true });

  if (iter_num % log_interval === 0) {
    const lossf = loss.item();
    print(`iter ${iter_num}: loss ${format(lossf, ".4f")}`);
  }
  iter_num += 1;

  // termination conditions
  if (iter_num > max_iters) break;
}

// sample.py
model.eval();
const start_ids = encode("\n");
const x = torch.tensor(start_ids, { dtype: torch.long, device: device }).get(null, "...");
torch.no_grad(() => {
  const y = model.generate(x, 40, 0.8, 5);
  print(decode(y.get(0).tolist() as number[]));
  print("---------------");
});
