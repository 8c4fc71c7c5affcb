#include "program/batch.h"

#include <string>

namespace edgesa::sim {

BatchedNetwork batch_images(const Network& net, int images) {
    BatchedNetwork b;
    b.net = net;
    b.net.layers.clear();
    for (int k = 0; k < images; ++k) {
        const std::string prefix = k == 0 ? "" : "img" + std::to_string(k + 1) + "/";
        for (size_t i = 0; i < net.layers.size(); ++i) {
            Layer l = net.layers[i];
            l.name = prefix + l.name;
            for (auto& in : l.inputs)
                if (in != "input") in = prefix + in;
            b.net.layers.push_back(std::move(l));
            b.image.push_back(k);
            b.source.push_back(int(i));
        }
    }
    return b;
}

}  // namespace edgesa::sim
