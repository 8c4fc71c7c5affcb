#pragma once
// Helpers shared by the sweep tests: paths of test data and spec-parsing shortcuts.
#include <string>

#include "../run_cli.h"
#include "diag/diagnostic.h"
#include "spec/sweep_spec.h"

namespace edgesa::test {

inline std::string sweep_data(const std::string& name) {
    return source_dir() + "/tests/sweep/data/" + name;
}
inline std::string fake_worker() {
    return source_dir() + "/tests/sweep/fake_worker.sh";
}

// Parses `yaml` as if it were a file in tests/sweep/data (so relative paths resolve there) and
// returns the error report, or "" when the spec is valid.
inline std::string spec_errors(const std::string& yaml) {
    try {
        sweep::parse_sweep_spec_text(yaml, sweep_data("inline.yaml"));
    } catch (const InputError& e) {
        return e.what();
    }
    return "";
}

// A fresh empty folder under /tmp.
inline std::string fresh_dir(const std::string& tag) {
    static int n = 0;
    const std::string d =
        "/tmp/edgesa_sweep_test_" + std::to_string(::getpid()) + "_" + tag + std::to_string(n++);
    std::system(("rm -rf " + d + " && mkdir -p " + d).c_str());
    return d;
}

}  // namespace edgesa::test
