"""The app's models (src/models, docs/methods.md §6.3) as PyTorch modules, plus the
paper-sized ResNets (ResNet-18 for CIFAR, ResNet-50 for Tiny ImageNet).

Every model takes NHWC images in [0, 1] (the app's layout) or points [N, F] and returns
pooled features `f`; the shared `Heads` give the projector output `z`, the predictor and
the classifier. The app's MLP and CNN record each of their layers under the app's weight
names (`app_params`), with the layout the app stores them in, so exported weights load
exactly: dense [in, out] (torch [out, in]), convolution [kh, kw, in, out] (torch
[out, in, kh, kw]).
"""
import math

import torch
from torch import nn
from torch.nn import functional as F

NORM_EPS = 1e-5
NORM_MOMENTUM = 0.1


def make_norm(kind, channels, spatial):
    """Batch norm (PyTorch's, momentum 0.1, eps 1e-5, as the app), layer norm (one group
    over every axis but the batch, per-channel affine), or None."""
    if kind == "none":
        return None
    if kind == "batch":
        return (nn.BatchNorm2d if spatial else nn.BatchNorm1d)(channels, eps=NORM_EPS, momentum=NORM_MOMENTUM)
    if kind == "layer":
        return nn.GroupNorm(1, channels, eps=NORM_EPS)
    raise ValueError(f"Unknown normalisation {kind!r}.")


class AppLayers:
    """Keeps the app's name of every parameter and buffer of a model, with its layout."""

    def __init__(self):
        self.entries = {}

    def dense(self, name, layer):
        self.entries[f"{name}/w"] = (layer, "weight", "dense")
        if layer.bias is not None:
            self.entries[f"{name}/b"] = (layer, "bias", "vector")

    def conv(self, name, layer):
        self.entries[f"{name}/w"] = (layer, "weight", "conv")
        if layer.bias is not None:
            self.entries[f"{name}/b"] = (layer, "bias", "vector")

    def norm(self, name, layer):
        if layer is None:
            return
        self.entries[f"{name}/gamma"] = (layer, "weight", "vector")
        self.entries[f"{name}/beta"] = (layer, "bias", "vector")
        if isinstance(layer, nn.modules.batchnorm._BatchNorm):
            self.entries[f"{name}/running_mean"] = (layer, "running_mean", "vector")
            self.entries[f"{name}/running_var"] = (layer, "running_var", "vector")


def from_app_layout(values, layout, shape):
    """A flat float32 tensor in the app's layout as a tensor of torch `shape`."""
    if layout == "dense":
        out_f, in_f = shape
        return values.view(in_f, out_f).t().contiguous()
    if layout == "conv":
        cout, cin, kh, kw = shape
        return values.view(kh, kw, cin, cout).permute(3, 2, 0, 1).contiguous()
    return values.view(shape).clone()


def to_app_layout(tensor, layout):
    """A torch tensor as the app lays it out, flattened."""
    t = tensor.detach().cpu().to(torch.float32)
    if layout == "dense":
        return t.t().contiguous().view(-1)
    if layout == "conv":
        return t.permute(2, 3, 1, 0).contiguous().view(-1)
    return t.contiguous().view(-1)


def projector_hidden(d):
    return max(64, 2 * d)


