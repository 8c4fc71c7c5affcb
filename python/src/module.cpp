// PYBIND11_MODULE(_edgesa): the extension the package python/edgesa/ wraps (docs/python.md).
#include "bindings.h"
#include "version.h"

PYBIND11_MODULE(_edgesa, m) {
    m.doc() = "edgesa: cycle-level simulation of edge DNN accelerators (docs/python.md)";
    m.attr("__version__") = EDGESA_VERSION;
    edgesa::py::bind_errors(m);
    edgesa::py::bind_config(m);
    edgesa::py::bind_trace(m);
    edgesa::py::bind_run(m);
    edgesa::py::bind_tools(m);
}

// libsystemc.so references sc_main; the module never calls it (the simulator starts the kernel
// with sc_start). Default visibility, so that the dynamic loader resolves libsystemc's reference.
extern "C" __attribute__((visibility("default"))) int sc_main(int, char**) {
    return 0;
}
