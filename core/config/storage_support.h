#pragma once
// Which storage formats a design's hardware converts (storage.kinds, storage.lane_bits). The
// generator builds converter paths only for these; the simulator and verify reject a trace whose
// tensor format the design lacks, through storage_unsupported().
#include <string>
#include <vector>

#include "config/accel_config.h"
#include "numerics/storage_format.h"

namespace edgesa {

// "fp32, custom" -> {"fp32", "custom"} (spaces around the commas are ignored).
std::vector<std::string> split_storage_kinds(const std::string& kinds);
bool split_storage_kinds_has(const std::string& kinds, const std::string& kind);

// The storage kind name of a format: "fp32", "custom" or "fixed".
const char* storage_kind(const StorageFormat& f);

// "" when the design converts `f`; otherwise the broken rule, naming the config key to change.
std::string storage_unsupported(const AccelConfig& cfg, const StorageFormat& f);

}  // namespace edgesa
