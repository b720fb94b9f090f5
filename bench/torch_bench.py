# One PyTorch benchmark run in its own process: python3 bench/torch_bench.py <workload> [opts JSON].
# Mirrors bench/tg_bench.mjs operation for operation (W4, W6-W8: bench/models.mjs's models as a PyTorch user
# writes them); prints one JSON object of metrics.
import json
import resource
import statistics
import sys
import time

import torch
import torch.nn as nn
import torch.nn.functional as F

workload = sys.argv[1]
opts = json.loads(sys.argv[2]) if len(sys.argv) > 2 else {}
quick = opts.get("quick", False)
torch.manual_seed(0)


def time_ms(fn, reps):
    fn()
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return statistics.median(times)


def w1():
    ops = 1000

    def run():
        x = torch.tensor(0.5, requires_grad=True)
        y = x
        for _ in range(ops // 4):
            y = y.mul(1.01).add(0.1).sin().sigmoid()
        y.backward()

    return {"w1_us_per_op": time_ms(run, 5 if quick else 20) * 1000 / ops}


def w2():
    x = torch.tensor(3.73)
    y = torch.tensor(1.0)
    w = torch.tensor(1.0, requires_grad=True)
    b = torch.tensor(0.0, requires_grad=True)
    eps = 1e-8

    def step():
        z = w * x + b
        p = torch.clamp(torch.sigmoid(z), eps, 1 - eps)
        loss = -(y * torch.log(p) + (1 - y) * torch.log(1 - p))
        loss.backward()
        w.grad = None
        b.grad = None

    steps = 1000

    def run():
        for _ in range(steps):
            step()

    return {"w2_us_per_step": time_ms(run, 3 if quick else 7) * 1000 / steps}


def w3():
    out = {}
    for n in [128, 512, 1024] if quick else [128, 512, 1024, 2048]:
        a = torch.randn(n, n)
        b = torch.randn(n, n)
        ms = time_ms(lambda: a @ b, 3 if n >= 1024 else 10)
        out[f"w3_gflops_{n}"] = 2 * n**3 / (ms * 1e6)
    for n in [512, 1024]:
        a = torch.randn(n, n, requires_grad=True)
        b = torch.randn(n, n, requires_grad=True)

        def run():
            a.grad = None
            b.grad = None
            torch.sum(a @ b).backward()

        out[f"w3_fwdbwd_ms_{n}"] = time_ms(run, 5)
    return out


def max_rss_mb():
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def training(prefix, make_step):
    """First step alone, a warm-up of a few seconds, then seven timed batches of ~250 ms (median)."""
    step = make_step()
    t = time.perf_counter()
    step()
    first_ms = (time.perf_counter() - t) * 1000
    warm_until = time.perf_counter() + (0.3 if quick else 3.0)
    t = time.perf_counter()
    warm_steps = 0
    while time.perf_counter() < warm_until or warm_steps < 2:
        step()
        warm_steps += 1
    step_ms = (time.perf_counter() - t) * 1000 / warm_steps
    steps = max(1, round(250 / step_ms))
    times = []
    for _ in range(2 if quick else 7):
        t = time.perf_counter()
        for _ in range(steps):
            step()
        times.append((time.perf_counter() - t) * 1000)
    return {
        f"{prefix}_steps_per_s": steps * 1000 / statistics.median(times),
        f"{prefix}_ms_first_step": first_ms,
        f"{prefix}_peak_rss_mb": max_rss_mb(),
    }


class MLP(nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = nn.Linear(784, 256)
        self.fc2 = nn.Linear(256, 128)
        self.fc3 = nn.Linear(128, 10)

    def forward(self, x):
        x = F.relu(self.fc1(x))
        x = F.relu(self.fc2(x))
        return self.fc3(x)


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 16, 5, padding=2)
        self.conv2 = nn.Conv2d(16, 32, 5, padding=2)
        self.pool = nn.MaxPool2d(2)
        self.fc1 = nn.Linear(32 * 7 * 7, 128)
        self.fc2 = nn.Linear(128, 10)

    def forward(self, x):
        x = self.pool(F.relu(self.conv1(x)))
        x = self.pool(F.relu(self.conv2(x)))
        x = torch.flatten(x, 1)
        x = F.relu(self.fc1(x))
        return self.fc2(x)


class Block(nn.Module):
    """A pre-norm transformer block; need_weights=False as nn.TransformerEncoderLayer calls its attention."""

    def __init__(self, dim, heads):
        super().__init__()
        self.ln1 = nn.LayerNorm(dim)
        self.attn = nn.MultiheadAttention(dim, heads, batch_first=True)
        self.ln2 = nn.LayerNorm(dim)
        self.fc1 = nn.Linear(dim, 4 * dim)
        self.act = nn.GELU()
        self.fc2 = nn.Linear(4 * dim, dim)

    def forward(self, x):
        h = self.ln1(x)
        x = x + self.attn(h, h, h, need_weights=False)[0]
        return x + self.fc2(self.act(self.fc1(self.ln2(x))))


class LSTMLanguageModel(nn.Module):
    def __init__(self, vocab, embed, hidden, layers):
        super().__init__()
        self.vocab = vocab
        self.embedding = nn.Embedding(vocab, embed)
        self.lstm = nn.LSTM(embed, hidden, layers)
        self.decoder = nn.Linear(hidden, vocab)

    def forward(self, tokens):
        out, _ = self.lstm(self.embedding(tokens))
        return self.decoder(out)


def classifier_step(model, optimizer, x, y):
    def step():
        optimizer.zero_grad()
        loss = F.cross_entropy(model(x), y)
        loss.backward()
        optimizer.step()

    return step


def w4_model():
    model = MLP()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    return classifier_step(model, optimizer, torch.randn(128, 784), torch.randint(0, 10, (128,)))


def w6_model():
    model = LeNet()
    optimizer = torch.optim.SGD(model.parameters(), lr=0.01, momentum=0.9)
    return classifier_step(model, optimizer, torch.randn(64, 1, 28, 28), torch.randint(0, 10, (64,)))


def w7_model():
    model = Block(128, 4)
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-3)
    x = torch.randn(16, 64, 128)

    def step():
        optimizer.zero_grad()
        loss = model(x).pow(2).mean()
        loss.backward()
        optimizer.step()

    return step


