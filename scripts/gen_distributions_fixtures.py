"""Records what PyTorch 1.13's torch.distributions does (test/distributions/distributions.test.ts runs the same
programs): seeded samples and how far they move the generator, log_prob, entropy, mean/variance, cdf/icdf,
gradients through rsample, log_prob, entropy and kl_divergence, reprs and the ValueError texts.
Usage: /usr/bin/python3 scripts/gen_distributions_fixtures.py test/fixtures/distributions/distributions.json"""
import json
import math
import sys

import torch
from torch.distributions import Bernoulli, Categorical, Distribution, Normal, Uniform, kl_divergence


def enc(x):
    """A tensor (or number) as nested lists; non-finite floats as strings (JSON has none)."""
    if isinstance(x, torch.Tensor):
        return enc(x.tolist())
    if isinstance(x, list):
        return [enc(v) for v in x]
    if isinstance(x, float) and not math.isfinite(x):
        return "nan" if math.isnan(x) else ("inf" if x > 0 else "-inf")
    return x


def out(t):
    return {"values": enc(t.detach()), "shape": list(t.shape), "dtype": str(t.dtype).replace("torch.", "")}


def after():
    """What the generator draws next: shows how many numbers the program took."""
    return enc(torch.rand(2))


def t(v, dtype=torch.float32, grad=False):
    return torch.tensor(v, dtype=dtype, requires_grad=grad)


def normal_sample():
    torch.manual_seed(0)
    d = Normal(t([0.0, 1.0]), t([1.0, 2.0]))
    s = d.sample((3,))
    r = d.rsample()
    return {"sample": out(s), "rsample": out(r), "after": after()}


def normal_scalar_sample():
    torch.manual_seed(7)
    d = Normal(0.0, 1.0)
    return {"sample": out(d.sample((2, 2))), "rsample": out(d.rsample((3,))), "after": after()}


def normal_math(dtype):
    loc = t([0.0, 1.0, -1.0], dtype, True)
    scale = t([1.0, 2.0, 0.5], dtype, True)
    d = Normal(loc, scale)
    value = t([0.5, -0.3, 2.0], dtype)
    lp = d.log_prob(value)
    ent = d.entropy()
    (lp.sum() + ent.sum()).backward()
    return {
        "log_prob": out(lp), "entropy": out(ent), "mean": out(d.mean), "variance": out(d.variance),
        "stddev": out(d.stddev), "cdf": out(d.cdf(value)), "icdf": out(d.icdf(t([0.1, 0.5, 0.9], dtype))),
        "loc_grad": out(loc.grad), "scale_grad": out(scale.grad), "grad_fn": type(lp.grad_fn).__name__,
    }


def normal_rsample_grad():
    torch.manual_seed(1)
    loc = t([0.5, -0.5], grad=True)
    scale = t([1.5, 0.25], grad=True)
    x = Normal(loc, scale).rsample((2,))
    (x * x).sum().backward()
    return {"x": out(x), "loc_grad": out(loc.grad), "scale_grad": out(scale.grad), "after": after()}


def categorical_sample():
    torch.manual_seed(2)
    d = Categorical(probs=t([[0.1, 0.2, 0.7], [0.5, 0.25, 0.25]]))
    s = d.sample((4,))
    s1 = d.sample()
    lp = d.log_prob(t([[0, 2], [1, 1]], torch.int64))
    return {"sample": out(s), "sample1": out(s1), "log_prob": out(lp), "entropy": out(d.entropy()),
            "probs": out(d.probs), "logits": out(d.logits), "after": after()}


def categorical_reinforce():
    torch.manual_seed(3)
    logits = t([[1.0, 0.5, -1.0], [0.0, 2.0, 0.3]], grad=True)
    d = Categorical(logits=logits)
    a = d.sample()
    R = t([1.5, -0.5])
    loss = -(d.log_prob(a) * R).sum() - 0.01 * d.entropy().sum()
    loss.backward()
    return {"action": out(a), "loss": out(loss), "logits_grad": out(logits.grad), "after": after()}


def bernoulli_probs():
    torch.manual_seed(4)
    probs = t([0.2, 0.9, 0.5], grad=True)
    d = Bernoulli(probs)
    s = d.sample((2,))
    lp = d.log_prob(t([1.0, 0.0, 1.0]))
    ent = d.entropy()
    (lp.sum() + ent.sum()).backward()
    return {"sample": out(s), "log_prob": out(lp), "entropy": out(ent), "mean": out(d.mean),
            "variance": out(d.variance), "probs_grad": out(probs.grad), "after": after()}


