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


def rnd(shape, seed):
    return np.random.default_rng(seed).standard_normal(shape).astype(np.float32)


def silently_wrong(out):
    """Each of issue 16's "accepted but silently wrong" cases, one file each."""
    g = G("maxpool_dilation", [1, 2, 14, 14])
    g.save(g.node("MaxPool", ["x"], "pool", kernel_shape=[2, 2], dilations=[2, 2]), f"{out}/maxpool_dilation.onnx")
    g = G("matmul_4d", [1, 2, 4, 4])
    g.save(g.node("MatMul", ["x", g.t("w", rnd((4, 3), 1))], "mm"), f"{out}/matmul_4d.onnx")
    # BN(y) + y: the conv's raw output has a second reader, so BN must not fold into the conv
    g = G("bn_shared", [1, 2, 3, 3])
    y = g.node("Conv", ["x", g.t("w", rnd((2, 2, 1, 1), 2))], "conv", kernel_shape=[1, 1])
    bn = [g.t(n, np.asarray(v, np.float32)) for n, v in [("g", [2.0, 0.5]), ("b", [1.0, -1.0]), ("m", [0.5, 0.0]), ("v", [4.0, 1.0])]]
    z = g.node("BatchNormalization", [y] + bn, "bn", epsilon=0.0)
    g.save(g.node("Add", [z, y], "add"), f"{out}/bn_shared.onnx")
    for inc in (0, 1):
        g = G("avgpool_pad", [1, 1, 4, 4])
        g.save(g.node("AveragePool", ["x"], "pool", kernel_shape=[3, 3], pads=[1, 1, 1, 1], count_include_pad=inc),
               f"{out}/avgpool_pad_include{inc}.onnx")
    g = G("softmax_axis", [1, 3, 2, 2])
    g.save(g.node("Softmax", ["x"], "prob", axis=1), f"{out}/softmax_axis.onnx")


def modern(out):
    """Constant nodes and subgraphs, Pad + AveragePool, ReduceMean, a negative Concat axis, a Conv
    without kernel_shape, a channel shuffle, Split, SiLU, hard-swish, squeeze-excite, Resize and
    LeakyRelu."""
    g = G("modern", [1, 4, 8, 8])
    def const(name, arr):
        g.nodes.append(helper.make_node("Constant", [], [name], name=name,
                                        value=numpy_helper.from_array(np.asarray(arr), name + "_v")))
        return name
    x = g.node("Conv", ["x", g.t("w0", rnd((8, 4, 3, 3), 3))], "conv0", pads=[1, 1, 1, 1])  # no kernel_shape
    x = g.node("Clip", [x, const("lo", np.array(0, np.float32)), const("hi", np.array(6, np.float32))], "relu6")
    a, b = "split0", "split1"
    g.nodes.append(helper.make_node("Split", [x], [a, b], name="split", axis=1))
    b = g.node("Mul", [b, g.node("Sigmoid", [b], "sig")], "silu")
    x = g.node("Concat", [a, b], "cat", axis=-3)
    # channel shuffle with a shape computed from Shape -> Gather -> Unsqueeze -> Concat
    shp = g.node("Shape", [x], "shape")
    h = g.node("Unsqueeze", [g.node("Gather", [shp, const("i2", np.array(2, np.int64))], "gh", axis=0),
                             const("ax0", np.array([0], np.int64))], "uh")
    s5 = g.node("Concat", [const("head", np.array([1, 2, 4], np.int64)), h, h], "s5", axis=0)
    x = g.node("Reshape", [x, s5], "r5")
    x = g.node("Transpose", [x], "tr", perm=[0, 2, 1, 3, 4])
    x = g.node("Reshape", [x, const("s4", np.array([1, -1, 8, 8], np.int64))], "shuffle")
    x = g.node("HardSwish", [x], "hswish")
    # squeeze-excite with a hard-sigmoid gate
    se = g.node("GlobalAveragePool", [x], "se_pool")
    se = g.node("Conv", [se, g.t("se_w", rnd((8, 8, 1, 1), 4)), g.t("se_b", rnd(8, 5))], "se_fc", kernel_shape=[1, 1])
    se = g.node("HardSigmoid", [se], "se_gate", alpha=1.0 / 6, beta=0.5)
    x = g.node("Mul", [x, se], "se_mul")
    p = g.node("Pad", [x, const("pads", np.array([0, 0, 1, 1, 0, 0, 1, 1], np.int64))], "pad")
    x = g.node("AveragePool", [p], "avg", kernel_shape=[3, 3], strides=[2, 2])
    x = g.node("Resize", [x, "", const("scales", np.array([1, 1, 2, 2], np.float32))], "up",
               mode="nearest", coordinate_transformation_mode="asymmetric", nearest_mode="floor")
    x = g.node("ReduceMean", [x], "mean", axes=[-2, -1], keepdims=0)
    x = g.node("LeakyRelu", [x], "leaky", alpha=0.1)
    g.save(g.node("Gemm", [x, g.t("fc_w", rnd((5, 8), 6))], "fc", transB=1), f"{out}/modern.onnx")


