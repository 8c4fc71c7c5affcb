#include "errors.h"

#include <Python.h>

#include "bindings.h"

namespace edgesa::py {

nlohmann::json diagnostics_to_json(const std::vector<Diagnostic>& list) {
    nlohmann::json a = nlohmann::json::array();
    for (const auto& d : list)
        a.push_back({{"file", d.pos.file},
                     {"line", d.pos.line},
                     {"column", d.pos.column},
                     {"key", d.key},
                     {"value", d.value},
                     {"rule", d.rule}});
    return a;
}

InputError input_error_from_json(const nlohmann::json& a) {
    DiagnosticList list;
    for (const auto& d : a)
        list.add(
            {d.at("file").get<std::string>(), d.at("line").get<int>(), d.at("column").get<int>()},
            d.at("key").get<std::string>(), d.at("value").get<std::string>(),
            d.at("rule").get<std::string>());
    return InputError(list);
}

namespace {

PyObject* g_input_error = nullptr;  // the exception type, alive as long as the module

void raise_input_error(const InputError& e) {
    std::string msg = e.what();
    if (!msg.empty() && msg.back() == '\n') msg.pop_back();
    pyb::list diags;
    for (const auto& d : e.diagnostics()) {
        pyb::dict x;
        x["file"] = d.pos.file;
        x["line"] = d.pos.line;
        x["column"] = d.pos.column;
        x["key"] = d.key;
        x["value"] = d.value;
        x["rule"] = d.rule;
        x["text"] = d.str();
        diags.append(x);
    }
    pyb::object exc = pyb::reinterpret_borrow<pyb::object>(g_input_error)(msg);
    exc.attr("diagnostics") = diags;
    PyErr_SetObject(g_input_error, exc.ptr());
}

}  // namespace

void bind_errors(pyb::module_& m) {
    g_input_error = PyErr_NewExceptionWithDoc(
        "edgesa.InputError",
        "Bad input (config, trace, option): str() is the CLI's report, one 'file:line:col: key = "
        "value: rule' line per problem; .diagnostics lists them as dicts.",
        PyExc_ValueError, nullptr);
    m.attr("InputError") = pyb::handle(g_input_error);
    pyb::register_exception_translator([](std::exception_ptr p) {
        try {
            if (p) std::rethrow_exception(p);
        } catch (const InputError& e) {
            raise_input_error(e);
        }
    });
}

}  // namespace edgesa::py
