// edgesa.run: one simulation in a forked child (fork_child.h) through sim::run_workload, the
// function `edgesa run` calls; the child sends the report (the `--json` document) and, in
// functional mode, every layer's output tensor back as CBOR.
#include <cstdlib>
#include <cstring>
#include <optional>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "bindings.h"
#include "errors.h"
#include "fork_child.h"
#include "functional/value_codec.h"
#include "json_py.h"
#include "run/run_workload.h"
#include "util/hash.h"

namespace edgesa::py {

namespace {

using FloatArray = pyb::array_t<float, pyb::array::c_style | pyb::array::forcecast>;

// Functional outputs decoded from their storage codes to float32, per layer of the batched network.
nlohmann::ordered_json outputs_json(const AccelConfig& cfg, const sim::RunOutcome& o) {
    nlohmann::ordered_json out = nlohmann::ordered_json::object();
    const sim::ValueCodec codec(cfg);
    for (size_t i = 0; i < o.result.outputs.size(); ++i) {
        const Layer& L = o.batch.net.layers[i];
        std::vector<uint8_t> bytes(o.result.outputs[i].size() * sizeof(float));
        for (size_t k = 0; k < o.result.outputs[i].size(); ++k) {
            const float v = codec.decode_to_float(L.out_format, o.result.outputs[i][k]);
            std::memcpy(bytes.data() + k * sizeof v, &v, sizeof v);
        }
        out[L.name] = {{"shape", {L.out.c, L.out.h, L.out.w}},
                       {"values", nlohmann::ordered_json::binary(std::move(bytes))}};
    }
    return out;
}

// The child: run, then the result or the error as CBOR.
std::string child_run(const PyConfig& c, const PyTrace& t, const sim::RunRequest& req) {
    ::setenv("SYSTEMC_DISABLE_COPYRIGHT_MESSAGE", "1", 1);
    nlohmann::ordered_json msg;
    try {
        const sim::RunOutcome o = sim::run_workload(c.cfg, t.net, req);
        msg["ok"] = true;
        msg["report"] = o.report;
        msg["outputs"] = outputs_json(c.cfg, o);
    } catch (const InputError& e) {
        msg = {{"ok", false}, {"diagnostics", diagnostics_to_json(e.diagnostics())}};
    } catch (const std::exception& e) {
        msg = {{"ok", false}, {"error", e.what()}};
    }
    const std::vector<uint8_t> bytes = nlohmann::ordered_json::to_cbor(msg);
    return std::string(bytes.begin(), bytes.end());
}

pyb::dict run(const PyConfig& c, const PyTrace& t, const std::string& mode, int images,
              const std::optional<FloatArray>& input, uint64_t max_cycles, bool skip_idle,
              const std::string& scheduler, const std::string& vcd) {
    sim::RunRequest req;
    req.mode = mode;
    req.images = images;
    req.scheduler = scheduler;
    req.sim.max_cycles = max_cycles;
    req.sim.skip_idle = skip_idle;
    req.sim.vcd_path = vcd;
    req.workload = t.label;
    req.workload_hash = hash_hex(t.text);
    req.sim.data.weights = &t.tensors;  // the child's copy of this process's memory
    std::vector<float> in;
    if (input) {
        if (mode != "functional")
            throw InputError(
                Diagnostic{{"input", 0, 0}, "input", "", "only functional mode reads an input"});
        in.assign(input->data(), input->data() + input->size());
        req.sim.data.input = &in;
    }
    const std::string bytes = run_in_child([&] { return child_run(c, t, req); });
    const auto msg = nlohmann::ordered_json::from_cbor(bytes);
    if (!msg.at("ok").get<bool>()) {
        if (msg.contains("diagnostics")) throw input_error_from_json(msg["diagnostics"]);
        throw std::runtime_error(msg.value("error", std::string("simulation failed")));
    }
    pyb::dict r;
    r["report"] = to_py(msg["report"]);
    r["text"] = sim::run_report_text(msg["report"]);
    pyb::dict outs;
    for (auto it = msg["outputs"].begin(); it != msg["outputs"].end(); ++it) {
        const auto& shape = it.value()["shape"];
        const auto& bin = it.value()["values"].get_binary();
        FloatArray a({shape[0].get<pyb::ssize_t>(), shape[1].get<pyb::ssize_t>(),
                      shape[2].get<pyb::ssize_t>()});
        std::memcpy(a.mutable_data(), bin.data(), bin.size());
        outs[pyb::str(it.key())] = a;
    }
    r["outputs"] = outs;
    return r;
}

}  // namespace

void bind_run(pyb::module_& m) {
    using pyb::arg;
    m.def("_run", &run, arg("config"), arg("trace"), arg("mode") = "timing", arg("images") = 1,
          arg("input") = pyb::none(), arg("max_cycles") = 0, arg("skip_idle") = true,
          arg("scheduler") = "clock", arg("vcd") = "",
          "One simulation in a forked child: {'report', 'text', 'outputs'}");
}

}  // namespace edgesa::py
