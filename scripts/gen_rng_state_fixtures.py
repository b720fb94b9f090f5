"""Records torch.get_rng_state()'s bytes after seeds and draws, and the draws that follow
torch.set_rng_state, from PyTorch 1.13 into test/fixtures/rng_state.json (test/ops/rng_state.test.ts).
`npm run fixtures -- rng_state`. Bytes are hex strings; draws are float64 lists."""
import json
import sys

import torch

# name: (seed, the draws before get_rng_state as Python calls)
SCENARIOS = {
    "fresh seed": (5, []),
    "after randn(3) (a cached normal)": (5, ["torch.randn(3)"]),
    "after rand(1000)": (5, ["torch.rand(1000)"]),
    "after exactly one block of 624 draws": (123, ["torch.rand(624)"]),
    "big seed, randn(1) and rand(20, dtype=float64)": (2**40 + 3, ["torch.randn(1)", "torch.rand(20, dtype=torch.float64)"]),
}


def main():
    cases = {}
    for name, (seed, draws) in SCENARIOS.items():
        torch.manual_seed(seed)
        for d in draws:
            eval(d)
        state = torch.get_rng_state()
        after = torch.randn(5, dtype=torch.float64).tolist()
        torch.manual_seed(999)
        torch.set_rng_state(state)
        restored = torch.randn(5, dtype=torch.float64).tolist()
        torch.set_rng_state(state[:5048])
        legacy = torch.randn(5, dtype=torch.float64).tolist()
        cases[name] = {
            "seed": seed,
            "draws": draws,
            "state": bytes(state.tolist()).hex(),
            "after": after,
            "restored": restored,
            "legacy": legacy,
        }
    with open(sys.argv[1], "w") as f:
        json.dump({"torch": torch.__version__, "cases": cases}, f, indent=1)
        f.write("\n")


if __name__ == "__main__":
    main()
