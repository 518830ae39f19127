"""Every loss term the app offers (src/objectives/registry.ts) as a module with the app's
hooks: `transform_inputs` (masking), `perturb_features` / `perturb_logits` (CIR),
`prediction_head` (what an objective offers to methods), `compute` (the loss and its
diagnostics) and `after_step` (state updated after the optimiser step). Knob values come
from the run's config, defaults filled in by the exporter."""
import copy

import torch
from torch import nn

from . import losses as L
from . import methods as M
from .models import traced_block_channels


class Term(nn.Module):
    """A loss term; subclasses override what they need."""

    trains_classifier = False
    needs_blocks = False

    def __init__(self, knobs):
        super().__init__()
        self.k = dict(knobs)

    def begin_step(self, ctx):
        """Called before the step's forward passes."""

    def transform_inputs(self, x1, x2, ctx):
        return x1, x2

    def perturb_features(self, f, ctx):
        return f

    def perturb_logits(self, logits, ctx):
        return logits

    def prediction_head(self, model):
        return None

    def compute(self, ctx):
        raise NotImplementedError

    def after_step(self, ctx):
        pass

    def load_app_tensors(self, tensors):
        """Loads this term's part of the exported weights (names without the term id)."""

    def app_tensors(self):
        """This term's state in the app's naming (without the term id)."""
        return {}


class Naive(Term):
    def compute(self, ctx):
        return L.naive_alignment_loss(ctx.z1, ctx.z2), {}


class SimSiam(Term):
    def prediction_head(self, model):
        return model.predict if self.k["predictor"] else None

    def compute(self, ctx):
        return L.simsiam_loss(ctx.z1, ctx.z2, ctx.base_head, self.k["stopGrad"]), {}


class Byol(Term):
    """BYOL with a target network copied from the online one on its first step (or loaded)."""

    def __init__(self, knobs, model):
        super().__init__(knobs)
        self.target = copy.deepcopy(model)
        for p in self.target.parameters():
            p.requires_grad_(False)
        self.register_buffer("ready", torch.zeros(()))  # 1 once the target exists (float: gloo cannot broadcast bool)

    def prediction_head(self, model):
        return model.predict

    def begin_step(self, ctx):
        """The target starts as a copy of the online network (weights and running statistics) before its first step."""
        if not bool(self.ready):
            self.target.load_state_dict(ctx.model.state_dict())
            self.ready.fill_(1)

    def compute(self, ctx):
        with torch.no_grad():
            self.target.train(ctx.model.training)
            t1 = self.target(ctx.x1)[1]
            t2 = self.target(ctx.x2)[1]
        q1, q2 = ctx.model.predict(ctx.z1), ctx.model.predict(ctx.z2)
        return L.byol_direction(q1, t2) + L.byol_direction(q2, t1), {}

    @torch.no_grad()
    def after_step(self, ctx):
        m = self.k["momentum"]
        online = dict(ctx.model.named_parameters())
        for name, t in self.target.named_parameters():
            t.mul_(m).add_(online[name].detach(), alpha=1 - m)

    def load_app_tensors(self, tensors):
        prefix = "target/"
        mine = {k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)}
        if mine:
            self.target.load_app_state(mine, strict=False)
            self.ready.fill_(1)

    def app_tensors(self):
        if not bool(self.ready):
            return {}
        return {f"target/{k}": v for k, v in self.target.app_state().items()}


class Vicreg(Term):
    def compute(self, ctx):
        inv, var, cov = L.vicreg_parts(ctx.z1, ctx.z2)
        loss = self.k["invWeight"] * inv + self.k["varWeight"] * var + self.k["covWeight"] * cov
        return loss, {"invariance": inv, "variance": var, "covariance": cov}


class Barlow(Term):
    def compute(self, ctx):
        return L.barlow_loss(ctx.z1, ctx.z2, self.k["lambda"]), {}


class SimClr(Term):
    def compute(self, ctx):
        return L.nt_xent_loss(ctx.z1, ctx.z2, self.k["tau"]), {}


