#!/usr/bin/python3
"""Functional-proof fixtures: small PyTorch modules exported by torch.onnx.export (opset 13), with a
seeded input and PyTorch's own output stored beside each as .npy (Debian python3-torch 1.13).

  make_torch_fixtures.py OUTDIR    writes torch_<name>.onnx, .input.npy and .expected.npy

The tests import the .onnx files, run edgesa's fp32 reference on the input and compare with the
expected output (docs/trace-format.md, "Functional proof"); they never need torch themselves.
"""
import os
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class MobileBlock(nn.Module):
    """MobileNetV3-style: conv-BN-hardswish, depthwise, squeeze-excite (hardsigmoid), projection
    with a residual, then ReduceMean pooling and a linear classifier."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(3, 8, 3, 2, 1, bias=False), nn.BatchNorm2d(8), nn.Hardswish())
        self.expand = nn.Sequential(nn.Conv2d(8, 16, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU6())
        self.dw = nn.Sequential(nn.Conv2d(16, 16, 3, 1, 1, groups=16, bias=False), nn.BatchNorm2d(16), nn.Hardswish())
        self.fc1, self.fc2 = nn.Conv2d(16, 8, 1), nn.Conv2d(8, 16, 1)
        self.project = nn.Sequential(nn.Conv2d(16, 8, 1, bias=False), nn.BatchNorm2d(8))
        self.fc = nn.Linear(8, 10)

    def forward(self, x):
        x = self.stem(x)
        y = self.dw(self.expand(x))
        s = F.hardsigmoid(self.fc2(F.relu(self.fc1(F.adaptive_avg_pool2d(y, 1)))))
        x = x + self.project(y * s)
        return self.fc(x.mean([2, 3]))


class ShuffleBlock(nn.Module):
    """ShuffleNetV2-style: chunk, a branch with SiLU and sigmoid gating, concat, channel shuffle,
    then nearest upsampling, AvgPool2d with padding (Pad + AveragePool), max pooling and softmax."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Conv2d(3, 8, 3, 1, 1)
        self.branch = nn.Sequential(nn.Conv2d(4, 4, 1), nn.BatchNorm2d(4), nn.SiLU(),
                                    nn.Conv2d(4, 4, 3, 1, 1, groups=4), nn.BatchNorm2d(4), nn.Tanh())
        self.head = nn.Conv2d(8, 6, 1)
        self.fc = nn.Linear(6 * 4 * 4, 7)

    def forward(self, x):
        x = torch.sigmoid(self.stem(x))
        a, b = x.chunk(2, dim=1)
        x = torch.cat([a, self.branch(b)], 1)
        n, c, h, w = x.shape
        x = x.view(n, 2, c // 2, h, w).transpose(1, 2).contiguous().view(n, c, h, w)
        x = F.interpolate(x, scale_factor=2, mode="nearest")
        x = F.avg_pool2d(x, 3, 2, 1)
        x = F.max_pool2d(self.head(x), 2, 2)
        return torch.softmax(self.fc(torch.flatten(x, 1)), dim=1)


class DenseBlock(nn.Module):
    """DenseNet-style pre-activation: BN on a concatenation (a standalone scale-shift), BN(y) + y
    (a BN that must not fold), then a 2x2 average pool."""

    def __init__(self):
        super().__init__()
        self.conv0 = nn.Conv2d(3, 6, 3, 1, 1)
        self.norm1 = nn.BatchNorm2d(6)
        self.conv1 = nn.Conv2d(6, 4, 3, 1, 1, bias=False)
        self.norm2 = nn.BatchNorm2d(10)
        self.conv2 = nn.Conv2d(10, 10, 1, bias=False)
        self.norm3 = nn.BatchNorm2d(10)

    def forward(self, x):
        x = self.conv0(x)
        y = self.conv1(F.relu(self.norm1(x)))
        x = F.relu(self.norm2(torch.cat([x, y], 1)))
        y = self.conv2(x)
        return F.avg_pool2d(self.norm3(y) + y, 2)


def randomize_bn(model, gen):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):  # non-trivial running statistics
            m.weight.data = torch.rand(m.num_features, generator=gen) + 0.5
            m.bias.data = torch.randn(m.num_features, generator=gen) * 0.1
            m.running_mean = torch.randn(m.num_features, generator=gen) * 0.1
            m.running_var = torch.rand(m.num_features, generator=gen) + 0.5


def main(out):
    torch.manual_seed(7)
    for name, model, shape in [("mobile", MobileBlock(), (1, 3, 16, 16)), ("shuffle", ShuffleBlock(), (1, 3, 8, 8)),
                               ("dense", DenseBlock(), (1, 3, 8, 8))]:
        gen = torch.Generator().manual_seed(11)
        randomize_bn(model, gen)
        model.eval()
        x = torch.randn(shape, generator=gen)
        with torch.no_grad():
            y = model(x)
        path = os.path.join(out, f"torch_{name}")
        torch.onnx.export(model, x, path + ".onnx", opset_version=13, do_constant_folding=True,
                          input_names=["x"], output_names=["y"])
        np.save(path + ".input.npy", x.numpy().astype(np.float32).reshape(-1))
        np.save(path + ".expected.npy", y.numpy().astype(np.float32).reshape(-1))


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
