"""The collapse metrics the app charts (docs/methods.md §7), in float64 on the host:
covariance spectrum, RankMe, std of L2-normalised rows, alignment, uniformity, and the
weighted kNN accuracy (k = 20, T = 0.07)."""
import math

import torch

RANKME_EPS = 1e-7
SPECTRUM_LOG_FLOOR = 1e-12


def covariance_spectrum(z):
    """Eigenvalues of the biased covariance, descending, clamped at 0."""
    z = z.double()
    zc = z - z.mean(0, keepdim=True)
    c = zc.t() @ zc / z.shape[0]
    return torch.clamp(torch.linalg.eigvalsh(c).flip(0), min=0)


def log_spectrum(values):
    return torch.log10(values + SPECTRUM_LOG_FLOOR).tolist()


def rank_me(z):
    """exp(entropy) of the normalised singular values of the uncentred z (1 for all zeros)."""
    s = torch.sqrt(torch.clamp(torch.linalg.eigvalsh(z.double().t() @ z.double()), min=0))
    total = s.sum()
    if total <= 0:
        return 1.0
    p = s / total + RANKME_EPS
    return math.exp(float(-(p * torch.log(p)).sum()))


def _unit(z):
    return z / torch.clamp(z.norm(dim=1, keepdim=True), min=1e-12)


def std_normalized(z):
    """mean over dimensions of the unbiased std over rows of the unit rows."""
    return float(_unit(z.double()).std(0, unbiased=True).mean())


def alignment(z1, z2):
    return float(((_unit(z1.double()) - _unit(z2.double())) ** 2).sum(1).mean())


def uniformity(z):
    u = _unit(z.double())
    n = u.shape[0]
    d2 = torch.clamp(2 - 2 * (u @ u.t()), min=0)
    iu = torch.triu_indices(n, n, 1)
    return float(torch.log(torch.exp(-2 * d2[iu[0], iu[1]]).mean()))


def knn_accuracy(bank, bank_labels, queries, query_labels, classes, k=20, temperature=0.07):
    """Weighted kNN vote on cosine similarity (Wu et al. 2018)."""
    b, q = _unit(bank.double()), _unit(queries.double())
    sim = q @ b.t()
    k = min(k, b.shape[0])
    top, idx = sim.topk(k, dim=1)
    votes = torch.zeros(q.shape[0], classes, dtype=torch.float64)
    votes.scatter_add_(1, bank_labels[idx].long(), torch.exp(top / temperature))
    return float((votes.argmax(1) == query_labels.long()).double().mean())


def collapse_scalars(z1, z2):
    """{rankme, stdL2, stdRef, alignment, uniformity} of a batch's embeddings."""
    d = z1.shape[1]
    return {
        "rankme": rank_me(z1),
        "stdL2": std_normalized(z1),
        "stdRef": 1 / math.sqrt(d),
        "alignment": alignment(z1, z2),
        "uniformity": uniformity(z1),
    }
