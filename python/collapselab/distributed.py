"""Starting a run on one or many processes: torchrun or plain RANK / WORLD_SIZE /
MASTER_ADDR / MASTER_PORT environment variables; NCCL on GPUs, gloo on CPUs;
SyncBatchNorm on GPUs (PyTorch's SyncBatchNorm does not run on CPU tensors, so CPU ranks
keep per-rank batch statistics, and say so)."""
import os

import torch
import torch.distributed as dist
from torch import nn


def world_from_env():
    """(rank, world size, local rank) from the environment torchrun or the user sets."""
    rank = int(os.environ.get("RANK", "0"))
    world = int(os.environ.get("WORLD_SIZE", "1"))
    local = int(os.environ.get("LOCAL_RANK", str(rank)))
    return rank, world, local


def pick_device(local_rank, want):
    """cuda:<local rank> when CUDA is there and not refused, else cpu."""
    if want != "cpu" and torch.cuda.is_available():
        torch.cuda.set_device(local_rank % torch.cuda.device_count())
        return torch.device("cuda", local_rank % torch.cuda.device_count())
    if want == "cuda":
        raise RuntimeError("--device cuda asked for, but CUDA is not available.")
    return torch.device("cpu")


def start(world, device):
    """Joins the process group when there is more than one process."""
    if world > 1 and not dist.is_initialized():
        dist.init_process_group("nccl" if device.type == "cuda" else "gloo", init_method="env://")


def has_batch_norm(module):
    return any(isinstance(m, nn.modules.batchnorm._BatchNorm) for m in module.modules())


def wrapper(world, device, log):
    """A function that prepares the recipe for this world: SyncBatchNorm where it can
    run, then DistributedDataParallel (None on one process)."""
    if world <= 1:
        return None

    def wrap(recipe):
        if has_batch_norm(recipe):
            if device.type == "cuda":
                recipe = nn.SyncBatchNorm.convert_sync_batchnorm(recipe)
                log("batch norm: SyncBatchNorm across all ranks")
            else:
                log("batch norm: per rank (PyTorch's SyncBatchNorm does not run on CPU tensors); running statistics follow rank 0")
        ids = [device.index] if device.type == "cuda" else None
        return nn.parallel.DistributedDataParallel(recipe, device_ids=ids, find_unused_parameters=True)

    return wrap


def share_rank0_buffers(module, world):
    """Copies rank 0's buffers (running statistics, method memories) to every rank, so the
    ranks end a run in one state (DDP broadcasts them before each forward, not after the last)."""
    if world > 1:
        for b in module.buffers():
            dist.broadcast(b, 0)


def stop():
    if dist.is_initialized():
        dist.destroy_process_group()
