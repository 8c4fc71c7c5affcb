// edgesa.verify (the RTL against the SystemC model, through verify::run_verify as `edgesa verify`)
// and the sweep database as `edgesa sweep export` reads it.
#include <cstdlib>
#include <filesystem>
#include <fstream>

#include <pybind11/stl.h>

#include "bindings.h"
#include "io/atomic_file.h"
#include "json_py.h"
#include "store/csv_export.h"
#include "trace/trace_io.h"
#include "trace/trace_tensors.h"
#include "verify_run.h"

namespace edgesa::py {

namespace fs = std::filesystem;

namespace {

// `edgesa verify` reads a config and a workload by name: the config's own file (or its text
// written to the work directory) with its overrides, the zoo spec or trace path, or the trace
// written with its tensors.
pyb::object verify(const PyConfig& c, const PyTrace& t,
                   const std::optional<std::vector<std::string>>& layers,
                   const std::string& cache_dir, const std::string& work_dir) {
    verify::VerifyOptions o;
    o.cache_dir = cache_dir;
    if (work_dir.empty()) {
        const char* tmp = std::getenv("TMPDIR");
        std::string tpl = (fs::path(tmp && *tmp ? tmp : "/tmp") / "edgesa-verify-XXXXXX").string();
        if (!::mkdtemp(tpl.data()))
            throw std::runtime_error("cannot create a work directory " + tpl);
        o.work_dir = tpl;
    } else {
        fs::create_directories(work_dir);
        o.work_dir = work_dir;
    }
    o.config = c.file;
    if (c.file == "<dict>" || !fs::exists(c.file)) {
        o.config = (fs::path(o.work_dir) / "config.yaml").string();
        write_file_atomic(o.config, c.text);
    }
    for (const auto& [k, v] : c.overrides) o.overrides.push_back(k + "=" + v);
    o.workload = t.label;
    if (t.origin == PyTrace::Origin::kMemory) {
        o.workload = (fs::path(o.work_dir) / "trace.yaml").string();
        if (t.carries_tensors)
            write_trace_with_tensors(o.workload, t.net, t.tensors);
        else
            write_trace_file(o.workload, t.net);
    }
    if (layers) o.layers = *layers;
    o.json_out = (fs::path(o.work_dir) / "verify.json").string();
    bool match;
    {
        pyb::gil_scoped_release nogil;  // SystemC runs in forked children, the RTL in a runner
        match = verify::run_verify(o);
    }
    std::ifstream in(o.json_out);
    const auto report = nlohmann::ordered_json::parse(in);
    pyb::dict r = to_py(report).cast<pyb::dict>();
    r["match"] = match;
    return std::move(r);
}

}  // namespace

void bind_tools(pyb::module_& m) {
    using pyb::arg;
    m.def("verify", &verify, arg("config"), arg("trace"), arg("layers") = pyb::none(),
          arg("cache_dir") = "", arg("work_dir") = "",
          "`edgesa verify`: the generated RTL in Verilator against the SystemC model; the --json "
          "report as a dict with 'match'");
    m.def("_sweep_csv", &sweep::export_csv, arg("db"),
          "`edgesa sweep export --csv` of a results database");
}

}  // namespace edgesa::py
