"""The baseline objectives (docs/methods.md §6; src/objectives/*.ts) as plain functions
of PyTorch tensors, float32, with the app's formulas and constants."""
import torch
from torch.nn import functional as F


def l2_normalize_rows(z, eps=1e-12):
    """Rows scaled to unit length, dividing by max(norm, eps) (F.normalize)."""
    return z / torch.clamp(torch.sqrt((z * z).sum(1, keepdim=True)), min=eps)


def mean_cosine(a, b):
    """Mean over rows of the cosine between matching rows."""
    return (l2_normalize_rows(a) * l2_normalize_rows(b)).sum(1).mean()


def off_diagonal_squared_sum(m):
    """Sum of squares of the off-diagonal entries."""
    return (m * m).sum() - (torch.diagonal(m) ** 2).sum()


def naive_alignment_loss(z1, z2):
    """mean((n(z1) - n(z2))^2)."""
    return ((l2_normalize_rows(z1) - l2_normalize_rows(z2)) ** 2).mean()


def simsiam_loss(z1, z2, head, stop_grad):
    """-(cos(p1, sg(z2)) + cos(p2, sg(z1))) / 2, p = head(z) (or z)."""
    p1 = head(z1) if head else z1
    p2 = head(z2) if head else z2
    t1 = z1.detach() if stop_grad else z1
    t2 = z2.detach() if stop_grad else z2
    return -(mean_cosine(p1, t2) + mean_cosine(p2, t1)) / 2


def byol_direction(q, t):
    """2 - 2 cos(q, sg(t)), averaged over rows."""
    return 2 - 2 * mean_cosine(q, t.detach())


def vicreg_parts(z1, z2):
    """(invariance, variance hinge, covariance) of VICReg, unweighted."""
    n, d = z1.shape
    inv = ((z1 - z2) ** 2).mean()

    def stats(z):
        zc = z - z.mean(0, keepdim=True)
        var_u = (zc * zc).sum(0) / (n - 1)
        hinge = F.relu(1 - torch.sqrt(var_u + 1e-4)).mean()
        cov = zc.t() @ zc / (n - 1)
        return hinge, off_diagonal_squared_sum(cov) / d

    h1, o1 = stats(z1)
    h2, o2 = stats(z2)
    return inv, (h1 + h2) / 2, o1 + o2


def barlow_loss(z1, z2, lam):
    """sum_i (1 - c_ii)^2 + lambda sum_{i!=j} c_ij^2, c = zn1^T zn2 / N (biased std, eps 1e-5)."""
    n = z1.shape[0]

    def standardise(z):
        mean = z.mean(0, keepdim=True)
        var = ((z - mean) ** 2).mean(0, keepdim=True)
        return (z - mean) / torch.sqrt(var + 1e-5)

    c = standardise(z1).t() @ standardise(z2) / n
    on = ((1 - torch.diagonal(c)) ** 2).sum()
    return on + lam * off_diagonal_squared_sum(c)


def nt_xent_loss(z1, z2, tau):
    """SimCLR's NT-Xent on the 2N normalised rows, self-similarity masked out."""
    n = z1.shape[0]
    z = l2_normalize_rows(torch.cat([z1, z2], 0))
    sim = z @ z.t() / tau
    masked = sim - torch.eye(2 * n, device=z.device) * 1e9
    targets = torch.cat([torch.arange(n, 2 * n), torch.arange(0, n)]).to(z.device)
    return -F.log_softmax(masked, 1).gather(1, targets[:, None]).mean()


def cross_entropy_loss(logits, labels):
    """Mean softmax cross-entropy of integer labels."""
    return F.cross_entropy(logits, labels.long())


def label_pair_masks(labels):
    """[N, N] float masks: positive (same label, i != j) and negative (different labels)."""
    same = (labels[:, None] == labels[None, :]).float()
    return same - torch.eye(labels.shape[0], device=labels.device), 1 - same


def batch_hard_triplet_loss(f, labels, margin):
    """Batch-hard triplet loss on unit rows; anchors lacking a positive or negative are skipped."""
    u = l2_normalize_rows(f)
    sq = (u * u).sum(1)
    d = torch.sqrt(torch.clamp(sq[:, None] + sq[None, :] - 2 * (u @ u.t()), min=1e-12))
    pos, neg = label_pair_masks(labels)
    hardest_pos = (d * pos).max(1).values
    hardest_neg = (d + (1 - neg) * 4).min(1).values
    valid = ((pos.sum(1) > 0) & (neg.sum(1) > 0)).float()
    hinge = F.relu(hardest_pos - hardest_neg + margin)
    return (hinge * valid).sum() / torch.clamp(valid.sum(), min=1)


def supcon_loss(f, labels, tau):
    """Supervised contrastive loss (L_out) of unit rows; anchors without a classmate are skipped."""
    n = f.shape[0]
    u = l2_normalize_rows(f)
    log_prob = F.log_softmax(u @ u.t() / tau - torch.eye(n, device=f.device) * 1e9, 1)
    pos, _ = label_pair_masks(labels)
    count = pos.sum(1)
    mean_pos = (pos * log_prob).sum(1) / torch.clamp(count, min=1)
    valid = (count > 0).float()
    return -(mean_pos * valid).sum() / torch.clamp(valid.sum(), min=1)