class CrossEntropy(Term):
    trains_classifier = True

    def compute(self, ctx):
        return L.cross_entropy_loss(ctx.task_logits1, ctx.labels), {}


class Triplet(Term):
    def compute(self, ctx):
        return L.batch_hard_triplet_loss(ctx.task_features1, ctx.labels, self.k["margin"]), {}


class SupCon(Term):
    def compute(self, ctx):
        return L.supcon_loss(ctx.task_features1, ctx.labels, self.k["tau"]), {}


class Sim(Term):
    """ρSIM: heads on every traced block; token ids drawn per block from the step's Rng."""

    needs_blocks = True

    def __init__(self, knobs, model):
        super().__init__(knobs)
        self.heads = nn.ModuleList([M.SimHeads(cin, cout) for cin, cout in traced_block_channels(model)])

    def compute(self, ctx):
        losses, diags = [], {}
        for i, (x, y) in enumerate(ctx.blocks1):
            if i >= len(self.heads):
                break
            total = M.token_count(x)
            n = min(total, int(self.k["ratio"] * total // 1))
            if n < 2:
                continue
            ids = ctx.rng.permutation(total)[:n].to(x.device)
            loss, d = M.sim_block_loss(x, y, self.heads[i], ids, self.k["beta"], not self.k["shapeNetwork"])
            losses.append(loss)
            diags[f"block{i + 1}"] = d
        return M.mean_of_finite(losses, ctx.z1.device), diags

    def _flat(self):
        out = []
        for h in self.heads:
            for layer in h.app_layers():
                out.append((layer, "weight", "dense"))
                if layer.bias is not None:
                    out.append((layer, "bias", "vector"))
        return out

    def load_app_tensors(self, tensors):
        from .models import from_app_layout

        for i, (layer, attr, layout) in enumerate(self._flat()):
            values = tensors.get(str(i))
            if values is None:
                continue
            target = getattr(layer, attr)
            with torch.no_grad():
                target.copy_(from_app_layout(values.reshape(-1).float(), layout, tuple(target.shape)))

    def app_tensors(self):
        from .models import to_app_layout

        return {str(i): to_app_layout(getattr(layer, attr), layout) for i, (layer, attr, layout) in enumerate(self._flat())}


class Imsvd(Term):
    def compute(self, ctx):
        k = self.k
        loss, ti, dia, off = M.imsvd_loss(ctx.z1, ctx.z2, int(k["binSize"]), k["t"], k["cDia"], k["cOff"], k["cTi"])
        return loss, {"ti": ti, "dia": dia, "off": off}


class CorInfoMax(Term):
    """CorInfoMax with its memory R, mu per view as buffers (per rank under DDP)."""

    def __init__(self, knobs, embed_dim):
        super().__init__(knobs)
        self.register_buffer("R", torch.eye(embed_dim).repeat(2, 1, 1) * knobs["R_ini"])
        self.register_buffer("mu", torch.zeros(2, embed_dim))
        self.register_buffer("started", torch.zeros(()))  # 1 once the memory holds a step (float: gloo cannot broadcast bool)
        self.pending = None

    def compute(self, ctx):
        memory = [(self.R[0], self.mu[0]), (self.R[1], self.mu[1])] if bool(self.started) else None
        z1n, z2n = L.l2_normalize_rows(ctx.z1), L.l2_normalize_rows(ctx.z2)
        loss, new, diags = M.corinfomax_loss(z1n, z2n, memory, self.k)
        self.pending = [(r.detach(), mu.detach()) for r, mu in new]
        return loss, diags

    @torch.no_grad()
    def after_step(self, ctx):
        if self.pending is None:
            return
        r = torch.stack([p[0] for p in self.pending])
        mu = torch.stack([p[1] for p in self.pending])
        if bool(torch.isfinite(r).all()) and bool(torch.isfinite(mu).all()):
            self.R.copy_(r)
            self.mu.copy_(mu)
            self.started.fill_(1)
        self.pending = None


class Cir(Term):
    """CIR: features or logits moved towards the negative classes' running means."""

    def __init__(self, knobs, feature_dim, classes):
        super().__init__(knobs)
        self.register_buffer("means", torch.zeros(classes, feature_dim))
        self.register_buffer("logit_means", torch.zeros(classes, classes))
        self.register_buffer("seen", torch.zeros(classes))

    def _perturb(self, x, means, ctx):
        k = self.k
        mask, steps, picks = M.draw_cir(x.shape[0], k["p"], k["alpha_max"], k["negative"], ctx.rng)
        dev = x.device
        return M.cir_perturb(x, ctx.labels, means, self.seen, mask.to(dev), steps.to(dev), k["negative"], None if picks is None else picks.to(dev))

    def perturb_features(self, f, ctx):
        return self._perturb(f, self.means, ctx) if self.k["attach"] == "features" else f

    def perturb_logits(self, logits, ctx):
        return self._perturb(logits, self.logit_means, ctx) if self.k["attach"] == "logits" else logits

    def compute(self, ctx):
        return ctx.z1.sum() * 0, {}

    @torch.no_grad()
    def after_step(self, ctx):
        f = ctx.f1.detach()
        means, seen = M.update_class_means(f, ctx.labels, self.means, self.seen, self.k["momentum"])
        logit_means, _ = M.update_class_means(ctx.model.classify(f), ctx.labels, self.logit_means, self.seen, self.k["momentum"])
        self.means.copy_(means)
        self.logit_means.copy_(logit_means)
        self.seen.copy_(seen)


class MaskMix(Term):
    """Random patch masking of the views and in-batch mixing of the projector outputs."""

    def _mask(self, x, ctx):
        n, h, w, c = x.shape
        k = self.k
        keep = M.draw_keep_mask(n, h, w, int(k["patch"]), k["ratio"], ctx.rng)
        if k["fill"] == "mean":
            fill = torch.tensor(ctx.data_mean, dtype=x.dtype, device=x.device)
        elif k["fill"] == "zero":
            fill = torch.zeros(c, dtype=x.dtype, device=x.device)
        else:
            fill = ctx.draws.uniform(x.shape, ctx.rng.tf_seed()).to(x)
        return M.mask_patches(x, keep, fill, int(k["patch"]))

    def transform_inputs(self, x1, x2, ctx):
        if x1.dim() != 4:
            raise ValueError("Masking + mixing masks image patches; this run does not feed images.")
        view = self.k["maskedView"]
        first = x1 if view == "view2" else self._mask(x1, ctx)
        second = x2 if view == "view1" else self._mask(x2, ctx)
        return first, second

    def compute(self, ctx):
        n = ctx.z1.shape[0]
        perm = ctx.rng.permutation(n).to(ctx.z1.device)
        seed1, seed2 = ctx.rng.tf_seed(), ctx.rng.tf_seed()
        lam = M.sample_beta(n, self.k["alpha"], seed1, seed2, ctx.draws, ctx.z1.device)
        head = ctx.base_head or (lambda z: z)
        dist = M.mixing_distance(ctx.z1, ctx.z2, perm, lam, head, self.k["distance"], self.k["mixing"])
        return self.k["weight"] * dist, {"mix": dist}


def make_term(term_id, knobs, model, classes):
    """The term registered under `term_id`, with its knob values."""
    simple = {"naive": Naive, "simsiam": SimSiam, "vicreg": Vicreg, "barlow": Barlow, "simclr": SimClr, "ce": CrossEntropy, "triplet": Triplet, "supcon": SupCon, "imsvd": Imsvd, "maskmix": MaskMix}
    if term_id in simple:
        return simple[term_id](knobs)
    if term_id == "byol":
        return Byol(knobs, model)
    if term_id == "sim":
        return Sim(knobs, model)
    if term_id == "corinfomax":
        return CorInfoMax(knobs, model.embed_dim)
    if term_id == "cir":
        return Cir(knobs, model.feature_dim, classes)
    raise ValueError(f"Unknown loss term {term_id!r}.")
