#include "command.h"

#include <algorithm>
#include <vector>

namespace edgesa {
namespace {
struct Entry {
    std::string name;
    int order;
    CommandSetup setup;
};
std::vector<Entry>& registry() {
    static std::vector<Entry> r;
    return r;
}
}  // namespace

bool register_command(const std::string& name, int order, CommandSetup setup) {
    registry().push_back({name, order, std::move(setup)});
    return true;
}

void setup_all_commands(CLI::App& root) {
    auto& r = registry();
    std::stable_sort(r.begin(), r.end(), [](const Entry& a, const Entry& b) {
        return a.order != b.order ? a.order < b.order : a.name < b.name;
    });
    for (auto& e : r) e.setup(root);
}

}  // namespace edgesa
