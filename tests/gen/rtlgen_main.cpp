// rtlgen: the build-time generator for the equivalence tests. It calls the same library as
// `edgesa gen` but links nothing else, so verilating the units never waits on the full CLI.
// Usage: rtlgen CONFIG OUT_DIR [FAULT...]
#include <cstdio>
#include <exception>

#include "config/loader.h"
#include "generator.h"

int main(int argc, char** argv) {
    if (argc < 3) {
        std::fprintf(stderr, "usage: rtlgen CONFIG OUT_DIR [FAULT...]\n");
        return 2;
    }
    try {
        const edgesa::AccelConfig cfg = edgesa::load_config_file(argv[1]);
        edgesa::gen::GenOptions opt{argv[1], argv[2], {}, {}, {}};
        for (int i = 3; i < argc; ++i) {
            const auto f = edgesa::gen::parse_fault(argv[i]);
            if (!f) {
                std::fprintf(stderr, "rtlgen: unknown fault %s\n", argv[i]);
                return 2;
            }
            opt.faults.insert(*f);
        }
        edgesa::gen::write_design(argv[2], edgesa::gen::generate_design(cfg, opt));
    } catch (const std::exception& e) {
        std::fprintf(stderr, "%s\n", e.what());
        return 1;
    }
    return 0;
}
