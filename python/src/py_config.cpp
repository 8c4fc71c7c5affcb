// edgesa.Config: load (file or dict), validate, override (`--set`), inspect.
#include <fstream>
#include <sstream>

#include <pybind11/stl.h>

#include "bindings.h"
#include "config/loader.h"
#include "diag/diagnostic.h"
#include "json_py.h"

namespace edgesa::py {

namespace {

PyConfig load_path(const std::string& path) {
    PyConfig c;
    c.cfg = load_config_file(path);  // the CLI's path: diagnostics and "cannot open" as `--config`
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    c.text = ss.str();
    c.file = path;
    return c;
}

// A dict has no lines: its diagnostics name "<dict>" and the key, without a position in the YAML
// text made from it.
PyConfig load_dict(const pyb::dict& d) {
    PyConfig c;
    c.text = pyb::str(pyb::module_::import("json").attr("dumps")(d, pyb::arg("indent") = 1));
    c.file = "<dict>";
    try {
        c.cfg = load_config_text(c.text, c.file);
    } catch (const InputError& e) {
        DiagnosticList list;
        for (Diagnostic x : e.diagnostics()) {
            if (x.pos.file == c.file) x.pos.line = x.pos.column = 0;
            list.add(x);
        }
        throw InputError(list);
    }
    return c;
}

// `--set` as keyword arguments: "array__rows" or "array.rows" (via **{...}); True/False become
// true/false, everything else its str().
std::string override_value(const pyb::handle& v) {
    if (pyb::isinstance<pyb::bool_>(v)) return v.cast<bool>() ? "true" : "false";
    return pyb::str(v);
}

PyConfig with_overrides(const PyConfig& base, const pyb::kwargs& kw) {
    PyConfig c = base;
    for (const auto& [k, v] : kw) {
        std::string key = pyb::str(k);
        for (size_t p; (p = key.find("__")) != std::string::npos;) key.replace(p, 2, ".");
        c.overrides.emplace_back(key, override_value(v));
    }
    c.cfg = load_config_text(c.text, c.file, c.overrides);
    return c;
}

}  // namespace

void bind_config(pyb::module_& m) {
    pyb::class_<PyConfig>(m, "Config",
                          "A validated accelerator config (the YAML `edgesa config check` reads)")
        .def_static("load", &load_path, pyb::arg("path"),
                    "Load and validate a YAML config; bad input raises edgesa.InputError")
        .def_static("from_dict", &load_dict, pyb::arg("d"),
                    "Validate a config given as nested dicts ({'array': {'rows': 8, ...}, ...})")
        .def("with_", &with_overrides,
             "A copy with `--set` overrides: with_(array__rows=8) or with_(**{'array.rows': 8})")
        .def_property_readonly("hash", [](const PyConfig& c) { return c.cfg.derived.hash; })
        .def_property_readonly("source", [](const PyConfig& c) { return c.file; })
        .def_property_readonly("overrides", [](const PyConfig& c) { return c.overrides; })
        .def_property_readonly(
            "yaml", [](const PyConfig& c) { return config_to_yaml(c.cfg); },
            "The resolved config as YAML (every key, then the derived values)")
        .def(
            "to_dict", [](const PyConfig& c) { return to_py(config_to_json(c.cfg)); },
            "The resolved config as `edgesa config check --json` prints it")
        .def("__repr__", [](const PyConfig& c) {
            std::string s = "<edgesa.Config " + c.file + " hash " + c.cfg.derived.hash;
            for (const auto& [k, v] : c.overrides) s += " " + k + "=" + v;
            return s + ">";
        });
}

}  // namespace edgesa::py
