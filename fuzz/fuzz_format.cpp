// Fuzzes format-name parsing (compute.type, weight_format, --format, `format encode`) and, for a
// name that parses, quantization of a few values derived from the input.
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>

#include "numerics/storage_format.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    std::string why;
    const auto f = edgesa::StorageFormat::parse(text, &why);
    if (!f) {
        if (why.empty()) __builtin_trap();  // a rejection must say why
        return 0;
    }
    if (edgesa::StorageFormat::parse(f->name(), nullptr)->name() != f->name()) __builtin_trap();
    for (size_t i = 0; i + 4 <= size; i += 4) {
        float x;
        std::memcpy(&x, data + i, 4);
        (void)edgesa::quantize(*f, x, edgesa::Rounding::kTrunc);
        (void)edgesa::quantize(*f, x, edgesa::Rounding::kRne);
    }
    return 0;
}
