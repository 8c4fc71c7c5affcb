#!/usr/bin/python3
"""One-off: MAC and weight counts of the zoo's torchvision nets, YOLOv3-tiny and the small U-Net,
computed with PyTorch (Debian python3-torch, python3-torchvision 0.14) independently of edgesa.
The numbers are written into tests/workloads/test_zoo_modern.cpp.

MACs: forward hooks, Conv2d: out.numel() * in/groups * kh * kw; Linear: out.numel() * in.
weights: Conv2d and Linear weight elements; params: sum of all parameters (BN scale and shift
included, running statistics not), as torchvision's model tables count them.
"""
import torch
import torch.nn as nn
import torchvision.models as M


def count(model, shape):
    macs = [0]

    def hook(m, i, o):
        if isinstance(m, nn.Conv2d):
            macs[0] += o.numel() * (m.in_channels // m.groups) * m.kernel_size[0] * m.kernel_size[1]
        elif isinstance(m, nn.Linear):
            macs[0] += o.numel() * m.in_features

    hs = [m.register_forward_hook(hook) for m in model.modules()]
    model.eval()
    with torch.no_grad():
        model(torch.zeros(shape))
    for h in hs:
        h.remove()
    w = sum(m.weight.numel() for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear)))
    return macs[0], w, sum(p.numel() for p in model.parameters())


def cbl(cin, cout, k):  # Darknet conv + BN + leaky
    return nn.Sequential(nn.Conv2d(cin, cout, k, 1, (k - 1) // 2, bias=False), nn.BatchNorm2d(cout), nn.LeakyReLU(0.1))


class YoloV3Tiny(nn.Module):  # cfg/yolov3-tiny.cfg, 80 classes
    def __init__(self):
        super().__init__()
        chans = [3, 16, 32, 64, 128, 256, 512]
        self.trunk = nn.ModuleList(cbl(chans[i], chans[i + 1], 3) for i in range(6))
        self.c12, self.c13, self.c14 = cbl(512, 1024, 3), cbl(1024, 256, 1), cbl(256, 512, 3)
        self.c15 = nn.Conv2d(512, 255, 1)
        self.c18, self.c21 = cbl(256, 128, 1), cbl(384, 256, 3)
        self.c22 = nn.Conv2d(256, 255, 1)

    def forward(self, x):
        for i, c in enumerate(self.trunk):
            x = c(x)
            if i == 4:
                l8 = x
            x = nn.functional.max_pool2d(x, 2, 2) if i < 5 else nn.functional.max_pool2d(nn.functional.pad(x, (0, 1, 0, 1)), 2, 1)
        l13 = self.c13(self.c12(x))
        h1 = self.c15(self.c14(l13))
        y = nn.functional.interpolate(self.c18(l13), scale_factor=2, mode="nearest")
        return h1, self.c22(self.c21(torch.cat([y, l8], 1)))


def cbr(cin, cout, k):
    return nn.Sequential(nn.Conv2d(cin, cout, k, 1, (k - 1) // 2, bias=False), nn.BatchNorm2d(cout), nn.ReLU())


class UNetSmall(nn.Module):  # workloads/zoo/zoo_dense.cpp's definition
    def __init__(self):
        super().__init__()
        w = [16, 32, 64]
        self.down = nn.ModuleList(nn.Sequential(cbr(c, o, 3), cbr(o, o, 3)) for c, o in zip([3] + w[:2], w))
        self.bottleneck = nn.Sequential(cbr(64, 128, 3), cbr(128, 128, 3))
        self.upconv = nn.ModuleList(cbr(2 * o, o, 3) for o in w)
        self.up = nn.ModuleList(nn.Sequential(cbr(2 * o, o, 3), cbr(o, o, 3)) for o in w)
        self.head = nn.Conv2d(16, 2, 1)

    def forward(self, x):
        skips = []
        for d in self.down:
            x = d(x)
            skips.append(x)
            x = nn.functional.max_pool2d(x, 2)
        x = self.bottleneck(x)
        for i in (2, 1, 0):
            x = self.upconv[i](nn.functional.interpolate(x, scale_factor=2, mode="nearest"))
            x = self.up[i](torch.cat([skips[i], x], 1))
        return self.head(x)


if __name__ == "__main__":
    for name in ["mobilenet_v2", "mobilenet_v3_small", "mobilenet_v3_large", "efficientnet_b0",
                 "shufflenet_v2_x1_0", "mnasnet1_0", "densenet121", "squeezenet1_1"]:
        print(name, *count(getattr(M, name)(), (1, 3, 224, 224)))
    print("yolov3_tiny", *count(YoloV3Tiny(), (1, 3, 416, 416)))
    print("unet_small", *count(UNetSmall(), (1, 3, 128, 128)))
