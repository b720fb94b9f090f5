"""Records what PyTorch 1.13's channel-wise dropout does (test/nn/dropout.test.ts): F.dropout1d/2d/3d and the
Dropout1d/2d/3d modules after manual_seed (outputs, so the masks, and the input's gradient), their reprs, and the
warnings dropout2d/dropout3d give for inputs of other ranks.

Usage: /usr/bin/python3 scripts/gen_dropout_fixtures.py OUT.json
"""
import json
import sys
import warnings

import torch
import torch.nn as nn
import torch.nn.functional as F

# name -> (function, input shape, p, extra kwargs). Same names in test/nn/dropout.test.ts.
CASES = {
    "dropout1d": (F.dropout1d, (4, 5, 3), 0.5, {}),
    "dropout1d_unbatched": (F.dropout1d, (6, 2), 0.3, {}),
    "dropout2d": (F.dropout2d, (3, 4, 2, 2), 0.4, {}),
    "dropout2d_3d_input": (F.dropout2d, (3, 5, 2), 0.5, {}),
    "dropout2d_2d_input": (F.dropout2d, (6, 3), 0.5, {}),
    "dropout3d": (F.dropout3d, (2, 5, 2, 1, 2), 0.6, {}),
    "dropout3d_unbatched": (F.dropout3d, (7, 2, 2, 1), 0.2, {}),
    "dropout3d_3d_input": (F.dropout3d, (4, 2, 2), 0.5, {}),
    "dropout2d_eval": (F.dropout2d, (2, 3, 2, 2), 0.5, {"training": False}),
    "dropout1d_p1": (F.dropout1d, (2, 3, 2), 1.0, {}),
    "alpha_dropout": (F.alpha_dropout, (4, 6), 0.3, {"training": True}),
    "alpha_dropout_default_eval": (F.alpha_dropout, (3, 2), 0.5, {}),
    "feature_alpha_dropout": (F.feature_alpha_dropout, (3, 4, 2, 2), 0.4, {"training": True}),
    "feature_alpha_dropout_float64": (F.feature_alpha_dropout, (2, 5, 3), 0.2, {"training": True, "dtype": torch.float64}),
}


def main():
    out = {"cases": {}, "modules": {}}
    for i, (name, (fn, shape, p, kwargs)) in enumerate(CASES.items()):
        torch.manual_seed(100 + i)
        dtype = kwargs.pop("dtype", torch.float32)
        x = torch.randn(*shape, dtype=dtype)
        x.requires_grad_(True)
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            y = fn(x, p, **kwargs)
        y.sum().backward()
        out["cases"][name] = {
            "seed": 100 + i,
            "dtype": str(dtype).replace("torch.", ""),
            "input": x.tolist(),
            "output": y.tolist(),
            "grad_fn": y.grad_fn.name() if y.grad_fn is not None else None,
            "grad": x.grad.tolist(),
            "warnings": [str(w.message) for w in caught],
        }
    for name, ctor, shape in [
        ("Dropout1d", lambda: nn.Dropout1d(0.25), (3, 4, 2)),
        ("Dropout2d", lambda: nn.Dropout2d(), (2, 3, 2, 2)),
        ("Dropout3d", lambda: nn.Dropout3d(0.1, inplace=True), (2, 6, 1, 2, 2)),
        ("AlphaDropout", lambda: nn.AlphaDropout(0.2), (3, 5)),
        ("FeatureAlphaDropout", lambda: nn.FeatureAlphaDropout(0.5, inplace=True), (2, 4, 3)),
    ]:
        torch.manual_seed(7)
        m = ctor()
        x = torch.randn(*shape)
        y = m(x.clone())
        m.eval()
        out["modules"][name] = {
            "repr": repr(m),
            "input": x.tolist(),
            "output": y.tolist(),
            "eval_output": m(x.clone()).tolist(),
            "state_dict_keys": list(m.state_dict().keys()),
        }
    with open(sys.argv[1], "w") as f:
        json.dump(out, f)


if __name__ == "__main__":
    main()
