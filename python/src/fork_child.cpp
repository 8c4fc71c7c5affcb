#include "fork_child.h"

#include <stdexcept>

#include <pybind11/pybind11.h>

#include "io/forked_call.h"

namespace edgesa::py {

std::string run_in_child(const std::function<std::string()>& child) {
    bool interrupted = false;
    std::string out;
    try {
        pybind11::gil_scoped_release nogil;  // other Python threads run while the child works
        out = call_in_child(child, [&] {
            pybind11::gil_scoped_acquire gil;
            interrupted = PyErr_CheckSignals() != 0;  // Ctrl-C: kill the child, raise
            return !interrupted;
        });
    } catch (const ForkedCallCancelled&) {
    } catch (const std::runtime_error& e) {
        if (PyErr_CheckSignals() != 0) throw pybind11::error_already_set();
        throw std::runtime_error(std::string("edgesa: simulation failed: ") + e.what());
    }
    if (interrupted || PyErr_CheckSignals() != 0) throw pybind11::error_already_set();
    if (out.empty())
        throw std::runtime_error(
            "edgesa: the simulation's child process ended without a result (exit status 0)");
    return out;
}

}  // namespace edgesa::py
