"""One training step as the app's trainer does it (src/trainer.ts): two augmented views,
input transforms, forward passes (view 1 traced when a term needs blocks), feature and
logit perturbations in supervised runs, every enabled term, the online linear probe in
self-supervised runs; then after the optimiser step the terms' state updates.

`Recipe` is one module whose forward is the whole step's loss, so DistributedDataParallel
wraps it once and every parameter (model, ρSIM's heads) is all-reduced together.
"""
from types import SimpleNamespace

import torch
from torch import nn
from torch.nn import functional as F

from .augment import augment_options, make_two_views
from .models import build_model
from .terms import make_term


class Recipe(nn.Module):
    """The model and the run's enabled terms (objective first, then methods in config order)."""

    def __init__(self, config, spec):
        super().__init__()
        self.config = config
        self.spec = spec
        self.model = build_model(config, spec["shape"], len(spec["classes"]))
        self.order = [config["objective"], *config["methods"]]
        params = config.get("params", {})
        self.terms = nn.ModuleDict({tid: make_term(tid, params.get(tid, {}), self.model, len(spec["classes"])) for tid in self.order})
        self.augment = augment_options(spec.get("mirrorKeepsClass", True), **config.get("augment", {}))
        self.supervised = config["task"] == "supervised"

    def forward(self, xb, labels, rng, draws):
        """(total loss with the probe, per-term losses, the step's context)."""
        ctx = SimpleNamespace(labels=labels, rng=rng, draws=draws, data_mean=self.spec["mean"], model=self.model)
        for tid in self.order:
            self.terms[tid].begin_step(ctx)
        x1, x2 = make_two_views(xb, self.spec["kind"], rng, self.augment)
        for tid in self.order:
            x1, x2 = self.terms[tid].transform_inputs(x1, x2, ctx)
        trace = any(t.needs_blocks for t in self.terms.values())
        f1, z1, blocks1 = self.model(x1, trace=trace)
        f2, z2, _ = self.model(x2)
        task_f = f1
        if self.supervised:
            for tid in self.order:
                task_f = self.terms[tid].perturb_features(task_f, ctx)
        task_logits = self.model.classify(task_f)
        if self.supervised:
            for tid in self.order:
                task_logits = self.terms[tid].perturb_logits(task_logits, ctx)
        objective = self.terms[self.order[0]]
        ctx.__dict__.update(x1=x1, x2=x2, f1=f1, z1=z1, f2=f2, z2=z2, blocks1=blocks1, task_features1=task_f, task_logits1=task_logits, base_head=objective.prediction_head(self.model))
        losses, diagnostics = {}, {}
        for tid in self.order:
            loss, diags = self.terms[tid].compute(ctx)
            losses[tid] = loss
            diagnostics[tid] = diags
        total = losses[self.order[0]] if len(self.order) == 1 else torch.stack(list(losses.values())).sum()
        losses["total"] = total
        if not (self.supervised and objective.trains_classifier):
            total = total + F.cross_entropy(self.model.classify(f1.detach()), labels.long())
        ctx.diagnostics = diagnostics
        return total, losses, ctx

    def after_step(self, ctx):
        """State updates after the optimiser step (BYOL's target, CorInfoMax's memory, CIR's means)."""
        for tid in self.order:
            self.terms[tid].after_step(ctx)

    def load_app_state(self, tensors):
        """Loads exported weights named as the app's snapshot: model names, `<term>/<name>` for term state."""
        self.model.load_app_state(tensors, strict=True)
        for tid, term in self.terms.items():
            prefix = f"{tid}/"
            term.load_app_tensors({k[len(prefix):]: v for k, v in tensors.items() if k.startswith(prefix)})

    def app_state(self):
        """The weights in the app's naming and layout (what weights.bin holds)."""
        out = dict(self.model.app_state())
        for tid, term in self.terms.items():
            out.update({f"{tid}/{k}": v for k, v in term.app_tensors().items()})
        return out


def make_optimizer(config, params):
    """The app's optimisers: Adam (tfjs defaults: betas 0.9/0.999, eps 1e-7) or SGD with momentum 0.9."""
    if config["optimizer"] == "sgd":
        return torch.optim.SGD(params, lr=config["lr"], momentum=0.9)
    return torch.optim.Adam(params, lr=config["lr"], betas=(0.9, 0.999), eps=1e-7)


def zero_non_finite_grads(loss, params):
    """As the app's guarded update: no update where the loss or a gradient entry is not
    finite. Returns whether the loss was finite."""
    ok = bool(torch.isfinite(loss))
    for p in params:
        if p.grad is None:
            continue
        if ok:
            p.grad.nan_to_num_(nan=0.0, posinf=0.0, neginf=0.0)
        else:
            p.grad.zero_()
    return ok
