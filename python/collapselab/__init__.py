"""Collapse Lab's training recipe in PyTorch: the app's models, objectives, seed methods,
augmentations and random draws, so a run set up in the browser trains unchanged on a
cluster (see README.md)."""
