"""The paper-sized models train under the exported recipe (ResNet-18 at CIFAR's 32 px,
ResNet-50 at Tiny ImageNet's 64 px, with ρSIM on their size-keeping blocks), and the
app's models write and read back their weights in the app's layout."""
import unittest

import torch

from collapselab.data import Dataset
from collapselab.models import build_model, same_padding
from collapselab.trainer import Trainer

KNOBS = {
    "vicreg": {"invWeight": 25, "varWeight": 25, "covWeight": 1},
    "sim": {"ratio": 0.2, "beta": 0.005, "shapeNetwork": True},
    "corinfomax": {"alpha": 250, "la_R": 0.01, "la_mu": 0.01, "eps": 1e-6, "R_ini": 1},
}


def config(model, objective, methods, batch):
    return dict(seed=1, model=model, width=8, depth=1, embedDim=16, norm="batch", headNorm="batch", task="ssl", objective=objective, methods=methods, params=KNOBS, optimizer="sgd", lr=0.01, batchSize=batch, metricsEvery=1)


def images(n, size, classes):
    g = torch.Generator().manual_seed(0)
    spec = {"id": "fake", "kind": "image", "shape": [size, size, 3], "classes": [str(i) for i in range(classes)], "mirrorKeepsClass": True}
    x = torch.randint(0, 256, (n, size, size, 3), generator=g, dtype=torch.uint8)
    y = torch.randint(0, classes, (n,), generator=g)
    return Dataset(spec, x, y, x[:4], y[:4])


class PaperModelsTest(unittest.TestCase):
    def test_resnet18_on_cifar_sized_images(self):
        trainer = Trainer(config("resnet18", "vicreg", ["sim"], 4), images(8, 32, 10))
        self.assertEqual(trainer.recipe.model.feature_dim, 512)
        self.assertEqual(len(trainer.recipe.terms["sim"].heads), 5)  # the stride-1 blocks
        before = trainer.recipe.model.stem.weight.detach().clone()
        losses, ctx = trainer.step()
        self.assertTrue(all(torch.isfinite(torch.tensor(v)) for v in losses.values()))
        self.assertEqual(tuple(ctx.f1.shape), (4, 512))
        self.assertFalse(torch.equal(before, trainer.recipe.model.stem.weight))

    def test_resnet50_on_tiny_imagenet_sized_images(self):
        model = build_model(config("resnet50", "corinfomax", [], 2), [64, 64, 3], 200)
        f, z, traces = model(torch.rand(2, 64, 64, 3), trace=True)
        self.assertEqual(tuple(f.shape), (2, 2048))
        self.assertEqual(tuple(z.shape), (2, 16))
        # The first block widens 64 -> 256 at full size: ρSIM's pre-projection maps it back.
        self.assertEqual(model.traced_channels[0], (64, 256))
        self.assertEqual(len(traces), len(model.traced_channels))


class AppLayoutTest(unittest.TestCase):
    def test_weights_round_trip_in_the_app_layout(self):
        for kind in ("mlp", "cnn"):
            a = build_model(config(kind, "vicreg", [], 4), [16, 16, 3], 6)
            b = build_model(config(kind, "vicreg", [], 4), [16, 16, 3], 6)
            saved = a.app_state()
            self.assertIn("input/w" if kind == "mlp" else "stem/w", saved)
            b.load_app_state(saved)
            for (name, pa), pb in zip(a.state_dict().items(), b.state_dict().values()):
                self.assertTrue(torch.equal(pa, pb), f"{kind} {name}")

    def test_dense_and_convolution_layouts(self):
        mlp = build_model(config("mlp", "vicreg", [], 4), [2], 2)
        with torch.no_grad():
            mlp.input.weight.copy_(torch.arange(16.0).reshape(8, 2))  # torch [out, in]
        self.assertEqual(mlp.app_state()["input/w"][:4].tolist(), [0.0, 2.0, 4.0, 6.0])  # the app's [in, out], row-major
        cnn = build_model(config("cnn", "vicreg", [], 4), [8, 8, 3], 2)
        w = cnn.app_state()["stem/w"].reshape(3, 3, 3, 8)  # [kh, kw, in, out]
        self.assertEqual(float(w[0, 1, 2, 5]), float(cnn.stem.weight[5, 2, 0, 1]))

    def test_tensorflow_same_padding(self):
        self.assertEqual(same_padding(16, 3, 2), (0, 1))
        self.assertEqual(same_padding(28, 3, 2), (0, 1))
        self.assertEqual(same_padding(15, 3, 2), (1, 1))
        self.assertEqual(same_padding(16, 3, 1), (1, 1))


if __name__ == "__main__":
    unittest.main()