def w8_model():
    vocab = 10000
    model = LSTMLanguageModel(vocab, 128, 256, 2)
    optimizer = torch.optim.SGD(model.parameters(), lr=0.1)
    tokens = torch.randint(0, vocab, (36, 20))
    inp = tokens.narrow(0, 0, 35)
    target = tokens.narrow(0, 1, 35)

    def step():
        optimizer.zero_grad()
        logits = model(inp)
        loss = F.cross_entropy(logits.view(-1, vocab), target.reshape(-1))
        loss.backward()
        nn.utils.clip_grad_norm_(model.parameters(), 0.25)
        optimizer.step()

    return step


def mlp():
    layers = [torch.nn.Linear(784, 256), torch.nn.Linear(256, 128), torch.nn.Linear(128, 10)]
    params = [p for l in layers for p in l.parameters()]
    x = torch.randn(128, 784)
    target = torch.randint(0, 10, (128,))
    lr = 0.01

    def step():
        h = x
        for i, l in enumerate(layers):
            h = l(h)
            if i < len(layers) - 1:
                h = torch.relu(h)
        loss = torch.nn.functional.cross_entropy(h, target)
        for p in params:
            p.grad = None
        loss.backward()
        with torch.no_grad():
            for p in params:
                p.sub_(p.grad.mul(lr))

    return step


def w4h():
    step = mlp()
    steps = 20

    def run():
        for _ in range(steps):
            step()

    return {"w4h_steps_per_s": steps * 1000 / time_ms(run, 1 if quick else 7)}


def memory():
    step = mlp()
    for _ in range(opts.get("memorySteps", 10000)):
        step()
    with open("/proc/self/statm") as f:
        rss_pages = int(f.read().split()[1])
    return {
        "w4_peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "w4_rss_after_mb": rss_pages * resource.getpagesize() / 2**20,
    }


def w5():
    out = {}
    for n, tag in [(10**6, "1e6"), (10**7, "1e7")]:
        x = torch.randn(n)
        reps = 3 if n == 10**7 else 10
        fwd = time_ms(lambda: torch.sigmoid(x) * x + 1, reps)
        xg = x.detach().requires_grad_(True)

        def run():
            xg.grad = None
            (torch.sigmoid(xg) * xg + 1).sum().backward()

        fb = time_ms(run, reps)
        out[f"w5_fwd_melem_s_{tag}"] = n / (fwd * 1000)
        out[f"w5_fwdbwd_melem_s_{tag}"] = n / (fb * 1000)
    return out


workloads = {
    "w1": w1,
    "w2": w2,
    "w3": w3,
    "w4": lambda: training("w4", w4_model),
    "w4h": w4h,
    "w5": w5,
    "w6": lambda: training("w6", w6_model),
    "w7": lambda: training("w7", w7_model),
    "w8": lambda: training("w8", w8_model),
    "memory": memory,
}
print(json.dumps(workloads[workload]()))
