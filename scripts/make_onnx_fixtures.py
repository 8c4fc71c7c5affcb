#!/usr/bin/python3
"""ONNX fixtures for the importer tests (python3-onnx from Debian).

  make_onnx_fixtures.py OUTDIR            small fixtures (checked in under tests/data/onnx/)
  make_onnx_fixtures.py --resnet18 OUTDIR resnet18.onnx, built at test time (46 MB of zero weights)

The ResNet-18 graph mirrors torchvision's export (opset 13, eval): Conv with BN folded (bias),
Relu, MaxPool, Add, GlobalAveragePool, Flatten, Gemm. Weights are zeros: only shapes matter.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


class G:
    def __init__(self, name, shape):
        self.nodes, self.inits, self.name, self.n = [], [], name, 0
        self.inp = helper.make_tensor_value_info("x", TensorProto.FLOAT, shape)

    def t(self, base, arr):
        name = f"{base}_{self.n}"
        self.n += 1
        self.inits.append(numpy_helper.from_array(np.asarray(arr), name))
        return name

    def node(self, op, ins, name, **attrs):
        self.nodes.append(helper.make_node(op, ins, [name], name=name, **attrs))
        return name

    def conv(self, x, cin, cout, k, s, p, name, bias=True, group=1):
        w = self.t(name + ".w", np.zeros((cout, cin // group, k, k), np.float32))
        ins = [x, w] + ([self.t(name + ".b", np.zeros(cout, np.float32))] if bias else [])
        return self.node("Conv", ins, name, kernel_shape=[k, k], strides=[s, s], pads=[p] * 4, group=group)

    def save(self, out, path):
        o = helper.make_tensor_value_info(out, TensorProto.FLOAT, None)
        g = helper.make_graph(self.nodes, self.name, [self.inp], [o], self.inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
        onnx.save(m, path)


def resnet18(path):
    g = G("resnet18", [1, 3, 224, 224])
    x = g.node("Relu", [g.conv("x", 3, 64, 7, 2, 3, "conv1")], "relu1")
    x = g.node("MaxPool", [x], "maxpool", kernel_shape=[3, 3], strides=[2, 2], pads=[1, 1, 1, 1])
    cin = 64
    for s, width in enumerate([64, 128, 256, 512]):
        for b in range(2):
            stride = 2 if s > 0 and b == 0 else 1
            n = f"layer{s + 1}.{b}"
            y = g.node("Relu", [g.conv(x, cin, width, 3, stride, 1, n + ".conv1")], n + ".relu1")
            y = g.conv(y, width, width, 3, 1, 1, n + ".conv2")
            sc = x if stride == 1 and cin == width else g.conv(x, cin, width, 1, stride, 0, n + ".downsample")
            x = g.node("Relu", [g.node("Add", [y, sc], n + ".add")], n + ".relu")
            cin = width
    x = g.node("Flatten", [g.node("GlobalAveragePool", [x], "avgpool")], "flatten", axis=1)
    w = g.t("fc.w", np.zeros((1000, 512), np.float32))
    x = g.node("Gemm", [x, w, g.t("fc.b", np.zeros(1000, np.float32))], "fc", transB=1)
    g.save(x, path)


def tiny(path):
    """Every other supported op once, with non-zero weights (BN folding is checked)."""
    g = G("tiny", [1, 2, 4, 4])
    w = g.t("c.w", np.ones((2, 2, 1, 1), np.float32))
    x = g.node("Conv", ["x", w], "c", kernel_shape=[1, 1])
    bn = [g.t("g", np.array([2, 1], np.float32)), g.t("b", np.array([1, 0], np.float32)),
          g.t("m", np.array([0, 1], np.float32)), g.t("v", np.array([1, 1], np.float32))]
    x = g.node("BatchNormalization", [x] + bn, "bn", epsilon=0.0)
    lo, hi = g.t("lo", np.array(0, np.float32)), g.t("hi", np.array(6, np.float32))
    x = g.node("Clip", [x, lo, hi], "clip")
    a = g.node("AveragePool", [x], "avg", kernel_shape=[2, 2], strides=[2, 2])
    m = g.node("MaxPool", [x], "max", kernel_shape=[2, 2], strides=[2, 2])
    x = g.node("Concat", [a, m], "cat", axis=1)
    x = g.node("Dropout", [x], "drop")
    shape = g.t("shape", np.array([1, -1], np.int64))
    x = g.node("Reshape", [x, shape], "reshape")
    fw = g.t("fc.w", np.full((16, 3), 0.5, np.float32))
    g.nodes.append(helper.make_node("Identity", [fw], ["fw_alias"], name="alias"))
    x = g.node("MatMul", [x, "fw_alias"], "fc")
    x = g.node("Softmax", [x], "prob", axis=1)
    g.save(x, path)


def unsupported(path):
    g = G("lrn_net", [1, 3, 8, 8])
    x = g.conv("x", 3, 4, 3, 1, 1, "conv1")
    x = g.node("LRN", [x], "norm1", size=5)
    g.save(x, path)


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--resnet18":
        resnet18(os.path.join(sys.argv[2], "resnet18.onnx"))
    elif len(sys.argv) == 2:
        tiny(os.path.join(sys.argv[1], "tiny.onnx"))
        unsupported(os.path.join(sys.argv[1], "unsupported_lrn.onnx"))
    else:
        sys.exit(__doc__)
