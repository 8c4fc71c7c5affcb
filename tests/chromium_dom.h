#pragma once
// Renders a local HTML page in headless Chromium and returns the DOM after the page's scripts
// ran (Debian's `chromium`, scripts/setup.sh). Used by the sweep and run report tests.
#include <cstdlib>
#include <string>

#include "run_cli.h"

namespace edgesa::test {

inline std::string chromium_dom(const std::string& html, const std::string& profile_dir) {
    const std::string out = profile_dir + ".dom";
    const std::string cmd =
        "timeout 120 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
        "--disable-background-networking --disable-component-update --disable-sync "
        "--user-data-dir=" +
        profile_dir + " --virtual-time-budget=5000 --dump-dom file://" + html + " >" + out +
        " 2>/dev/null";
    std::system(cmd.c_str());
    return slurp_file(out);
}

}  // namespace edgesa::test
