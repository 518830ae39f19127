"""The app's seeded random source (src/util/rng.ts, mulberry32) and its epoch batcher
(src/data/batcher.ts), bit for bit, so the exported project draws exactly what the
browser draws from the same seed.

mulberry32's state is a counter (s += 0x6d2b79f5 per draw) and each output is a pure
function of the state, so `next_n` draws many values at once with torch int32 maths.
"""
import math

import torch

_M32 = 0xFFFFFFFF
_STEP = 0x6D2B79F5


def _int32(x):
    """The signed 32-bit value of an integer (JS ToInt32 of an integral number)."""
    x &= _M32
    return x - (1 << 32) if x & 0x80000000 else x


def to_int32(v):
    """JS `v | 0` for any finite number."""
    if not math.isfinite(v):
        return 0
    return _int32(int(math.trunc(v)))


def _srl(t, k):
    """JS `t >>> k` on int32 tensors (a logical shift)."""
    return (t >> k) & ((1 << (32 - k)) - 1)


def _outputs(states):
    """mulberry32's output for each state, as float64 in [0, 1). The maths is int32, whose
    products and sums wrap modulo 2^32 exactly as Math.imul and JS's `| 0` do."""
    t = states
    t = (t ^ _srl(t, 15)) * (t | 1)
    t = t ^ (t + (t ^ _srl(t, 7)) * (t | 61))
    t = t ^ _srl(t, 14)
    return (t.to(torch.int64) & _M32).double() / 4294967296.0


class Rng:
    """A seeded generator with the same stream as the app's `Rng` for the same seed."""

    def __init__(self, seed):
        self.s = _int32(to_int32(seed) ^ 0x9E3779B9) & _M32
        self.s = (self.s + 4 * _STEP) & _M32  # the app's warm-up: four draws

    def next_n(self, n):
        """The next n uniforms in [0, 1) (float64 tensor), in stream order."""
        k = torch.arange(1, n + 1, dtype=torch.int32)
        states = _int32(self.s) + k * _int32(_STEP)
        self.s = (self.s + n * _STEP) & _M32
        return _outputs(states)

    def next(self):
        """One uniform in [0, 1)."""
        return float(self.next_n(1)[0])

    def uniform(self, lo, hi):
        """Uniform in [lo, hi)."""
        return lo + (hi - lo) * self.next()

    def int(self, n):
        """Integer in [0, n)."""
        return math.floor(self.next() * n)

    def normal_n(self, n):
        """n standard normals (Box-Muller, two draws each, as the app's `normal()`)."""
        u = self.next_n(2 * n).view(n, 2)
        first = torch.clamp(u[:, 0], min=1e-12)
        return torch.sqrt(-2 * torch.log(first)) * torch.cos(2 * math.pi * u[:, 1])

    def tf_seed(self):
        """A fresh integer seed (for a tfjs-seeded draw or a child generator)."""
        return math.floor(self.next() * 2147483647)

    def permutation(self, n):
        """A random permutation of 0..n-1 (the app's Fisher-Yates), int64 tensor."""
        if n <= 1:
            return torch.arange(n, dtype=torch.int64)
        draws = self.next_n(n - 1)
        sizes = torch.arange(n, 1, -1, dtype=torch.float64)  # i + 1 for i = n-1 .. 1
        js = torch.floor(draws * sizes).to(torch.int64).tolist()
        p = list(range(n))
        for step, i in enumerate(range(n - 1, 0, -1)):
            j = js[step]
            p[i], p[j] = p[j], p[i]
        return torch.tensor(p, dtype=torch.int64)

    def fork(self):
        """A child generator with an independent stream."""
        return Rng(self.tf_seed())


class EpochBatcher:
    """Shuffled index batches, one fresh permutation per epoch, batches always full."""

    def __init__(self, size, rng):
        if size < 1:
            raise ValueError(f"EpochBatcher needs at least one sample, got {size}.")
        self.size = size
        self.rng = rng
        self.order = rng.permutation(size).tolist()
        self.pos = 0
        self.epoch = 0

    def next(self, batch_size):
        """The next `batch_size` sample indices (at most `size`), int64 tensor."""
        b = min(batch_size, self.size)
        take = min(b, self.size - self.pos)
        out = self.order[self.pos:self.pos + take]
        self.pos += take
        rest = b - take
        if self.pos == self.size:
            self._start_epoch(set(out), rest)
        if rest > 0:
            out = out + self.order[:rest]
            self.pos = rest
        return torch.tensor(out, dtype=torch.int64)

    def _start_epoch(self, tail, head_count):
        """The next epoch's order; indices of the batch's tail are moved out of its head."""
        self.epoch += 1
        self.pos = 0
        order = self.rng.permutation(self.size).tolist()
        swap_from = head_count
        for i in range(head_count):
            if order[i] not in tail:
                continue
            while order[swap_from] in tail:
                swap_from += 1
            order[i], order[swap_from] = order[swap_from], order[i]
            swap_from += 1
        self.order = order
