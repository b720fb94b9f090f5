# One PyTorch benchmark run in its own process: python3 bench/torch_bench.py <workload> [opts JSON].
# Mirrors bench/tg_bench.mjs operation for operation; prints one JSON object of metrics.
import json
import resource
import statistics
import sys
import time

import torch

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


def w4():
    step = mlp()
    steps = 20

    def run():
        for _ in range(steps):
            step()

    return {"w4_steps_per_s": steps * 1000 / time_ms(run, 1 if quick else 7)}


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


print(json.dumps({"w1": w1, "w2": w2, "w3": w3, "w4": w4, "w5": w5, "memory": memory}[workload]()))
