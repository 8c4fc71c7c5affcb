// Fuzzes the .npy reader on bytes: a tensor whose data matches its shape, or an InputError.
#include <cstddef>
#include <cstdint>
#include <string>

#include "diag/diagnostic.h"
#include "io/npy.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string bytes(reinterpret_cast<const char*>(data), size);
    try {
        const edgesa::FloatTensor t = edgesa::read_npy_bytes(bytes, "fuzz.npy");
        size_t n = 1;
        for (int64_t d : t.shape) n *= size_t(d);
        if (n != t.data.size()) __builtin_trap();
    } catch (const edgesa::InputError&) {
    }
    return 0;
}
