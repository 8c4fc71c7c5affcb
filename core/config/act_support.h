#pragma once
// Which activation functions a design's act/pool lanes implement (act_pool.functions). The
// generator builds only these (edgesa_fixed_act / edgesa_act_lane parameter Functions); the
// simulator and verify reject a trace using another, through act_function_unsupported().
#include <cstdint>
#include <string>

#include "config/accel_config.h"

namespace edgesa {

// "relu, relu6" -> bit 1 | bit 2 (bit c = act code c, core/numerics/activation.h); names that are
// not functions are ignored (the schema rejected them).
uint32_t act_function_mask(const std::string& functions);

// "" when the design implements `name` (or it is no function: "", "transfer", "linear");
// otherwise the broken rule, naming the config key to change.
std::string act_function_unsupported(const AccelConfig& cfg, const std::string& name);

}  // namespace edgesa
