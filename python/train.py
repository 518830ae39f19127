"""Trains a Collapse Lab run exported from the app, on one process or many.

    python train.py --steps 1000                                  # the exported run, CPU or one GPU
    torchrun --nproc_per_node=4 train.py --steps 1000             # four GPUs (or CPU processes)
    RANK=0 WORLD_SIZE=2 MASTER_ADDR=127.0.0.1 MASTER_PORT=29500 python train.py ...   # by hand

See README.md for the datasets (CIFAR-10/100, Tiny ImageNet, image folders) and the logs.
"""
import argparse
import csv
import json
import os
import sys
import time

import torch

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)

from collapselab import distributed as D  # noqa: E402
from collapselab.data import load_dataset  # noqa: E402
from collapselab.tensorfile import read_tensors, write_tensors  # noqa: E402
from collapselab.trainer import Trainer  # noqa: E402

EVAL_EVERY_REPORTS = 4


def parse_args(argv):
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--run", default=os.path.join(HERE, "run"), help="folder with config.json, weights.bin, data.bin")
    p.add_argument("--data", default="exported", choices=["exported", "cifar10", "cifar100", "folder"])
    p.add_argument("--data-path", default=None, help="archive or folder of the dataset (default: <run>/data.bin)")
    p.add_argument("--image-size", type=int, default=64, help="image folders are resized to this size")
    p.add_argument("--model", default=None, help="override the model: mlp, cnn, resnet18, resnet50 (fresh weights unless mlp/cnn match)")
    p.add_argument("--steps", type=int, default=100)
    p.add_argument("--batch-size", type=int, default=None, help="per rank (default: the run's)")
    p.add_argument("--lr", type=float, default=None)
    p.add_argument("--metrics-every", type=int, default=None)
    p.add_argument("--checkpoint-every", type=int, default=0, help="0: only at the end")
    p.add_argument("--out", default=os.path.join(HERE, "out"))
    p.add_argument("--device", default="auto", choices=["auto", "cpu", "cuda"])
    p.add_argument("--fresh", action="store_true", help="ignore weights.bin: initialise from the seed in PyTorch")
    p.add_argument("--resume", default=None, help="a checkpoint-*.pt to continue from")
    p.add_argument("--every-rank-checkpoints", action="store_true", help="each rank writes its own checkpoint and weights-rank<r>.bin (to compare ranks)")
    return p.parse_args(argv)


def load_config(args):
    with open(os.path.join(args.run, "config.json")) as fh:
        config = json.load(fh)
    for key, value in (("model", args.model), ("batchSize", args.batch_size), ("lr", args.lr), ("metricsEvery", args.metrics_every)):
        if value is not None:
            config[key] = value
    return config


class Logs:
    """metrics.csv (losses, collapse scalars, accuracies) and spectrum.csv, rank 0 only."""

    def __init__(self, out, loss_names, embed_dim):
        os.makedirs(out, exist_ok=True)
        self.fields = ["step", "seconds", *[f"loss_{n}" for n in loss_names], "rankme", "stdL2", "stdRef", "alignment", "uniformity", "knn", "knnProjector", "probeAccuracy", "testAccuracy"]
        self.metrics = open(os.path.join(out, "metrics.csv"), "w", newline="")
        self.spectrum = open(os.path.join(out, "spectrum.csv"), "w", newline="")
        self.m = csv.DictWriter(self.metrics, self.fields, restval="")
        self.m.writeheader()
        self.s = csv.writer(self.spectrum)
        self.s.writerow(["step", *[f"log10_lambda{i + 1}" for i in range(embed_dim)]])

    def write(self, step, seconds, losses, scalars, spectrum):
        row = {"step": step, "seconds": f"{seconds:.3f}", **{f"loss_{k}": v for k, v in losses.items()}, **scalars}
        self.m.writerow({k: v for k, v in row.items() if k in self.fields})
        self.s.writerow([step, *spectrum])
        self.metrics.flush()
        self.spectrum.flush()

    def close(self):
        self.metrics.close()
        self.spectrum.close()


def main(argv=None):
    args = parse_args(argv)
    rank, world, local = D.world_from_env()
    device = D.pick_device(local, args.device)
    D.start(world, device)

    def log(msg):
        if rank == 0:
            print(msg, flush=True)

    config = load_config(args)
    data_path = args.data_path or os.path.join(args.run, "data.bin")
    dataset = load_dataset(args.data, data_path, args.image_size)
    weights_path = os.path.join(args.run, "weights.bin")
    same_arch = config["model"] in ("mlp", "cnn") and args.data == "exported"
    weights = None
    if not args.fresh and same_arch and os.path.exists(weights_path):
        weights = read_tensors(weights_path)[0]
    log(f"run: {config['objective']} + {config['methods']} on {dataset.spec.get('id', args.data)}, model {config['model']}, {world} process(es) on {device}, weights {'exported' if weights else 'fresh from PyTorch'}")
    if world > 1 and device.type == "cpu":
        torch.manual_seed(config["seed"])  # fresh weights must agree before DDP broadcasts rank 0's
    trainer = Trainer(config, dataset, device=device, rank=rank, world=world, weights=weights, wrap=D.wrapper(world, device, log))
    if args.resume:
        trainer.resume(torch.load(args.resume, map_location=device))
    logs = Logs(args.out, [*trainer.recipe.order, "total"], config["embedDim"]) if rank == 0 else None
    every = config["metricsEvery"]
    reports, start = 0, time.time()
    while trainer.step_count < args.steps:
        losses, ctx = trainer.step()
        step = trainer.step_count
        if logs and (step % every == 0 or step == args.steps):
            scalars, spectrum = trainer.collapse_report(ctx)
            reports += 1
            if reports % EVAL_EVERY_REPORTS == 1 or step == args.steps:
                scalars.update(trainer.evaluate())
            logs.write(step, time.time() - start, losses, scalars, spectrum)
            log(f"step {step}: loss {losses['total']:.5f}, RankMe {scalars['rankme']:.2f}" + (f", kNN {scalars['knn']:.3f}" if "knn" in scalars else ""))
        if args.checkpoint_every and step % args.checkpoint_every == 0:
            save_checkpoint(trainer, args, rank)
    D.share_rank0_buffers(trainer.recipe, world)
    save_checkpoint(trainer, args, rank)
    if rank == 0 and config["model"] in ("mlp", "cnn"):
        write_tensors(os.path.join(args.out, "weights.bin"), trainer.recipe.app_state(), {"step": trainer.step_count})
    if logs:
        logs.close()
    D.stop()


def save_checkpoint(trainer, args, rank):
    if rank == 0 or args.every_rank_checkpoints:
        os.makedirs(args.out, exist_ok=True)
        name = f"checkpoint-rank{rank}.pt" if args.every_rank_checkpoints else "checkpoint.pt"
        torch.save(trainer.checkpoint(), os.path.join(args.out, name))
        if args.every_rank_checkpoints:
            write_tensors(os.path.join(args.out, f"weights-rank{rank}.bin"), trainer.recipe.app_state(), {"step": trainer.step_count, "rank": rank})


if __name__ == "__main__":
    main()
