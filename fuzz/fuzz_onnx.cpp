// Skeleton harness for the ONNX importer (issue 16 owns its fixes): the bytes are written to a
// file and imported through the public entry point; an InputError is the only allowed failure.
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <string>

#include "diag/diagnostic.h"
#include "onnx/onnx_import.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    static const std::string path = "/tmp/edgesa_fuzz_onnx." + std::to_string(::getpid()) + ".onnx";
    std::FILE* f = std::fopen(path.c_str(), "wb");
    if (!f) return 0;
    std::fwrite(data, 1, size, f);
    std::fclose(f);
    try {
        (void)edgesa::import_onnx(path);
    } catch (const edgesa::InputError&) {
    }
    return 0;
}
