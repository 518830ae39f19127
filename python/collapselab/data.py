"""Datasets for the exported project, as NHWC images in [0, 1] (or points [N, F]) with
integer labels, and a spec like the app's (kind, shape, classes, mean,
mirrorKeepsClass):

- `exported`: the app's own dataset as exported with the run (data.bin), exactly the
  arrays the browser trained on (shapes, shapes16, mnist, fashion, blobs, rings, spirals);
- `cifar10`, `cifar100`: the standard "python version" archives (cifar-10-python.tar.gz,
  cifar-100-python.tar.gz), given as the .tar.gz or its extracted folder;
- `folder`: an image folder, root/train/<class>/* and root/val/<class>/* (or test/), or
  Tiny ImageNet's layout (val/images + val_annotations.txt). Needs Pillow.
Nothing is downloaded: see README.md for where to get each archive.
"""
import os
import pickle
import tarfile

import torch

from .tensorfile import read_tensors


class Dataset:
    """Train and test arrays (uint8 or float32, NHWC) and the spec; images are scaled to
    [0, 1] float32 per batch (`batch`), so a large uint8 set stays small in memory."""

    def __init__(self, spec, train_x, train_y, test_x, test_y):
        self.spec = spec
        self.train_x, self.train_y = train_x, train_y.long()
        self.test_x, self.test_y = test_x, test_y.long()
        if "mean" not in spec:
            spec["mean"] = self._channel_mean()

    @staticmethod
    def as_float(x):
        return x.float() / 255.0 if x.dtype == torch.uint8 else x.float()

    def batch(self, rows, test=False):
        """(inputs float32, labels) of the given rows."""
        x, y = (self.test_x, self.test_y) if test else (self.train_x, self.train_y)
        return self.as_float(x[rows]), y[rows]

    def _channel_mean(self):
        total = torch.zeros(self.train_x.shape[-1], dtype=torch.float64)
        for start in range(0, self.train_x.shape[0], 4096):
            chunk = self.as_float(self.train_x[start:start + 4096]).double()
            total += chunk.reshape(-1, chunk.shape[-1]).sum(0)
        return (total / (self.train_x[..., 0].numel())).tolist()


def load_exported(path):
    """The app's dataset as exported with the run."""
    t, meta = read_tensors(path)
    spec = dict(meta["spec"])
    spec["mean"] = meta["mean"]
    return Dataset(spec, t["trainX"], t["trainY"], t["testX"], t["testY"])


def _cifar_members(source, names):
    """{name: unpickled dict} from a CIFAR .tar.gz or extracted folder."""
    out = {}
    if os.path.isdir(source):
        for root, _, files in os.walk(source):
            for f in files:
                if f in names:
                    with open(os.path.join(root, f), "rb") as fh:
                        out[f] = pickle.load(fh, encoding="bytes")
    else:
        with tarfile.open(source, "r:*") as tar:
            for m in tar.getmembers():
                base = os.path.basename(m.name)
                if m.isfile() and base in names:
                    out[base] = pickle.load(tar.extractfile(m), encoding="bytes")
    missing = [n for n in names if n not in out]
    if missing:
        raise FileNotFoundError(f"{source} lacks {', '.join(missing)}: is it the CIFAR python archive?")
    return out


def _cifar_arrays(entries, label_key):
    x = torch.cat([torch.as_tensor(e[b"data"], dtype=torch.uint8) for e in entries])
    y = torch.cat([torch.as_tensor(e[label_key], dtype=torch.int64) for e in entries])
    return x.reshape(-1, 3, 32, 32).permute(0, 2, 3, 1).contiguous(), y


def load_cifar(source, classes=10):
    """CIFAR-10 or CIFAR-100 from the standard python archive (32x32 RGB)."""
    if classes == 10:
        train_names = [f"data_batch_{i}" for i in range(1, 6)]
        members = _cifar_members(source, train_names + ["test_batch", "batches.meta"])
        key = b"labels"
        names = [n.decode() for n in members["batches.meta"][b"label_names"]]
        train = _cifar_arrays([members[n] for n in train_names], key)
        test = _cifar_arrays([members["test_batch"]], key)
    else:
        members = _cifar_members(source, ["train", "test", "meta"])
        key = b"fine_labels"
        names = [n.decode() for n in members["meta"][b"fine_label_names"]]
        train = _cifar_arrays([members["train"]], key)
        test = _cifar_arrays([members["test"]], key)
    spec = {"id": f"cifar{classes}", "kind": "image", "shape": [32, 32, 3], "classes": names, "mirrorKeepsClass": True}
    return Dataset(spec, train[0], train[1], test[0], test[1])


_IMAGE_EXT = (".png", ".jpg", ".jpeg", ".bmp", ".gif", ".ppm")


def _read_image(path, size):
    from PIL import Image  # Pillow: only image folders need it

    with Image.open(path) as im:
        im = im.convert("RGB")
        if im.size != (size, size):
            im = im.resize((size, size), Image.BILINEAR)
        return torch.frombuffer(bytearray(im.tobytes()), dtype=torch.uint8).reshape(size, size, 3)


def _class_folder(root, classes, size):
    xs, ys = [], []
    for label, name in enumerate(classes):
        folder = os.path.join(root, name)
        inner = os.path.join(folder, "images")  # Tiny ImageNet's train/<wnid>/images/
        folder = inner if os.path.isdir(inner) else folder
        for f in sorted(os.listdir(folder)):
            if f.lower().endswith(_IMAGE_EXT):
                xs.append(_read_image(os.path.join(folder, f), size))
                ys.append(label)
    return xs, ys


def load_image_folder(root, size=64):
    """An image folder (train/<class>/, val/ or test/<class>/, or Tiny ImageNet's val
    annotations), resized to size x size RGB."""
    train_root = os.path.join(root, "train")
    classes = sorted(d for d in os.listdir(train_root) if os.path.isdir(os.path.join(train_root, d)))
    train_x, train_y = _class_folder(train_root, classes, size)
    test_root = next((os.path.join(root, d) for d in ("val", "test") if os.path.isdir(os.path.join(root, d))), None)
    if test_root is None:
        raise FileNotFoundError(f"{root} has no val/ or test/ folder.")
    annotations = os.path.join(test_root, "val_annotations.txt")
    if os.path.exists(annotations):
        test_x, test_y = [], []
        index = {c: i for i, c in enumerate(classes)}
        with open(annotations) as fh:
            for line in fh:
                parts = line.split("\t")
                if len(parts) >= 2 and parts[1] in index:
                    test_x.append(_read_image(os.path.join(test_root, "images", parts[0]), size))
                    test_y.append(index[parts[1]])
    else:
        test_x, test_y = _class_folder(test_root, classes, size)
    spec = {"id": "folder", "kind": "image", "shape": [size, size, 3], "classes": classes, "mirrorKeepsClass": True}
    return Dataset(spec, torch.stack(train_x), torch.tensor(train_y), torch.stack(test_x), torch.tensor(test_y))


def load_dataset(kind, path, size=64):
    """The dataset `kind` (exported, cifar10, cifar100, folder) read from `path`."""
    if kind == "exported":
        return load_exported(path)
    if kind == "cifar10":
        return load_cifar(path, 10)
    if kind == "cifar100":
        return load_cifar(path, 100)
    if kind == "folder":
        return load_image_folder(path, size)
    raise ValueError(f"Unknown dataset kind {kind!r}: exported, cifar10, cifar100 or folder.")
