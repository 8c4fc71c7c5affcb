// Fuzzes the config reader: any text must give a config or an InputError, nothing else.
#include <cstddef>
#include <cstdint>
#include <string>

#include "config/loader.h"
#include "diag/diagnostic.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string text(reinterpret_cast<const char*>(data), size);
    try {
        const edgesa::AccelConfig c = edgesa::load_config_text(text, "fuzz.yaml");
        // The resolved config must read back (the fp32 round trip of issue 17).
        std::string yaml = edgesa::config_to_yaml(c);
        yaml = yaml.substr(0, yaml.find("\nderived:") + 1);
        (void)edgesa::load_config_text(yaml, "resolved.yaml");
    } catch (const edgesa::InputError& e) {
        // One line per problem, and a problem reached through many aliases is one problem: the
        // lines grow with the input's bytes, not with its alias expansion (`a: &a [*a, *a]` once
        // gave a million). 256: problems of the schema itself, e.g. every required key missing.
        if (e.diagnostics().size() > 4 * size + 256) __builtin_trap();
    }
    return 0;
}
