"""The bench's PyTorch column (scripts/bench/pytorch.ts): times the exported project's
training step (python/collapselab, as train.py runs it) on this CPU for each job of a JSON
file, each config interleaved step for step with its base (seed methods off), as the
browser bench times the app's. Data: random inputs of the dataset's shape (a step's cost
does not depend on the values). Prints one JSON object: {threads, torch, results}."""
import json
import os
import statistics
import sys
import time

import torch

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "python"))

from collapselab.data import Dataset  # noqa: E402
from collapselab.trainer import Trainer  # noqa: E402

ROWS = 512


def dataset(spec):
    g = torch.Generator().manual_seed(0)
    x = torch.rand((ROWS, *spec["shape"]), generator=g)
    y = torch.randint(0, len(spec["classes"]), (ROWS,), generator=g)
    spec = dict(spec)
    spec["mean"] = [0.5] * spec["shape"][-1]
    return Dataset(spec, x, y, x[:64], y[:64])


def timing(times, warmup_ms):
    return {"steps": len(times), "medianMs": statistics.median(times), "meanMs": statistics.fmean(times), "minMs": min(times), "readsPerStep": 0, "readsPerMetricsStep": None, "warmupMs": warmup_ms, "readsByMethod": {}, "tensorDelta": 0}


def run_job(job):
    plan = job["plan"]
    configs = [job["base"]] + ([job["method"]] if job["method"] else [])
    trainers = [Trainer(c, dataset(c["spec"])) for c in configs]
    warm = [0.0] * len(trainers)
    for _ in range(plan["warmup"]):
        for i, t in enumerate(trainers):
            t0 = time.perf_counter()
            t.step()
            warm[i] = max(warm[i], (time.perf_counter() - t0) * 1000)
    times = [[] for _ in trainers]
    started = time.perf_counter()
    while len(times[0]) < plan["steps"]:
        for i, t in enumerate(trainers):
            t0 = time.perf_counter()
            t.step()
            times[i].append((time.perf_counter() - t0) * 1000)
        if len(times[0]) >= plan["minSteps"] and (time.perf_counter() - started) * 1000 > plan["budgetMs"]:
            break
    out = {"base": timing(times[0], warm[0]), "method": timing(times[1], warm[1]) if len(trainers) > 1 else None}
    return out


def main(path):
    with open(path) as fh:
        jobs = json.load(fh)
    results = []
    for job in jobs:
        try:
            results.append(run_job(job))
        except Exception as e:  # a failed row is reported, not fatal
            results.append({"error": f"{type(e).__name__}: {e}"})
    print(json.dumps({"threads": torch.get_num_threads(), "torch": torch.__version__, "results": results}))


if __name__ == "__main__":
    main(sys.argv[1])
