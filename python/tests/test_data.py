"""The dataset loaders on tiny archives made here (nothing is downloaded): CIFAR-10 and
CIFAR-100 in their python pickle format (as .tar.gz and extracted), an image folder and
Tiny ImageNet's validation layout; and the tensors file round trip."""
import io
import os
import pickle
import tarfile
import tempfile
import unittest

import torch

from collapselab.data import load_cifar, load_dataset, load_image_folder
from collapselab.tensorfile import read_tensors, write_tensors


def cifar_batch(n, label_key, seed, classes):
    g = torch.Generator().manual_seed(seed)
    data = torch.randint(0, 256, (n, 3 * 32 * 32), generator=g, dtype=torch.uint8).numpy()
    return {b"data": data, label_key: torch.randint(0, classes, (n,), generator=g).tolist()}


def write_pickles(folder, batches):
    os.makedirs(folder, exist_ok=True)
    for name, content in batches.items():
        with open(os.path.join(folder, name), "wb") as fh:
            pickle.dump(content, fh)


def tar_folder(folder, archive):
    with tarfile.open(archive, "w:gz") as tar:
        tar.add(folder, arcname=os.path.basename(folder))


class CifarTest(unittest.TestCase):
    def test_cifar10_archive_and_folder(self):
        with tempfile.TemporaryDirectory() as tmp:
            folder = os.path.join(tmp, "cifar-10-batches-py")
            batches = {f"data_batch_{i}": cifar_batch(4, b"labels", i, 10) for i in range(1, 6)}
            batches["test_batch"] = cifar_batch(3, b"labels", 9, 10)
            batches["batches.meta"] = {b"label_names": [f"c{i}".encode() for i in range(10)]}
            write_pickles(folder, batches)
            archive = os.path.join(tmp, "cifar-10-python.tar.gz")
            tar_folder(folder, archive)
            for source in (folder, archive):
                ds = load_cifar(source, 10)
                self.assertEqual(tuple(ds.train_x.shape), (20, 32, 32, 3))
                self.assertEqual(tuple(ds.test_x.shape), (3, 32, 32, 3))
                self.assertEqual(ds.spec["classes"][3], "c3")
                # Pixel (row 5, column 7) of the first image, channel green: CHW in the archive, HWC here.
                raw = batches["data_batch_1"][b"data"][0]
                self.assertEqual(int(ds.train_x[0, 5, 7, 1]), int(raw[1 * 1024 + 5 * 32 + 7]))
                self.assertEqual(ds.train_y[4:8].tolist(), batches["data_batch_2"][b"labels"])
                x, y = ds.batch(torch.tensor([0]))
                self.assertAlmostEqual(float(x[0, 5, 7, 1]), int(raw[1024 + 5 * 32 + 7]) / 255, places=6)
                self.assertEqual(len(ds.spec["mean"]), 3)

    def test_cifar100_fine_labels(self):
        with tempfile.TemporaryDirectory() as tmp:
            folder = os.path.join(tmp, "cifar-100-python")
            write_pickles(folder, {"train": cifar_batch(6, b"fine_labels", 1, 100), "test": cifar_batch(2, b"fine_labels", 2, 100), "meta": {b"fine_label_names": [f"f{i}".encode() for i in range(100)]}})
            ds = load_dataset("cifar100", folder)
            self.assertEqual(len(ds.spec["classes"]), 100)
            self.assertEqual(tuple(ds.train_x.shape), (6, 32, 32, 3))

    def test_missing_member_is_named(self):
        with tempfile.TemporaryDirectory() as tmp:
            write_pickles(tmp, {"train": cifar_batch(2, b"fine_labels", 1, 100)})
            with self.assertRaisesRegex(FileNotFoundError, "test"):
                load_cifar(tmp, 100)


class ImageFolderTest(unittest.TestCase):
    def write_png(self, path, colour, size=10):
        from PIL import Image

        os.makedirs(os.path.dirname(path), exist_ok=True)
        Image.new("RGB", (size, size), colour).save(path)

    def test_class_folders_and_tiny_imagenet_validation(self):
        with tempfile.TemporaryDirectory() as tmp:
            for cls, colour in (("n01", (255, 0, 0)), ("n02", (0, 0, 255))):
                for i in range(2):
                    self.write_png(os.path.join(tmp, "train", cls, "images", f"{cls}_{i}.JPEG".replace("JPEG", "png")), colour)
            self.write_png(os.path.join(tmp, "val", "images", "val_0.png"), (0, 0, 255))
            with open(os.path.join(tmp, "val", "val_annotations.txt"), "w") as fh:
                fh.write("val_0.png\tn02\t0\t0\t10\t10\n")
            ds = load_image_folder(tmp, size=8)
            self.assertEqual(ds.spec["classes"], ["n01", "n02"])
            self.assertEqual(tuple(ds.train_x.shape), (4, 8, 8, 3))
            self.assertEqual(ds.train_y.tolist(), [0, 0, 1, 1])
            self.assertEqual(ds.test_y.tolist(), [1])
            self.assertEqual(ds.test_x[0, 3, 3].tolist(), [0, 0, 255])


class TensorFileTest(unittest.TestCase):
    def test_round_trip(self):
        tensors = {"w": torch.randn(3, 4), "labels": torch.tensor([1, 2], dtype=torch.int32), "pixels": torch.tensor([0, 255], dtype=torch.uint8)}
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "t.bin")
            write_tensors(path, tensors, {"step": 3})
            back, meta = read_tensors(path)
        self.assertEqual(meta, {"step": 3})
        for k, v in tensors.items():
            self.assertTrue(torch.equal(back[k], v), k)


if __name__ == "__main__":
    unittest.main()