def dynamic(out):
    g = G("dynamic", [1, 3, "height", "width"])
    g.save(g.conv("x", 3, 4, 3, 1, 1, "conv"), f"{out}/dynamic.onnx")


def raw_tensor(name, dims, data):
    """A TensorProto whose raw data need not match its dims (helper.make_tensor checks)."""
    t = TensorProto()
    t.name, t.data_type, t.raw_data = name, TensorProto.FLOAT, data
    t.dims.extend(dims)
    return t


def malformed(out):
    """issue 17's malformed files: each must be one clear error, never a crash."""
    def conv_net(name, w_shape=(4, 2, 3, 3), bn=None, **attrs):
        g = G(name, [1, 2, 6, 6])
        w = g.t("w", np.zeros(w_shape, np.float32))
        x = g.node("Conv", ["x", w], "conv", **attrs)
        if bn is not None:
            x = g.node("BatchNormalization", [x] + [g.t(n, np.asarray(v, np.float32)) for n, v in zip("gbmv", bn)], "bn")
        g.save(x, f"{out}/bad_{name}.onnx")
    conv_net("conv0_bn", (0, 2, 3, 3), bn=[[], [], [], []], kernel_shape=[3, 3])
    conv_net("strides_empty", kernel_shape=[3, 3], strides=[])
    conv_net("strides1", kernel_shape=[3, 3], strides=[1])
    conv_net("pads2", kernel_shape=[3, 3], pads=[1, 1])
    conv_net("stride_huge", kernel_shape=[3, 3], strides=[2 ** 62, 1])
    conv_net("bn_short", bn=[[1] * 4, [0] * 2, [0] * 4, [1] * 4], kernel_shape=[3, 3])
    conv_net("bn_beta_dim0", bn=[[1] * 4, [], [0] * 4, [1] * 4], kernel_shape=[3, 3])
    # a Gemm initializer declaring [32, 100000] but holding 4 floats
    g = G("gemm_short", [1, 2, 1, 1])
    x = g.node("Flatten", ["x"], "flat", axis=1)
    w = raw_tensor("w", [32, 100000], np.zeros(4, np.float32).tobytes())
    g.inits.append(w)
    g.save(g.node("Gemm", [x, "w"], "fc"), f"{out}/bad_gemm_short.onnx")
    # raw data shorter than its dims (conv weights [4, 2, 3, 3] with 8 bytes)
    g = G("raw_short", [1, 2, 6, 6])
    g.inits.append(raw_tensor("w", [4, 2, 3, 3], np.zeros(2, np.float32).tobytes()))
    g.save(g.node("Conv", ["x", "w"], "conv", kernel_shape=[3, 3]), f"{out}/bad_raw_short.onnx")
    # a node with no input, and one with no output
    g = G("no_input", [1, 2, 6, 6])
    g.nodes.append(helper.make_node("Relu", [], ["y"], name="relu"))
    g.save("y", f"{out}/bad_no_input.onnx")
    g = G("no_output", [1, 2, 6, 6])
    g.nodes.append(helper.make_node("Relu", ["x"], [], name="relu"))
    g.save("x", f"{out}/bad_no_output.onnx")
    # a graph input of [1, 2^40, 2^40, 2^40]
    g = G("input_huge", [1, 2 ** 40, 2 ** 40, 2 ** 40])
    g.save(g.node("Relu", ["x"], "relu"), f"{out}/bad_input_huge.onnx")
    # a tiny file whose initializer declares 2^28 elements and holds none
    g = G("declared_huge", [1, 1, 1, 1])
    g.inits.append(raw_tensor("w", [2 ** 14, 2 ** 14], b""))
    g.save(g.node("Relu", ["x"], "relu"), f"{out}/bad_declared_huge.onnx")
    open(f"{out}/bad_empty.onnx", "wb").close()


if __name__ == "__main__":
    if len(sys.argv) == 3 and sys.argv[1] == "--resnet18":
        resnet18(os.path.join(sys.argv[2], "resnet18.onnx"))
    elif len(sys.argv) == 2:
        tiny(os.path.join(sys.argv[1], "tiny.onnx"))
        unsupported(os.path.join(sys.argv[1], "unsupported_lrn.onnx"))
        silently_wrong(sys.argv[1])
        modern(sys.argv[1])
        dynamic(sys.argv[1])
        malformed(sys.argv[1])
    else:
        sys.exit(__doc__)
