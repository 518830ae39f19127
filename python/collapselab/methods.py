"""The seed methods (docs/methods.md §1-§5) as PyTorch code: ρSIM, IMSVD, CorInfoMax,
CIR and masking + mixing. Formulas, constants and the order of random draws are the
app's (src/objectives/); random draws come from the step's `Draws` (see draws.py)."""
import math

import torch
from torch import nn
from torch.nn import functional as F

from .losses import mean_cosine

# ---------------------------------------------------------------- ρSIM (§1)

SIM_HIDDEN = 256
SIM_LATENT = 128
_STD_EPS = 1e-6
_SQRT_GUARD = 1e-12


def to_tokens(t):
    """A block tensor as tokens [B, T, C]: NCHW -> [B, H*W, C] (id h*W + w); [B, C] -> [1, B, C]."""
    if t.dim() == 4:
        b, c, h, w = t.shape
        return t.permute(0, 2, 3, 1).reshape(b, h * w, c)
    if t.dim() == 2:
        return t.unsqueeze(0)
    return t


def token_count(t):
    """Tokens per sample: H*W (NCHW) or the batch size ([B, C])."""
    return t.shape[2] * t.shape[3] if t.dim() == 4 else t.shape[0]


def standardize_tokens(a):
    """(a - mean_tokens) / (std_unbiased_tokens + 1e-6), per sample and channel; a [B, n, C]."""
    n = a.shape[1]
    mean = a.mean(1, keepdim=True)
    var = ((a - mean) ** 2).mean(1, keepdim=True) * (n / (n - 1))
    return (a - mean) / (torch.sqrt(var + _SQRT_GUARD) + _STD_EPS)


def normalized_euclidean_distance(a, b):
    """mean over (B, n) of ||S(a) - S(b)||_2 over channels."""
    diff = standardize_tokens(a) - standardize_tokens(b)
    return torch.sqrt((diff * diff).sum(-1) + _SQRT_GUARD).mean()


def _torch_default_linear(fan_in, fan_out, bias):
    layer = nn.Linear(fan_in, fan_out, bias=bias)
    bound = 1 / math.sqrt(fan_in)
    with torch.no_grad():
        layer.weight.uniform_(-bound, bound)
        if bias:
            layer.bias.uniform_(-bound, bound)
    return layer


class SimHeads(nn.Module):
    """One block's heads: optional pre (C_out -> C_in, no bias), the shared projector
    C_in-256-128-128 and the predictor 128-128."""

    def __init__(self, cin, cout):
        super().__init__()
        self.pre = _torch_default_linear(cout, cin, False) if cout != cin else None
        self.proj = nn.ModuleList([_torch_default_linear(cin, SIM_HIDDEN, True), _torch_default_linear(SIM_HIDDEN, SIM_LATENT, True), _torch_default_linear(SIM_LATENT, SIM_LATENT, True)])
        self.pred = _torch_default_linear(SIM_LATENT, SIM_LATENT, True)

    def project(self, x):
        return self.proj[2](F.relu(self.proj[1](F.relu(self.proj[0](x)))))

    def app_layers(self):
        """The layers in the app's variable order (its `sim/<i>` names count these tensors)."""
        return ([self.pre] if self.pre is not None else []) + list(self.proj) + [self.pred]


def sim_block_loss(x, y, heads, ids, beta, probe_only=False):
    """(beta * d, d) for one block: target sg(proj(sg(x)[:, ids])), prediction
    pred(proj(pre(y[:, ids])))."""
    xs = to_tokens(x).detach()[:, ids]
    ys = to_tokens(y)[:, ids]
    if probe_only:
        ys = ys.detach()
    target = heads.project(xs).detach()
    pre = heads.pre(ys) if heads.pre is not None else ys
    d = normalized_euclidean_distance(heads.pred(heads.project(pre)), target)
    return beta * d, d