def predictor_hidden(d):
    return max(8, d // 4)


def _normed(x, norm):
    return x if norm is None else norm(x)


class Heads(nn.Module):
    """Projector (Linear-[norm]-ReLU-Linear without bias), predictor (bottleneck D/4) and
    classifier (one Linear), as the app's heads."""

    def __init__(self, features, embed_dim, classes, norm, app):
        super().__init__()
        hidden, pred_hidden = projector_hidden(embed_dim), predictor_hidden(embed_dim)
        bias = norm == "none"
        self.proj1 = nn.Linear(features, hidden, bias=bias)
        self.proj_norm = make_norm(norm, hidden, False)
        self.proj2 = nn.Linear(hidden, embed_dim, bias=False)
        self.pred1 = nn.Linear(embed_dim, pred_hidden, bias=bias)
        self.pred_norm = make_norm(norm, pred_hidden, False)
        self.pred2 = nn.Linear(pred_hidden, embed_dim)
        self.cls = nn.Linear(features, classes)
        app.dense("projector/0", self.proj1)
        app.norm("projector/norm0", self.proj_norm)
        app.dense("projector/1", self.proj2)
        app.dense("predictor/0", self.pred1)
        app.norm("predictor/norm0", self.pred_norm)
        app.dense("predictor/1", self.pred2)
        app.dense("classifier", self.cls)

    def project(self, f):
        return self.proj2(F.relu(_normed(self.proj1(f), self.proj_norm)))

    def predict(self, z):
        return self.pred2(F.relu(_normed(self.pred1(z), self.pred_norm)))

    def classify(self, f):
        return self.cls(f)


def he_uniform_(weight, fan_in, gain=1.0):
    """The app's initialiser: uniform in +-gain * sqrt(6 / fan_in)."""
    limit = gain * math.sqrt(6 / fan_in)
    with torch.no_grad():
        weight.uniform_(-limit, limit)


class AppModel(nn.Module):
    """Backbone + heads. `forward(x, trace)` returns (features, z, block traces), where a
    trace is (block input, block output) as tokens-ready tensors (see methods.to_tokens)."""

    def __init__(self):
        super().__init__()
        self.app = AppLayers()

    def backbone(self, x, trace):
        raise NotImplementedError

    def forward(self, x, trace=False):
        f, traces = self.backbone(x, trace)
        return f, self.heads.project(f), traces

    def predict(self, z):
        return self.heads.predict(z)

    def classify(self, f):
        return self.heads.classify(f)

    def app_state(self):
        """{app name: flat float32 tensor in the app's layout}: what weights.bin holds."""
        return {name: to_app_layout(getattr(m, attr), layout) for name, (m, attr, layout) in self.app.entries.items()}

    def load_app_state(self, tensors, strict=True):
        """Loads weights named and laid out as the app's; returns the names it used."""
        used = []
        for name, (m, attr, layout) in self.app.entries.items():
            if name not in tensors:
                if strict:
                    raise KeyError(f"The exported weights have no {name}.")
                continue
            target = getattr(m, attr)
            values = tensors[name].to(torch.float32).reshape(-1)
            if values.numel() != target.numel():
                raise ValueError(f"{name}: {values.numel()} values for a tensor of shape {tuple(target.shape)}.")
            with torch.no_grad():
                target.copy_(from_app_layout(values, layout, tuple(target.shape)))
            used.append(name)
        return used


class AppMlp(AppModel):
    """The app's MLP: input layer, norm, ReLU, then `depth` residual blocks
    relu(h + norm(W2 relu(norm(W1 h)))). Images are flattened in NHWC order."""

    def __init__(self, input_shape, classes, width, depth, embed_dim, norm, head_norm):
        super().__init__()
        self.input_dim = int(math.prod(input_shape))
        bias = norm == "none"
        self.input = nn.Linear(self.input_dim, width, bias=bias)
        self.input_norm = make_norm(norm, width, False)
        self.app.dense("input", self.input)
        self.app.norm("input/norm", self.input_norm)
        self.blocks = nn.ModuleList()
        for i in range(depth):
            blk = nn.Module()
            blk.a = nn.Linear(width, width, bias=bias)
            blk.norm = make_norm(norm, width, False)
            blk.b = nn.Linear(width, width, bias=bias)
            blk.out_norm = make_norm(norm, width, False)
            self.app.dense(f"block{i + 1}/a", blk.a)
            self.app.norm(f"block{i + 1}/norm", blk.norm)
            self.app.dense(f"block{i + 1}/b", blk.b)
            self.app.norm(f"block{i + 1}/outNorm", blk.out_norm)
            self.blocks.append(blk)
        self.heads = Heads(width, embed_dim, classes, head_norm, self.app)
        self.feature_dim = width
        self.embed_dim = embed_dim
        self.block_channels = [(width, width)] * depth
        self._init(width)

    def _init(self, width):
        he_uniform_(self.input.weight, self.input_dim)
        for blk in self.blocks:
            he_uniform_(blk.a.weight, width)
            he_uniform_(blk.b.weight, width, 0.5)
        _init_heads(self.heads)

    def backbone(self, x, trace):
        h = x.reshape(x.shape[0], -1)
        h = F.relu(_normed(self.input(h), self.input_norm))
        traces = []
        for blk in self.blocks:
            inner = F.relu(_normed(blk.a(h), blk.norm))
            out = F.relu(h + _normed(blk.b(inner), blk.out_norm))
            if trace:
                traces.append((h, out))
            h = out
        return h, traces


def same_padding(size, k, stride):
    """TensorFlow's 'same' padding (before, after) for one axis."""
    out = -(-size // stride)
    total = max((out - 1) * stride + k - size, 0)
    return total // 2, total - total // 2


def conv_same(x, conv):
    """A convolution with TensorFlow's 'same' padding (the extra pixel after, not before)."""
    k, s = conv.kernel_size[0], conv.stride[0]
    top, bottom = same_padding(x.shape[2], k, s)
    left, right = same_padding(x.shape[3], k, s)
    return conv(F.pad(x, (left, right, top, bottom)))


class AppCnn(AppModel):
    """The app's CNN: a 3x3 stride-2 stem, norm, ReLU, then `depth` residual blocks
    relu(h + norm(conv_b(relu(norm(conv_a(h)))))), global average pooling."""

    def __init__(self, input_shape, classes, width, depth, embed_dim, norm, head_norm):
        super().__init__()
        c0 = input_shape[2]
        bias = norm == "none"
        self.stem = nn.Conv2d(c0, width, 3, stride=2, bias=bias)
        self.stem_norm = make_norm(norm, width, True)
        self.app.conv("stem", self.stem)
        self.app.norm("stem/norm", self.stem_norm)
        self.blocks = nn.ModuleList()
        for i in range(depth):
            blk = nn.Module()
            blk.a = nn.Conv2d(width, width, 3, bias=bias)
            blk.norm = make_norm(norm, width, True)
            blk.b = nn.Conv2d(width, width, 3, bias=bias)
            blk.out_norm = make_norm(norm, width, True)
            self.app.conv(f"block{i + 1}/a", blk.a)
            self.app.norm(f"block{i + 1}/norm", blk.norm)
            self.app.conv(f"block{i + 1}/b", blk.b)
            self.app.norm(f"block{i + 1}/outNorm", blk.out_norm)
            self.blocks.append(blk)
        self.heads = Heads(width, embed_dim, classes, head_norm, self.app)
        self.feature_dim = width
        self.embed_dim = embed_dim
        self.block_channels = [(width, width)] * depth
        he_uniform_(self.stem.weight, 9 * c0)
        for blk in self.blocks:
            he_uniform_(blk.a.weight, 9 * width)
            he_uniform_(blk.b.weight, 9 * width, 0.5)
        _init_heads(self.heads)

    def backbone(self, x, trace):
        h = x.permute(0, 3, 1, 2)
        h = F.relu(_normed(conv_same(h, self.stem), self.stem_norm))
        traces = []
        for blk in self.blocks:
            inner = F.relu(_normed(conv_same(h, blk.a), blk.norm))
            out = F.relu(h + _normed(conv_same(inner, blk.b), blk.out_norm))
            if trace:
                traces.append((h, out))
            h = out
        return h.mean(dim=(2, 3)), traces


def _init_heads(heads):
    he_uniform_(heads.proj1.weight, heads.proj1.in_features)
    he_uniform_(heads.proj2.weight, heads.proj2.in_features, 1 / math.sqrt(2))
    he_uniform_(heads.pred1.weight, heads.pred1.in_features)
    he_uniform_(heads.pred2.weight, heads.pred2.in_features, 1 / math.sqrt(2))
    he_uniform_(heads.cls.weight, heads.cls.in_features, 1 / math.sqrt(2))
    for layer in (heads.proj1, heads.pred1, heads.pred2, heads.cls):
        if layer.bias is not None:
            nn.init.zeros_(layer.bias)


class _Basic(nn.Module):
    expansion = 1

    def __init__(self, cin, planes, stride, norm):
        super().__init__()
        self.c1 = nn.Conv2d(cin, planes, 3, stride, 1, bias=False)
        self.n1 = make_norm(norm, planes, True)
        self.c2 = nn.Conv2d(planes, planes, 3, 1, 1, bias=False)
        self.n2 = make_norm(norm, planes, True)
        self.short = _shortcut(cin, planes, stride, norm)

    def forward(self, x):
        h = F.relu(_normed(self.c1(x), self.n1))
        return F.relu(_normed(self.c2(h), self.n2) + self.short(x))


class _Bottleneck(nn.Module):
    expansion = 4

    def __init__(self, cin, planes, stride, norm):
        super().__init__()
        out = planes * 4
        self.c1 = nn.Conv2d(cin, planes, 1, bias=False)
        self.n1 = make_norm(norm, planes, True)
        self.c2 = nn.Conv2d(planes, planes, 3, stride, 1, bias=False)
        self.n2 = make_norm(norm, planes, True)
        self.c3 = nn.Conv2d(planes, out, 1, bias=False)
        self.n3 = make_norm(norm, out, True)
        self.short = _shortcut(cin, out, stride, norm)

    def forward(self, x):
        h = F.relu(_normed(self.c1(x), self.n1))
        h = F.relu(_normed(self.c2(h), self.n2))
        return F.relu(_normed(self.c3(h), self.n3) + self.short(x))


def _shortcut(cin, cout, stride, norm):
    if stride == 1 and cin == cout:
        return nn.Identity()
    layers = [nn.Conv2d(cin, cout, 1, stride, bias=False)]
    n = make_norm(norm, cout, True)
    if n is not None:
        layers.append(n)
    return nn.Sequential(*layers)


class ResNet(AppModel):
    """A ResNet for small images as the CorInfoMax paper trains it: a 3x3 stride-1 stem
    without max pooling (CIFAR, 32 px) or with stride 2 (Tiny ImageNet, 64 px), four
    stages, global pooling; the app's heads on top. ρSIM attaches to every block that
    keeps the spatial size (a `pre` layer maps channels where they change)."""

    def __init__(self, block, layers, input_shape, classes, embed_dim, norm, head_norm, stem_stride=1):
        super().__init__()
        c0 = input_shape[2]
        self.stem = nn.Conv2d(c0, 64, 3, stem_stride, 1, bias=False)
        self.stem_norm = make_norm(norm, 64, True)
        blocks, cin, self.block_channels = [], 64, []
        for stage, (planes, count) in enumerate(zip((64, 128, 256, 512), layers)):
            for i in range(count):
                stride = 2 if stage > 0 and i == 0 else 1
                blocks.append(block(cin, planes, stride, norm))
                self.block_channels.append((cin, planes * block.expansion) if stride == 1 else None)
                cin = planes * block.expansion
        self.blocks = nn.ModuleList(blocks)
        self.heads = Heads(cin, embed_dim, classes, head_norm, self.app)
        self.feature_dim = cin
        self.embed_dim = embed_dim

    def backbone(self, x, trace):
        h = F.relu(_normed(self.stem(x.permute(0, 3, 1, 2)), self.stem_norm))
        traces = []
        for blk, shape in zip(self.blocks, self.block_channels):
            out = blk(h)
            if trace and shape is not None:
                traces.append((h, out))
            h = out
        return h.mean(dim=(2, 3)), traces

    @property
    def traced_channels(self):
        return [s for s in self.block_channels if s is not None]


def build_model(config, input_shape, classes):
    """The model a config names: the app's 'mlp' or 'cnn', or 'resnet18' / 'resnet50'."""
    kind = config["model"]
    args = dict(classes=classes, embed_dim=config["embedDim"], norm=config["norm"], head_norm=config["headNorm"])
    if kind == "mlp":
        return AppMlp(input_shape, width=config["width"], depth=config["depth"], **args)
    if kind == "cnn":
        return AppCnn(input_shape, width=config["width"], depth=config["depth"], **args)
    if kind == "resnet18":
        return ResNet(_Basic, (2, 2, 2, 2), input_shape, stem_stride=1 if input_shape[0] <= 32 else 2, **args)
    if kind == "resnet50":
        return ResNet(_Bottleneck, (3, 4, 6, 3), input_shape, stem_stride=1 if input_shape[0] <= 32 else 2, **args)
    raise ValueError(f"Unknown model {kind!r}: mlp, cnn, resnet18 or resnet50.")


def traced_block_channels(model):
    """(C_in, C_out) of every block ρSIM attaches to, in depth order."""
    return model.traced_channels if isinstance(model, ResNet) else list(model.block_channels)
