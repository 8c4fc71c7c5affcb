#include "zoo/zoo.h"

#include <cmath>
#include <sstream>

#include <fmt/format.h>

#include "diag/diagnostic.h"

namespace edgesa {

const std::vector<ZooModel>& zoo_models() {
    using P = std::map<std::string, double>;
    auto fixed = [](Network (*f)()) { return [f](const P&) { return f(); }; };
    static const std::vector<ZooModel> models = {
        {"lenet5",
         "LeNet-5 (LeCun 1998, 6/16/120/84/10, max pooling), MNIST 1x32x32",
         {},
         fixed(zoo_lenet5)},
        {"cifar10_quick",
         "CIFAR-10 ConvNet (Caffe examples/cifar10 cifar10_quick), 3x32x32",
         {},
         fixed(zoo_cifar10_quick)},
        {"nin_cifar10",
         "Network in Network for CIFAR-10 (Lin et al. 2014, Caffe model zoo)",
         {},
         fixed(zoo_nin_cifar10)},
        {"nin_imagenet",
         "Network in Network for ImageNet (Caffe model zoo), 3x224x224",
         {},
         fixed(zoo_nin_imagenet)},
        {"alexnet",
         "AlexNet, Caffe bvlc_alexnet (227x227, grouped conv2/4/5, no LRN)",
         {},
         fixed(zoo_alexnet)},
        {"squeezenet1_0",
         "SqueezeNet 1.0 (Iandola et al. 2016), 3x227x227",
         {},
         fixed(zoo_squeezenet1_0)},
        {"googlenet",
         "GoogLeNet / Inception v1, Caffe bvlc_googlenet without auxiliary heads, no LRN",
         {},
         fixed(zoo_googlenet)},
        {"resnet18",
         "ResNet-18 (He et al. 2016, torchvision layout, BN folded), 3x224x224",
         {},
         fixed(zoo_resnet18)},
        {"resnet50",
         "ResNet-50 (torchvision v1.5 layout, BN folded), 3x224x224",
         {},
         fixed(zoo_resnet50)},
        {"resnet56",
         "ResNet-56 for CIFAR-10 with 1x1 projection shortcuts (Distiller resnet56_cifar)",
         {},
         fixed(zoo_resnet56)},
        {"vgg16",
         "VGG-16 (Simonyan & Zisserman 2015, configuration D), 3x224x224",
         {},
         fixed(zoo_vgg16)},
        {"mobilenet_v1",
         "MobileNet v1 (Howard et al. 2017), width multiplier alpha, resolution res",
         {{"alpha", 1.0}, {"res", 224}},
         [](const P& p) { return zoo_mobilenet_v1(p.at("alpha"), int64_t(p.at("res"))); }},
        {"allcnn_c",
         "ALL-CNN-C (Springenberg et al. 2015, same padding), CIFAR-10",
         {},
         fixed(zoo_allcnn_c)},
        {"mobilenet_v2",
         "MobileNet v2 (Sandler et al. 2018, torchvision), 3x224x224",
         {},
         fixed(zoo_mobilenet_v2)},
        {"mobilenet_v3_small",
         "MobileNet v3 small (Howard et al. 2019, torchvision), 3x224x224",
         {},
         fixed(zoo_mobilenet_v3_small)},
        {"mobilenet_v3_large",
         "MobileNet v3 large (Howard et al. 2019, torchvision), 3x224x224",
         {},
         fixed(zoo_mobilenet_v3_large)},
        {"efficientnet_b0",
         "EfficientNet-B0 (Tan & Le 2019, torchvision), 3x224x224",
         {},
         fixed(zoo_efficientnet_b0)},
        {"shufflenet_v2_x1_0",
         "ShuffleNet v2 x1.0 (Ma et al. 2018, torchvision), 3x224x224",
         {},
         fixed(zoo_shufflenet_v2_x1_0)},
        {"mnasnet1_0",
         "MnasNet 1.0 (Tan et al. 2019, torchvision), 3x224x224",
         {},
         fixed(zoo_mnasnet1_0)},
        {"densenet121",
         "DenseNet-121 (Huang et al. 2017, torchvision; pre-activation BN as scale_shift)",
         {},
         fixed(zoo_densenet121)},
        {"squeezenet1_1", "SqueezeNet 1.1 (torchvision), 3x224x224", {}, fixed(zoo_squeezenet1_1)},
        {"yolov3_tiny",
         "YOLOv3-tiny (Darknet cfg/yolov3-tiny.cfg, 416x416, 80 classes), two heads",
         {},
         fixed(zoo_yolov3_tiny)},
        {"unet_small",
         "A small U-Net (widths 16-32-64-128, nearest upsampling), 3x128x128, 2 classes",
         {},
         fixed(zoo_unet_small)},
    };
    return models;
}

Network zoo_build(const std::string& spec) {
    const SourcePos where{"<command line>", 0, 0};
    const size_t colon = spec.find(':');
    const std::string name = spec.substr(0, colon);
    std::vector<std::string> names;
    const ZooModel* model = nullptr;
    for (const auto& m : zoo_models()) {
        names.push_back(m.name);
        if (m.name == name) model = &m;
    }
    if (!model) {
        std::string rule = "unknown zoo model (see `edgesa trace zoo --list`)";
        const std::string near = closest_match(name, names);
        if (!near.empty()) rule += fmt::format("; did you mean '{}'?", near);
        throw InputError(Diagnostic{where, "NAME", name, rule});
    }
    std::map<std::string, double> params = model->params;
    if (colon != std::string::npos) {
        std::stringstream ss(spec.substr(colon + 1));
        std::string item;
        while (std::getline(ss, item, ',')) {
            const size_t eq = item.find('=');
            const std::string key = item.substr(0, eq);
            if (eq == std::string::npos || !params.count(key)) {
                std::string accepted;
                for (const auto& [k, v] : model->params)
                    accepted += (accepted.empty() ? "" : ", ") + k;
                throw InputError(Diagnostic{
                    where, name, item,
                    accepted.empty() ? "this model takes no parameters"
                                     : "parameters are key=value with key one of " + accepted});
            }
            const std::string text = item.substr(eq + 1);
            char* end = nullptr;
            const double v = std::strtod(text.c_str(), &end);
            if (text.empty() || *end != '\0' || !std::isfinite(v))
                throw InputError(Diagnostic{where, name + "." + key, text, "must be a number"});
            params[key] = v;
        }
    }
    if (model->name == "mobilenet_v1") {
        const double a = params["alpha"], r = params["res"];
        if (!(a > 0 && a <= 4))
            throw InputError(
                Diagnostic{where, "mobilenet_v1.alpha", fmt::format("{}", a), "must be in (0, 4]"});
        if (r != std::floor(r) || r < 32 || r > 4096)
            throw InputError(Diagnostic{where, "mobilenet_v1.res", fmt::format("{}", r),
                                        "must be an integer resolution in 32..4096"});
    }
    return model->build(params);
}

}  // namespace edgesa
