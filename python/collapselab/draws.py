"""Where a step's randomness comes from. Everything the app draws on the CPU (views,
masks, token ids, permutations, CIR's draws) comes from its `Rng` (rng.py, bit for bit).
Two kinds of draws the app leaves to tfjs's own seeded generators: the Gamma draws of
masking + mixing's Beta weights and its uniform noise fill. Here they come from a torch
generator seeded with the same seed, unless the value for that seed was exported with
the run (`recorded`, as the parity fixtures do), in which case it is used as is.
"""
import torch


class TfSeededDraws:
    """Seeded Gamma and uniform draws, replayed from `recorded` {seed: values} when present."""

    def __init__(self, recorded=None):
        self.recorded = {int(k): v for k, v in (recorded or {}).items()}

    def _replayed(self, seed, shape):
        values = self.recorded.get(int(seed))
        if values is None:
            return None
        t = torch.as_tensor(values, dtype=torch.float32).reshape(shape)
        return t

    def gamma(self, n, alpha, seed):
        """n draws of Gamma(alpha, 1)."""
        got = self._replayed(seed, (n,))
        if got is not None:
            return got
        g = torch.Generator().manual_seed(int(seed))
        return torch._standard_gamma(torch.full((n,), float(alpha)), generator=g)

    def uniform(self, shape, seed):
        """Uniform [0, 1) values of `shape`."""
        got = self._replayed(seed, tuple(shape))
        if got is not None:
            return got
        g = torch.Generator().manual_seed(int(seed))
        return torch.rand(tuple(shape), generator=g)
