"""The app's two-view augmentations (src/data/augment.ts), ported exactly: per-sample
parameters drawn from the step's `Rng` in the same order, a random resized crop with
flip as TensorFlow's bilinear `crop_and_resize`, colour jitter as one affine colour map
per sample, near-Gaussian pixel noise, clipping to [0, 1]. Images are NHWC in [0, 1]
(the app's layout); points are [N, F].
"""
import math
from dataclasses import dataclass
from typing import Optional

import torch

DEFAULT_AUGMENT = dict(
    strength=1.0,
    crop_scale=(0.35, 1.0),
    crop_aspect=(3 / 4, 4 / 3),
    flip_prob=0.5,
    jitter_prob=0.8,
    brightness=0.4,
    contrast=0.4,
    saturation=0.4,
    grayscale_prob=0.2,
    noise_std=0.03,
    point_noise_std=0.1,
    point_scale=0.2,
)

LUMA = (0.299, 0.587, 0.114)


def _f32(t):
    """Rounds a float64 tensor to float32 values (the app stores its draws in Float32Arrays)."""
    return t.to(torch.float32).to(torch.float64)


def _strength(s):
    return min(1.0, max(0.0, s if math.isfinite(s) else 0.0))


def augment_options(mirror_keeps_class=True, **overrides):
    """The app's defaults, with no mirror where a mirror changes the class (digits)."""
    o = dict(DEFAULT_AUGMENT)
    if not mirror_keeps_class:
        o["flip_prob"] = 0.0
    o.update(overrides)
    return o


@dataclass
class ImageViewParams:
    """Per-sample parameters of one image view (float32 values, as the app keeps them)."""

    boxes: torch.Tensor  # [N, 4] y1, x1, y2, x2; x1 > x2 means flipped
    brightness: torch.Tensor
    contrast: torch.Tensor
    saturation: torch.Tensor
    jitter: bool
    noise: Optional[torch.Tensor]  # [N, H, W, C] or None


def draw_image_view_params(shape, rng, options):
    """Draws one image view's parameters for a batch of NHWC `shape`, as the app does."""
    n, h, w, channels = shape
    o = options
    s = _strength(o["strength"])
    scale_lo = 1 - s * (1 - o["crop_scale"][0])
    scale_hi = max(scale_lo, o["crop_scale"][1])
    log_lo = s * math.log(o["crop_aspect"][0])
    log_hi = s * math.log(o["crop_aspect"][1])
    u = rng.next_n(10 * n).view(n, 10)
    area = scale_lo + (scale_hi - scale_lo) * u[:, 0]
    aspect = torch.exp(log_lo + (log_hi - log_lo) * u[:, 1])
    bw = torch.clamp(torch.sqrt(area * aspect), max=1.0)
    bh = torch.clamp(torch.sqrt(area / aspect), max=1.0)
    y0 = u[:, 2] * (1 - bh)
    x0 = u[:, 3] * (1 - bw)
    flip = u[:, 4] < s * o["flip_prob"]
    boxes = torch.stack([y0, torch.where(flip, x0 + bw, x0), y0 + bh, torch.where(flip, x0, x0 + bw)], 1)
    apply = u[:, 5] < o["jitter_prob"]
    b = 1 + s * o["brightness"] * (-1 + 2 * u[:, 6])
    c = 1 + s * o["contrast"] * (-1 + 2 * u[:, 7])
    sat = 1 + s * o["saturation"] * (-1 + 2 * u[:, 8])
    grey = u[:, 9] < s * o["grayscale_prob"]
    colour = channels == 3
    one = torch.ones(n, dtype=torch.float64)
    jittered = apply & torch.tensor(colour and s > 0)
    brightness = torch.where(jittered, b, one)
    contrast = torch.where(jittered, c, one)
    saturation = torch.where(jittered, sat, one)
    if colour:
        saturation = torch.where(grey, torch.zeros_like(one), saturation)
    jitter = bool(jittered.any()) or (colour and bool(grey.any()))
    noise_std = s * o["noise_std"]
    noise = None
    if noise_std > 0:
        k = 2 * noise_std
        v = rng.next_n(3 * n * h * w * channels).view(-1, 3)
        noise = _f32(k * (v[:, 0] + v[:, 1] + v[:, 2] - 1.5)).view(n, h, w, channels)
    return ImageViewParams(_f32(boxes), _f32(brightness), _f32(contrast), _f32(saturation), jitter, noise)


