#pragma once
// Writes whole files atomically (temp file + rename) so no reader ever sees half an output.
#include <string>

namespace edgesa {

// Writes `contents` to `path` via `path`.tmp.<pid> and rename(2). Throws std::runtime_error
// naming the path on failure and removes the temporary file.
void write_file_atomic(const std::string& path, const std::string& contents);

}  // namespace edgesa
