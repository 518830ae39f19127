"""Parity with the browser engine: from the exported weights, on the same batch and the
same random draws, the exported project's first steps give the app's losses (1e-3
relative, float32) and the app's weights after the update.

The fixture is made by the app's own Trainer (test/support/exportParity.ts) during
`npx vitest run test/export`, which runs this file with COLLAPSELAB_PARITY_FIXTURE set;
run alone, it skips, saying so."""
import json
import os
import unittest
from unittest import mock

import torch

from collapselab.data import Dataset
from collapselab.trainer import Trainer

from .support import assert_close, from_base64

FIXTURE = os.environ.get("COLLAPSELAB_PARITY_FIXTURE")


def dataset_of(record):
    spec = dict(record["spec"])
    spec["mean"] = record["mean"]
    shape = spec["shape"]
    x = lambda key: from_base64(record[key]).reshape(-1, *shape)  # noqa: E731
    y = lambda key: from_base64(record[key], torch.int32)  # noqa: E731
    return Dataset(spec, x("trainX"), y("trainY"), x("testX"), y("testY"))


@unittest.skipUnless(FIXTURE, "no parity fixture: run `npx vitest run test/export` (it generates one with the app's Trainer)")
class ParityTest(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        with open(FIXTURE) as fh:
            cls.fixture = json.load(fh)
        cls.datasets = {k: dataset_of(v) for k, v in cls.fixture["datasets"].items()}

    def test_every_case(self):
        names = [c["name"] for c in self.fixture["cases"]]
        self.assertGreaterEqual(len(names), 15)
        for case in self.fixture["cases"]:
            with self.subTest(case=case["name"]):
                self.check_case(case)

    def check_case(self, case):
        torch.manual_seed(0)
        before = {k: from_base64(v) for k, v in case["before"].items()}
        draws = {int(k): from_base64(v) for k, v in case["tfDraws"].items()}
        trainer = Trainer(case["config"], self.datasets[case["dataset"]], weights=before, recorded_draws=draws)
        step_rngs = []
        original = trainer._step_rng

        def recording_step_rng():
            rng = original()
            step_rngs.append(rng)
            return rng

        for i, expected in enumerate(case["steps"]):
            permutations = []
            real_permutation = type(trainer.rng).permutation

            def spy(rng, n):
                p = real_permutation(rng, n)
                if step_rngs and rng is step_rngs[-1]:
                    permutations.append(p.tolist())
                return p

            with mock.patch.object(trainer, "_step_rng", recording_step_rng), mock.patch.object(type(trainer.rng), "permutation", spy):
                losses, ctx = trainer.step()
            self.assertEqual(permutations, expected["permutations"], f"step {i + 1}: the step's permutations (token ids, mixing partners)")
            for term, value in expected["losses"].items():
                assert_close(self, losses[term], value, 1e-3, 1e-6, f"step {i + 1}: loss {term}")
            if i == 0:
                embedding = ctx.z1 if case["config"]["task"] == "ssl" else ctx.f1
                assert_close(self, embedding.detach(), from_base64(case["z1"]), 1e-3, 1e-4, "step 1: embeddings of view 1")
                if case["masked"]:
                    masked = ctx.x2 if case["config"]["params"]["maskmix"]["maskedView"] == "view2" else ctx.x1
                    assert_close(self, masked[:8].detach(), from_base64(case["masked"]), 0, 1e-4, "step 1: masked view")
        after = trainer.recipe.app_state()
        for name, text in case["after"].items():
            expected = from_base64(text)
            self.assertIn(name, after, f"{name} is not in the Python run's state")
            scale = float(expected.abs().max()) if expected.numel() else 0.0
            assert_close(self, after[name], expected, 0, 1e-3 * scale + 1e-6, f"weights after {len(case['steps'])} step(s): {name}")
            if name in before:
                update = after[name] - before[name].reshape(-1)
                expected_update = expected - before[name].reshape(-1)
                size = float(expected_update.norm())
                if size > 1e-6:
                    self.assertLessEqual(float((update - expected_update).norm()), 2e-2 * size, f"update of {name}")


if __name__ == "__main__":
    unittest.main()
