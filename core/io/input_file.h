#pragma once
// The one way edgesa reads a whole input file: only regular files (not /dev/zero, a FIFO or a
// directory), at most `max_bytes`, with every failure an InputError naming the path (exit 2).
#include <cstdint>
#include <string>

#include "io/limits.h"

namespace edgesa {

// Reads `path` whole. `what` names the input in messages ("config file", "trace file", ...).
std::string read_input_file(const std::string& path, const std::string& what,
                            uint64_t max_bytes = limits::kMaxTextFileBytes);

// True when `path` names an existing regular file (follows symlinks).
bool is_regular_file(const std::string& path);

}  // namespace edgesa