def colour_maps(p):
    """Per-sample 3x3 colour matrices K and offset scales (1 - c) b, as the app computes them."""
    b, c, s = p.brightness, p.contrast, p.saturation
    luma = torch.tensor(LUMA, dtype=torch.float64)
    eye = torch.eye(3, dtype=torch.float64)
    k = (c * b)[:, None, None] * (eye[None] * s[:, None, None] + (1 - s)[:, None, None] * luma[None, :, None])
    return _f32(k), _f32((1 - c) * b)


def crop_and_resize(x, boxes):
    """TensorFlow's bilinear crop_and_resize to the input size, extrapolating with 0. x NHWC."""
    n, h, w, ch = x.shape
    xd = x.to(torch.float64)
    boxes = boxes.to(x.device)
    y1, x1, y2, x2 = boxes[:, 0], boxes[:, 1], boxes[:, 2], boxes[:, 3]

    def coords(lo, hi, size):
        if size > 1:
            scale = (hi - lo) * (size - 1) / (size - 1)
            return lo[:, None] * (size - 1) + torch.arange(size, dtype=torch.float64, device=x.device)[None] * scale[:, None]
        return (0.5 * (lo + hi) * (size - 1))[:, None]

    yi = coords(y1, y2, h)  # [N, H]
    xi = coords(x1, x2, w)  # [N, W]
    y_ok = (yi >= 0) & (yi <= h - 1)
    x_ok = (xi >= 0) & (xi <= w - 1)
    top = torch.floor(yi).clamp(0, h - 1).long()
    bottom = torch.ceil(yi).clamp(0, h - 1).long()
    left = torch.floor(xi).clamp(0, w - 1).long()
    right = torch.ceil(xi).clamp(0, w - 1).long()
    y_lerp = (yi - torch.floor(yi))[:, :, None, None]
    x_lerp = (xi - torch.floor(xi))[:, None, :, None]
    batch = torch.arange(n, device=x.device)[:, None, None]

    def pick(rows, cols):
        return xd[batch, rows[:, :, None], cols[:, None, :]]  # [N, H, W, C]

    tl, tr = pick(top, left), pick(top, right)
    bl, br = pick(bottom, left), pick(bottom, right)
    upper = tl + (tr - tl) * x_lerp
    lower = bl + (br - bl) * x_lerp
    out = upper + (lower - upper) * y_lerp
    ok = (y_ok[:, :, None] & x_ok[:, None, :])[..., None]
    return torch.where(ok, out, torch.zeros_like(out)).to(torch.float32)


def apply_image_view(x, p):
    """Applies one image view's parameters to NHWC images in [0, 1]."""
    n, h, w, c = x.shape
    v = crop_and_resize(x, p.boxes)
    if p.jitter and c == 3:
        matrices, offset_scale = colour_maps(p)
        luma = torch.tensor(LUMA, dtype=torch.float32, device=v.device)
        mean_luma = (v * luma).sum(dim=(1, 2, 3)) / (h * w)
        offset = (mean_luma * offset_scale.to(v))[:, None, None, None]
        v = torch.einsum("nhwj,njk->nhwk", v, matrices.to(v)) + offset
    if p.noise is not None:
        v = v + p.noise.to(v)
    return torch.clamp(v, 0, 1)


def draw_point_view_params(n, features, rng, options):
    """One point view's scale [N] and noise [N, F], as the app draws them."""
    s = _strength(options["strength"])
    scale = _f32(1 + s * options["point_scale"] * (-1 + 2 * rng.next_n(n)))
    noise = _f32(s * options["point_noise_std"] * rng.normal_n(n * features)).view(n, features)
    return scale, noise


def make_two_views(x, kind, rng, options):
    """Two independently augmented views of a batch (images NHWC or points [N, F]), on the
    batch's device (the draws are made on the CPU)."""
    if kind == "image":
        p1 = draw_image_view_params(tuple(x.shape), rng, options)
        p2 = draw_image_view_params(tuple(x.shape), rng, options)
        return apply_image_view(x, p1), apply_image_view(x, p2)
    n, f = x.shape
    views = []
    for _ in range(2):
        scale, noise = draw_point_view_params(n, f, rng, options)
        views.append(x * scale.to(x)[:, None] + noise.to(x))
    return views[0], views[1]
