"""The training loop's pieces, shared by train.py and the tests: the app's random
streams (the trainer's generator, the epoch batcher, one fork per step), per-rank data
sharding, the guarded optimiser step, evaluation and the metrics the app charts."""
import torch

from . import metrics as MX
from .draws import TfSeededDraws
from .recipe import Recipe, make_optimizer, zero_non_finite_grads
from .rng import EpochBatcher, Rng

EVAL_BANK = 512
EVAL_QUERIES = 256


class Trainer:
    """A run: the recipe (optionally wrapped by DDP as `net`), its optimiser and streams.

    Rank 0 of any world draws exactly the app's stream; each step the ranks share one
    epoch order and take consecutive slices of `world * batchSize` rows."""

    def __init__(self, config, dataset, device="cpu", rank=0, world=1, weights=None, recorded_draws=None, wrap=None):
        self.config = config
        self.dataset = dataset
        self.device = torch.device(device)
        self.rank, self.world = rank, world
        self.recipe = Recipe(config, dataset.spec)
        if weights:
            self.recipe.load_app_state(weights)
        self.recipe.to(self.device)
        self.net = wrap(self.recipe) if wrap else self.recipe
        self.params = [p for p in self.recipe.parameters() if p.requires_grad]
        self.optimizer = make_optimizer(config, self.params)
        self.rng = Rng(config["seed"] * 104729 + 3)
        self.batcher = EpochBatcher(dataset.train_y.shape[0], self.rng.fork())
        self.draws = TfSeededDraws(recorded_draws)
        self.step_count = 0
        self.skipped = 0

    def _step_rng(self):
        seed = self.rng.tf_seed()
        return Rng(seed if self.rank == 0 else seed ^ (0x51ED27 * self.rank))

    def step(self):
        """One optimiser step; returns (per-term losses as floats, the step's context)."""
        step_rng = self._step_rng()
        bs = self.config["batchSize"]
        rows = self.batcher.next(bs * self.world)
        mine = rows[self.rank * bs:(self.rank + 1) * bs] if self.world > 1 else rows
        xb, yb = self.dataset.batch(mine)
        self.recipe.train()
        loss, losses, ctx = self.net(xb.to(self.device), yb.to(self.device), step_rng, self.draws)
        self.optimizer.zero_grad(set_to_none=True)
        loss.backward()
        if not zero_non_finite_grads(loss, self.params):
            self.skipped += 1
        self.optimizer.step()
        self.recipe.after_step(ctx)
        self.step_count += 1
        return {k: float(v) for k, v in losses.items()}, ctx

    @torch.no_grad()
    def collapse_report(self, ctx):
        """The collapse scalars and the log spectrum of the step's embeddings."""
        ssl = self.config["task"] == "ssl"
        a = (ctx.z1 if ssl else ctx.f1).detach().cpu()
        b = (ctx.z2 if ssl else ctx.f2).detach().cpu()
        scalars = MX.collapse_scalars(a, b)
        return scalars, MX.log_spectrum(MX.covariance_spectrum(a))

    @torch.no_grad()
    def evaluate(self):
        """kNN accuracy on backbone features (and projector outputs in SSL runs) and the
        classifier's (probe's) accuracy, on the first 512 training and 256 test images, eval mode."""
        ds = self.dataset
        nb, nq = min(EVAL_BANK, ds.train_y.shape[0]), min(EVAL_QUERIES, ds.test_y.shape[0])
        self.recipe.eval()
        model = self.recipe.model
        bank_x, bank_y = ds.batch(torch.arange(nb))
        query_x, query_y = ds.batch(torch.arange(nq), test=True)
        fb, zb, _ = model(bank_x.to(self.device))
        fq, zq, _ = model(query_x.to(self.device))
        pred = model.classify(fq).argmax(1).cpu()
        self.recipe.train()
        classes = len(ds.spec["classes"])
        out = {"knn": MX.knn_accuracy(fb.cpu(), bank_y, fq.cpu(), query_y, classes)}
        key = "probeAccuracy" if self.config["task"] == "ssl" else "testAccuracy"
        out[key] = float((pred == query_y).double().mean())
        if self.config["task"] == "ssl":
            out["knnProjector"] = MX.knn_accuracy(zb.cpu(), bank_y, zq.cpu(), query_y, classes)
        return out

    def checkpoint(self):
        """Everything needed to resume, as a dict for torch.save."""
        return {
            "step": self.step_count,
            "recipe": self.recipe.state_dict(),
            "optimizer": self.optimizer.state_dict(),
            "rng": self.rng.s,
            "batcher": {"order": self.batcher.order, "pos": self.batcher.pos, "epoch": self.batcher.epoch, "rng": self.batcher.rng.s},
        }

    def resume(self, ckpt):
        """Restores a `checkpoint()`."""
        self.recipe.load_state_dict(ckpt["recipe"])
        self.optimizer.load_state_dict(ckpt["optimizer"])
        self.step_count = ckpt["step"]
        self.rng.s = ckpt["rng"]
        b = ckpt["batcher"]
        self.batcher.order, self.batcher.pos, self.batcher.epoch, self.batcher.rng.s = b["order"], b["pos"], b["epoch"], b["rng"]
