#pragma once
// Minimal reader and writer for NumPy .npy files holding little-endian float32 ('<f4') in C order,
// and for headerless raw float32 files. Errors are InputError diagnostics naming the file.
#include <cstdint>
#include <string>
#include <vector>

namespace edgesa {

struct FloatTensor {
    std::vector<int64_t> shape;
    std::vector<float> data;
};

// Reads a .npy file (by magic) or, failing the magic, a raw little-endian float32 file.
FloatTensor read_float_tensor(const std::string& path);
FloatTensor read_npy(const std::string& path);
// The same from bytes already in memory; `path` only names them in errors (used by the fuzzer).
FloatTensor read_npy_bytes(const std::string& bytes, const std::string& path);
// Writes atomically: to path + ".tmp", then renames, so a failed run leaves no partial file.
void write_npy(const std::string& path, const FloatTensor& t);

}  // namespace edgesa
