#!/usr/bin/python3
"""Exports torchvision models with torch.onnx.export (opset 13, eval, untrained weights) for a
manual check of `edgesa trace import` against the zoo (docs/trace-format.md, "torchvision
exports"). Needs Debian python3-torch and python3-torchvision; the tests never run it.

  export_torchvision.py OUTDIR [NAME ...]
"""
import os
import sys

import torch
import torchvision.models as M

NAMES = ["resnet18", "mobilenet_v2", "mobilenet_v3_small", "mobilenet_v3_large", "efficientnet_b0",
         "shufflenet_v2_x1_0", "mnasnet1_0", "densenet121", "squeezenet1_1"]

if __name__ == "__main__":
    if len(sys.argv) < 2:
        sys.exit(__doc__)
    for name in sys.argv[2:] or NAMES:
        model = getattr(M, name)().eval()
        torch.onnx.export(model, torch.zeros(1, 3, 224, 224), os.path.join(sys.argv[1], name + ".onnx"),
                          opset_version=13, do_constant_folding=True, input_names=["x"])
        print(name, flush=True)
