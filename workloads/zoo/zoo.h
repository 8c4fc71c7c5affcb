#pragma once
// The model zoo: published CNNs built layer by layer (docs/models.md lists each with its counts
// and source). A spec is a name with optional parameters: "mobilenet_v1:alpha=0.5,res=160".
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "network.h"

namespace edgesa {

// One zoo model: its name, parameters it accepts (with defaults) and where its definition comes
// from.
struct ZooModel {
    std::string name;
    std::string description;
    std::map<std::string, double> params;  // accepted parameters and their defaults
    std::function<Network(const std::map<std::string, double>&)> build;
};

const std::vector<ZooModel>& zoo_models();
// Builds the model a spec names. Unknown names and parameters are InputErrors ("did you mean").
Network zoo_build(const std::string& spec);

// Builders, one per model family (zoo_classic.cpp, zoo_modern.cpp, zoo_mobile.cpp, zoo_dense.cpp).
Network zoo_lenet5();
Network zoo_cifar10_quick();
Network zoo_nin_cifar10();
Network zoo_nin_imagenet();
Network zoo_alexnet();
Network zoo_vgg16();
Network zoo_allcnn_c();
Network zoo_squeezenet1_0();
Network zoo_googlenet();
Network zoo_resnet18();
Network zoo_resnet50();
Network zoo_resnet56();
Network zoo_mobilenet_v1(double alpha, int64_t resolution);
Network zoo_mobilenet_v2();  // zoo_mobile.cpp
Network zoo_mobilenet_v3_small();
Network zoo_mobilenet_v3_large();
Network zoo_efficientnet_b0();
Network zoo_mnasnet1_0();
Network zoo_shufflenet_v2_x1_0();
Network zoo_densenet121();    // zoo_dense.cpp
Network zoo_squeezenet1_1();  // zoo_modern.cpp
Network zoo_yolov3_tiny();
Network zoo_unet_small();

}  // namespace edgesa
