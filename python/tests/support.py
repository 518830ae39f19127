"""Shared helpers of the Python tests: where the repository's fixtures are, and value checks."""
import base64
import os

import torch

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
FIXTURES = os.path.join(REPO, "test", "fixtures")


def from_base64(text, dtype=torch.float32):
    """A flat tensor from base64 little-endian values."""
    return torch.frombuffer(bytearray(base64.b64decode(text)), dtype=dtype).clone()


def assert_close(case, actual, expected, rtol, atol, what):
    """Elementwise |a - e| <= atol + rtol * |e|, with the worst entry in the message."""
    actual = torch.as_tensor(actual, dtype=torch.float64)
    expected = torch.as_tensor(expected, dtype=torch.float64).reshape(actual.shape)
    excess = (actual - expected).abs() - (atol + rtol * expected.abs())
    worst = int(excess.argmax()) if excess.numel() else 0
    case.assertTrue(bool((excess <= 0).all()), f"{what}: entry {worst} is {float(actual.flatten()[worst])}, expected {float(expected.flatten()[worst])}")