def mean_of_finite(values, device):
    """Mean of the finite entries (0 when none)."""
    if not values:
        return torch.zeros((), device=device)
    v = torch.stack(values)
    ok = torch.isfinite(v)
    return torch.where(ok, v, torch.zeros_like(v)).sum() / torch.clamp(ok.float().sum(), min=1)


# ---------------------------------------------------------------- IMSVD (§3)

def soft_bins(z, k, b, t):
    """p = max(softmax(z[:, :K*B] as [N, K, B] / t), 1e-8)."""
    n = z.shape[0]
    return torch.clamp(F.softmax(z[:, : k * b].reshape(n, k, b) / t, -1), min=1e-8)


def imsvd_loss(z1, z2, bin_size, t, c_dia, c_off, c_ti):
    """(loss, L_ti, L_dia, L_off); all zero when D < B."""
    k = z1.shape[1] // bin_size
    if k < 1:
        zero = z1.sum() * 0
        return zero, zero, zero, zero
    n = z1.shape[0]
    p1, p2 = soft_bins(z1, k, bin_size, t), soft_bins(z2, k, bin_size, t)
    agree = p1 * p2
    ti = -torch.log(agree.sum(-1)).mean()
    diag = agree.reshape(n, k * bin_size).sum(0) / n
    dia = (diag * torch.log(diag)).sum() / k
    if k > 1:
        joint = p1.reshape(n, -1).t() @ p2.reshape(n, -1) / n
        block = torch.arange(k * bin_size, device=z1.device) // bin_size
        off_mask = (block[:, None] != block[None, :]).float()
        off = (joint * torch.log(joint) * off_mask).sum() / (k * (k - 1))
    else:
        off = z1.sum() * 0
    return c_dia * dia + c_off * off + c_ti * ti, ti, dia, off


# ---------------------------------------------------------------- CorInfoMax (§4)

def logdet_spd(a):
    """log det of a symmetric positive definite matrix, computed in float64 (as the app's kernels)."""
    return torch.logdet(a.double()).to(a.dtype)


def corinfomax_view(z, r_prev, mu_prev, la_r, la_mu, eps):
    """(mu_new, R_new, logdet(R_new + eps I)) of one view's unit rows z."""
    n, d = z.shape
    mu = mu_prev * la_mu + z.mean(0) * (1 - la_mu)
    zc = z - mu
    r = r_prev * la_r + (zc.t() @ zc / n) * (1 - la_r)
    return mu, r, logdet_spd(r + torch.eye(d, device=z.device, dtype=z.dtype) * eps)


def corinfomax_loss(z1n, z2n, memory, knobs):
    """(loss, [(R_new, mu_new) per view], diagnostics) on unit rows; memory [(R, mu)] or None."""
    d = z1n.shape[1]
    dev = z1n.device
    views = []
    for v, z in enumerate((z1n, z2n)):
        r_prev = memory[v][0] if memory else torch.eye(d, device=dev) * knobs["R_ini"]
        mu_prev = memory[v][1] if memory else torch.zeros(d, device=dev)
        views.append(corinfomax_view(z, r_prev, mu_prev, knobs["la_R"], knobs["la_mu"], knobs["eps"]))
    cov = -(views[0][2] + views[1][2]) / d
    inv = ((z1n - z2n) ** 2).mean()
    loss = inv * knobs["alpha"] + cov
    return loss, [(r, mu) for mu, r, _ in views], {"logdet1": views[0][2], "logdet2": views[1][2], "inv": inv, "cov": cov}


# ---------------------------------------------------------------- CIR (§2)

def draw_cir(n, p, alpha_max, negative, rng):
    """The mask [N] (0/1), steps [N] and, for the random rule, picks [N], as the app draws them."""
    u = rng.next_n(2 * n).view(n, 2)
    mask = (u[:, 0] < p).float()
    steps = (0 + (alpha_max - 0) * u[:, 1]).float()
    picks = rng.next_n(n).float() if negative == "random" else None
    return mask, steps, picks


