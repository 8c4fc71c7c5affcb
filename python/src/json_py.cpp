#include "json_py.h"

namespace edgesa::py {

namespace pyb = pybind11;

pyb::object to_py(const nlohmann::ordered_json& j) {
    using T = nlohmann::ordered_json::value_t;
    switch (j.type()) {
        case T::null:
        case T::discarded:
            return pyb::none();
        case T::boolean:
            return pyb::bool_(j.get<bool>());
        case T::number_integer:
            return pyb::int_(j.get<int64_t>());
        case T::number_unsigned:
            return pyb::int_(j.get<uint64_t>());
        case T::number_float:
            return pyb::float_(j.get<double>());
        case T::string:
            return pyb::str(j.get_ref<const std::string&>());
        case T::binary: {
            const auto& b = j.get_binary();
            return pyb::bytes(reinterpret_cast<const char*>(b.data()), b.size());
        }
        case T::array: {
            pyb::list l;
            for (const auto& x : j) l.append(to_py(x));
            return std::move(l);
        }
        case T::object: {
            pyb::dict d;
            for (auto it = j.begin(); it != j.end(); ++it)
                d[pyb::str(it.key())] = to_py(it.value());
            return std::move(d);
        }
    }
    return pyb::none();
}

}  // namespace edgesa::py