def bernoulli_logits():
    torch.manual_seed(5)
    logits = t([-1.0, 0.0, 2.5], grad=True)
    d = Bernoulli(logits=logits)
    s = d.sample()
    loss = -(d.log_prob(s) * t([1.0, 2.0, -1.0])).sum()
    loss.backward()
    return {"sample": out(s), "probs": out(d.probs), "loss": out(loss), "logits_grad": out(logits.grad),
            "after": after()}


def uniform_case():
    torch.manual_seed(6)
    low = t([0.0, -1.0], grad=True)
    high = t([2.0, 3.0], grad=True)
    d = Uniform(low, high)
    x = d.rsample((3,))
    (x * x).sum().backward()
    lp = Uniform(low, high, validate_args=False).log_prob(t([1.0, 5.0]))
    return {"rsample": out(x), "low_grad": out(low.grad), "high_grad": out(high.grad), "log_prob": out(lp),
            "entropy": out(d.entropy()), "mean": out(d.mean), "variance": out(d.variance), "stddev": out(d.stddev),
            "cdf": out(d.cdf(t([1.0, 2.0]))), "after": after()}


def kl_normal():
    a = t([0.0, 1.0], grad=True)
    b = t([1.0, 0.5], grad=True)
    kl = kl_divergence(Normal(a, b), Normal(t([0.5, 0.5]), t([2.0, 1.0])))
    kl.sum().backward()
    return {"kl": out(kl), "loc_grad": out(a.grad), "scale_grad": out(b.grad)}


def kl_categorical():
    p = Categorical(probs=t([[0.2, 0.8, 0.0], [0.3, 0.3, 0.4]]))
    q = Categorical(probs=t([[0.5, 0.5, 0.0], [0.6, 0.0, 0.4]]))
    return {"kl": out(kl_divergence(p, q))}


def expand_case():
    torch.manual_seed(8)
    d = Normal(t([0.0, 1.0]), 1.0).expand([3, 2])
    return {"repr": repr(d), "batch_shape": list(d.batch_shape), "sample": out(d.sample()), "after": after()}


def grad_fns():
    """grad_fn names of what each method returns, and the remaining properties (mode, perplexity, supports)."""
    loc = t([0.5, 1.0], grad=True)
    n = Normal(loc, 1.0)
    c = Categorical(logits=t([[0.1, 0.2], [0.3, 0.1]], grad=True))
    b = Bernoulli(logits=loc)
    u = Uniform(loc, 3.0)
    v = t([0.0, 1.0])
    name = lambda x: type(x.grad_fn).__name__ if x.grad_fn is not None else None  # noqa: E731
    return {
        "sample_requires_grad": n.sample().requires_grad,
        "names": [name(x) for x in (n.rsample(), n.log_prob(v), n.entropy(), c.log_prob(t([0, 1], torch.int64)),
                                    c.entropy(), c.probs, b.log_prob(v), b.entropy(), b.probs, u.rsample(),
                                    u.log_prob(t([1.0, 2.0])), kl_divergence(n, n), kl_divergence(c, c))],
        "categorical_mean": out(c.mean), "categorical_mode": out(c.mode), "bernoulli_mode": out(b.mode),
        "perplexity": out(n.perplexity()), "categorical_support": out(c.enumerate_support()),
        "bernoulli_support": out(b.enumerate_support(False)),
    }


def reinforce_episodes():
    """pytorch/examples' reinforcement_learning/reinforce.py in small: a softmax policy, Categorical actions,
    loss = sum(-log_prob * return), Adam steps; the actions taken and the final weights."""
    torch.manual_seed(11)
    policy = torch.nn.Sequential(torch.nn.Linear(4, 8), torch.nn.ReLU(), torch.nn.Linear(8, 2),
                                 torch.nn.Softmax(dim=-1))
    opt = torch.optim.Adam(policy.parameters(), lr=0.01)
    actions, losses = [], []
    for _ in range(3):
        states = torch.randn(5, 4)
        m = Categorical(policy(states))
        a = m.sample()
        returns = torch.randn(5)
        loss = (-m.log_prob(a) * returns).sum()
        opt.zero_grad()
        loss.backward()
        opt.step()
        actions.append(enc(a))
        losses.append(loss.item())
    return {"actions": actions, "losses": losses, "weights": [enc(p.detach()) for p in policy.parameters()],
            "after": after()}


