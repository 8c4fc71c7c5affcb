#pragma once
// A batch of images run back to back on the same devices (`edgesa run --images N`): the
// network's layers repeated N times in trace order. Image 1 keeps the layer names; image k >= 2
// names its copies "img<k>/<name>" and reads its own copies' outputs (the network input is the
// same tensor). Each copy records the layer whose weights it uses, so the program builder can
// keep weight blocks resident from one image to the next (docs/architecture.md, "Residency").
#include <vector>

#include "network.h"

namespace edgesa::sim {

// The batched network and, per layer, its image (0-based) and the image-1 layer it copies.
struct BatchedNetwork {
    Network net;
    std::vector<int> image;
    std::vector<int> source;
};

// images >= 1; images == 1 returns the network unchanged.
BatchedNetwork batch_images(const Network& net, int images);

}  // namespace edgesa::sim
