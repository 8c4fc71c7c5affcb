#include "subprocess.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#include "io/forked_call.h"

namespace edgesa::verify {

nlohmann::json run_forked(const std::function<nlohmann::json()>& fn) {
    const std::string bytes = call_in_child([&] {
        nlohmann::json out;
        try {
            out = {{"ok", true}, {"result", fn()}};
        } catch (const std::exception& e) {
            out = {{"ok", false}, {"error", e.what()}};
        }
        return out.dump();
    });
    const nlohmann::json j = nlohmann::json::parse(bytes, nullptr, false);
    if (j.is_discarded() || !j.is_object())
        throw std::runtime_error("the child process sent a result that is not JSON");
    if (!j.value("ok", false))
        throw std::runtime_error(j.value("error", std::string("child failed")));
    return j["result"];
}

std::string tail_file(const std::string& path, int lines) {
    std::ifstream in(path);
    std::vector<std::string> all;
    for (std::string l; std::getline(in, l);) all.push_back(l);
    std::ostringstream os;
    for (size_t i = all.size() > size_t(lines) ? all.size() - size_t(lines) : 0; i < all.size();
         ++i)
        os << all[i] << "\n";
    return os.str();
}

}  // namespace edgesa::verify