def reprs():
    return {
        "normal_scalar": repr(Normal(0.0, 1.0)),
        "normal_vector": repr(Normal(t([0.0, 1.0]), t([1.0, 2.0]))),
        "normal_one": repr(Normal(t([1.5]), 2.0)),
        "categorical_probs": repr(Categorical(probs=t([0.25, 0.75]))),
        "categorical_logits": repr(Categorical(logits=t([0.25, 0.75]))),
        "bernoulli": repr(Bernoulli(0.3)),
        "bernoulli_logits": repr(Bernoulli(logits=t([0.3, 0.1]))),
        "uniform": repr(Uniform(0.0, 2.0)),
        "constraints": [repr(c) for c in (Normal.arg_constraints["scale"], Categorical.arg_constraints["probs"],
                                           Categorical.arg_constraints["logits"], Bernoulli.arg_constraints["probs"],
                                           Bernoulli.support, Categorical(t([0.5, 0.5])).support,
                                           Uniform(0.0, 2.0).support)],
    }


ERRORS = {
    "normal_negative_scale": lambda: Normal(0.0, -1.0),
    "normal_nan_loc": lambda: Normal(t([0.0, float("nan")]), t([1.0, 1.0])),
    "normal_not_broadcastable": lambda: Normal(t([0.0, 1.0]), 1.0).log_prob(torch.zeros(3)),
    "normal_value_not_tensor": lambda: Normal(0.0, 1.0).log_prob(1.0),
    "categorical_both": lambda: Categorical(probs=t([0.5, 0.5]), logits=t([0.0, 0.0])),
    "categorical_neither": lambda: Categorical(),
    "categorical_zero_dim": lambda: Categorical(probs=t(1.0)),
    "categorical_negative": lambda: Categorical(probs=t([0.5, -0.1, 0.6])),
    "categorical_out_of_support": lambda: Categorical(probs=t([0.5, 0.5])).log_prob(t([2], torch.int64)),
    "bernoulli_out_of_range": lambda: Bernoulli(t([0.5, 1.5])),
    "bernoulli_bad_value": lambda: Bernoulli(0.5).log_prob(t([0.5])),
    "uniform_low_ge_high": lambda: Uniform(1.0, 1.0),
    "uniform_out_of_support": lambda: Uniform(0.0, 1.0).log_prob(t(2.0)),
    "set_default_validate_args": lambda: Distribution.set_default_validate_args("yes"),
}


def errors():
    result = {}
    for name, fn in ERRORS.items():
        try:
            fn()
        except Exception as e:  # noqa: BLE001 - the class is part of what is recorded
            result[name] = {"type": type(e).__name__, "message": str(e)}
        else:
            raise AssertionError(f"{name} did not raise")
    return result


def no_validation():
    Distribution.set_default_validate_args(False)
    try:
        d = Normal(0.0, -1.0)
        return {"repr": repr(d), "log_prob": out(d.log_prob(t([0.5])))}
    finally:
        Distribution.set_default_validate_args(True)


def main():
    fixture = {
        "normal_sample": normal_sample(),
        "normal_scalar_sample": normal_scalar_sample(),
        "normal_math_float32": normal_math(torch.float32),
        "normal_math_float64": normal_math(torch.float64),
        "normal_rsample_grad": normal_rsample_grad(),
        "categorical_sample": categorical_sample(),
        "categorical_reinforce": categorical_reinforce(),
        "bernoulli_probs": bernoulli_probs(),
        "bernoulli_logits": bernoulli_logits(),
        "uniform": uniform_case(),
        "kl_normal": kl_normal(),
        "kl_categorical": kl_categorical(),
        "expand": expand_case(),
        "grad_fns": grad_fns(),
        "reinforce_episodes": reinforce_episodes(),
        "reprs": reprs(),
        "errors": errors(),
        "no_validation": no_validation(),
    }
    with open(sys.argv[1], "w") as f:
        json.dump(fixture, f, indent=1, sort_keys=True)
        f.write("\n")


if __name__ == "__main__":
    main()