def negative_weights(f, labels, means, seen, negative, picks=None):
    """Weights [N, C] forming each row's negative-class mean and whether it has one [N]."""
    classes = means.shape[0]
    own = F.one_hot(labels.long(), classes).float()
    others = (1 - own) * seen[None]
    count = others.sum(1)
    has = (count > 0).float()
    if negative == "mean":
        weights = others / torch.clamp(count, min=1)[:, None]
    elif negative == "random":
        pick = torch.minimum(torch.floor(picks * count), count - 1)
        running = others @ torch.triu(torch.ones(classes, classes, device=f.device))
        weights = others * (running == (pick + 1)[:, None]).float()
    else:
        d = torch.cdist(f.detach(), means)
        d = torch.where(others > 0, d, torch.full_like(d, float("inf")))
        weights = others * F.one_hot(d.argmin(1), classes).float()
    return weights, has


def cir_perturb(f, labels, means, seen, mask, steps, negative="mean", picks=None):
    """f' = f + mask * steps * (sg(neg) - f), rows without a seen negative class unmoved."""
    weights, has = negative_weights(f, labels, means, seen, negative, picks)
    neg = (weights @ means).detach()
    coef = (mask * steps * has)[:, None]
    return f + coef * (neg - f)


def update_class_means(f, labels, means, seen, momentum):
    """EMA class means: present classes blend (or take the batch mean when first seen)."""
    classes = means.shape[0]
    own = F.one_hot(labels.long(), classes).float()
    counts = own.sum(0)
    batch_mean = own.t() @ f / torch.clamp(counts, min=1)[:, None]
    present = (counts > 0).float()[:, None]
    old = seen[:, None]
    target = old * (means * momentum + batch_mean * (1 - momentum)) + (1 - old) * batch_mean
    return present * target + (1 - present) * means, torch.maximum(seen, present[:, 0])


# ---------------------------------------------------------------- masking + mixing (§5)

def draw_keep_mask(n, h, w, patch, ratio, rng):
    """[n, ceil(h/P), ceil(w/P)]: 0 masks a patch (probability `ratio`), 1 keeps it."""
    gh, gw = -(-h // patch), -(-w // patch)
    return (rng.next_n(n * gh * gw) >= ratio).float().view(n, gh, gw)


def mask_patches(x, keep, fill, patch):
    """Replaces masked patches of NHWC images by `fill` ([C] or broadcastable to x)."""
    _, h, w, _ = x.shape
    rows = torch.arange(h, device=x.device) // patch
    cols = torch.arange(w, device=x.device) // patch
    pixel_keep = keep.to(x.device)[:, rows][:, :, cols][..., None]
    return x * pixel_keep + fill * (1 - pixel_keep)


def mix_features(z1, z2, perm, lam):
    """z_mix = lam z1 + (1 - lam) z1[perm] and t_mix = sg(the same of z2)."""
    lam = lam[:, None]
    return lam * z1 + (1 - lam) * z1[perm], (lam * z2 + (1 - lam) * z2[perm]).detach()


def mix_distance(p, t, kind):
    """Negative mean cosine, or mean squared error."""
    return ((p - t) ** 2).mean() if kind == "mse" else -mean_cosine(p, t)


def mixing_distance(z1, z2, perm, lam, head, kind, mixing):
    """dist(head(z1_mix), t2_mix); symmetric averages it with the views swapped."""
    def one_way(a, b):
        z_mix, t_mix = mix_features(a, b, perm, lam)
        return mix_distance(head(z_mix), t_mix, kind)

    if mixing == "oneway":
        return one_way(z1, z2)
    return (one_way(z1, z2) + one_way(z2, z1)) / 2


def sample_beta(n, a, seed1, seed2, draws, device):
    """lam ~ Beta(a, a) = G1 / max(G1 + G2, 1e-30) from two seeded Gamma draws."""
    g1 = draws.gamma(n, a, seed1).to(device)
    g2 = draws.gamma(n, a, seed2).to(device)
    return g1 / torch.clamp(g1 + g2, min=1e-30)
