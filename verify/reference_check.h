#pragma once
// The third leg of `edgesa verify --reference` (and of every random case): the SystemC model's
// functional outputs against the workloads reference inference (workloads/reference), which
// follows docs/numerics.md independently of sim/. The RTL is checked against SystemC; this checks
// that the two did not agree on something the documented rules do not say.
#include <optional>
#include <string>
#include <vector>

#include "config/accel_config.h"
#include "network.h"
#include "sc_side.h"

namespace edgesa::verify {

// The first element (in trace order of `layers`, then element order) whose SystemC stored value
// differs from the reference's bit for bit, as one line; nullopt when all agree.
std::optional<std::string> reference_difference(const Network& net, const AccelConfig& cfg,
                                                const Tensors& systemc,
                                                const std::vector<int>& layers);

}  // namespace edgesa::verify
