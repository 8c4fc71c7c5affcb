// The trace transforms (docs/transforms.md) as Trace methods, each returning a new Trace. Same
// library calls as `edgesa trace prune|sparsify|split|scale|compress|tucker`; tensors are carried
// through prune, model-parallel split and Tucker exactly when the CLI writes them.
#include <pybind11/stl.h>

#include "json_py.h"
#include "trace_util.h"
#include "transforms/transforms.h"

namespace edgesa::py {

namespace {

// {"layer1.*.conv1": 0.7} or ["layer1.*.conv1=0.7"]: the CLI's SELECTOR=VALUE rules.
std::vector<LayerRule> rules_of(const pyb::object& o, const std::string& option) {
    std::vector<LayerRule> r;
    if (pyb::isinstance<pyb::dict>(o)) {
        for (const auto& [k, v] : o.cast<pyb::dict>())
            r.push_back(parse_layer_rule(std::string(pyb::str(k)) + "=" + std::string(pyb::str(v)),
                                         option));
    } else if (pyb::isinstance<pyb::str>(o)) {
        r.push_back(parse_layer_rule(o.cast<std::string>(), option));
    } else {
        for (const auto& x : o) r.push_back(parse_layer_rule(pyb::str(x), option));
    }
    return r;
}

// A transform that may carry tensors: the result keeps them when the source has some or the
// caller asks (`--tensors`), else it computes with seeded synthetic weights.
template <class F>
PyTrace carrying(const PyTrace& t, bool want, const std::string& step, F&& fn) {
    WeightStore out(1);
    const bool carry = want || t.carries_tensors;
    PyTrace r = derived(t, fn(carry ? &out : nullptr), step);
    if (carry) {
        r.tensors = std::move(out);
        r.carries_tensors = true;
    }
    return r;
}

PyTrace prune(const PyTrace& t, const pyb::object& ratio) {
    const auto rules = rules_of(ratio, "ratio");
    return carrying(t, false, "prune",
                    [&](WeightStore* out) { return prune_filters(t.net, t.tensors, rules, out); });
}

PyTrace sparsify_(const PyTrace& t, const pyb::object& density) {
    PyTrace r = derived(t, sparsify(t.net, rules_of(density, "density")), "sparsify");
    r.tensors = t.tensors;  // same shapes: the same weights
    r.carries_tensors = t.carries_tensors;
    return r;
}

PyTrace lcp(const PyTrace& t, int branches, double fatten, int devices) {
    return derived(t, split_lcp(t.net, branches, fatten, devices),
                   "split_lcp(" + std::to_string(branches) + ")");
}

PyTrace model_parallel(const PyTrace& t, int devices, const std::string& conv_mode,
                       const std::string& fc_mode, const std::string& layers, bool tensors) {
    ModelParallelOptions o;
    o.devices = devices;
    const SourcePos py{"<python>", 0, 0};
    if (!parse_conv_split(conv_mode, &o.conv))
        throw InputError(Diagnostic{py, "conv_mode", conv_mode, "must be out, in or spatial"});
    if (!parse_fc_split(fc_mode, &o.fc))
        throw InputError(Diagnostic{py, "fc_mode", fc_mode, "must be out or in"});
    o.layers = layers;
    return carrying(
        t, tensors, "split_model_parallel(" + std::to_string(devices) + ")",
        [&](WeightStore* out) { return split_model_parallel(t.net, t.tensors, o, out); });
}

PyTrace tucker_(const PyTrace& t, double rank_in, double rank_out, const std::string& layers,
                bool tensors) {
    TuckerOptions o;
    o.rank_in = rank_in;
    o.rank_out = rank_out;
    o.layers = layers;
    return carrying(t, tensors, "tucker",
                    [&](WeightStore* out) { return tucker(t.net, t.tensors, o, out); });
}

PyTrace scale(const PyTrace& t, double alpha, int64_t res) {
    return derived(t, scale_network(t.net, alpha, res), "scale");
}

// Returns (trace, per-layer rows as `edgesa trace compress` prints them).
pyb::tuple compress_(const PyTrace& t, const std::optional<std::string>& format, double coverage,
                     int mantissa, int samples, uint64_t seed, bool weights, bool activations) {
    CompressOptions o;
    if (format) {
        std::string why;
        o.format = StorageFormat::parse(*format, &why);
        if (!o.format) throw InputError(Diagnostic{{"<python>", 0, 0}, "format", *format, why});
    }
    o.coverage = coverage;
    o.mantissa = mantissa;
    o.samples = samples;
    o.seed = seed;
    o.weights = weights;
    o.activations = activations;
    std::vector<CompressRow> rows;
    PyTrace r = derived(t, compress(t.net, t.tensors, o, &rows), "compress");
    r.tensors = t.tensors;  // formats change, values do not
    r.carries_tensors = t.carries_tensors;
    pyb::list table;
    for (const auto& x : rows) {
        pyb::dict d;
        d["layer"] = x.layer;
        d["weight_format"] = x.weight_format;
        d["out_format"] = x.out_format;
        d["weight_bytes_before"] = x.weight_bytes_before;
        d["weight_bytes_after"] = x.weight_bytes_after;
        d["out_bytes_before"] = x.out_bytes_before;
        d["out_bytes_after"] = x.out_bytes_after;
        table.append(d);
    }
    return pyb::make_tuple(r, table);
}

}  // namespace

void bind_trace_transforms(pyb::module_&, pyb::class_<PyTrace>& cls) {
    using pyb::arg;
    cls.def("prune", &prune, arg("ratio"),
            "L1 filter pruning: ratio {'layer1.*.conv1': 0.7, ...} (or 'SEL=R' strings)")
        .def("sparsify", &sparsify_, arg("density"),
             "Unstructured pruning: density {'fc*': 0.1, ...}")
        .def("split_lcp", &lcp, arg("branches"), arg("fatten") = 0.0, arg("devices") = 0,
             "LCP split into N narrow branches (branch b on device b mod devices)")
        .def("split_model_parallel", &model_parallel, arg("devices"), arg("conv_mode") = "out",
             arg("fc_mode") = "out", arg("layers") = "", arg("tensors") = false,
             "Model-parallel split over N devices (run with system__devices=N)")
        .def("tucker", &tucker_, arg("rank_in"), arg("rank_out"), arg("layers") = "",
             arg("tensors") = false, "Tucker-2: each k x k conv -> 1x1, k x k, 1x1")
        .def("scale", &scale, arg("alpha") = 1.0, arg("res") = 0,
             "MobileNet-style width and resolution")
        .def("compress_report", &compress_, arg("format") = pyb::none(), arg("coverage") = 0.995,
             arg("mantissa") = 3, arg("samples") = 1, arg("seed") = 1, arg("weights") = true,
             arg("activations") = true, "compress() and the per-layer byte table")
        .def(
            "compress",
            [](const PyTrace& t, const std::optional<std::string>& format, double coverage,
               int mantissa, int samples, uint64_t seed, bool weights, bool activations) {
                const pyb::tuple r =
                    compress_(t, format, coverage, mantissa, samples, seed, weights, activations);
                return pyb::object(r[0]);
            },
            arg("format") = pyb::none(), arg("coverage") = 0.995, arg("mantissa") = 3,
            arg("samples") = 1, arg("seed") = 1, arg("weights") = true, arg("activations") = true,
            "Storage formats: one `format` for all tensors, or chosen per tensor at `coverage`");
}

}  // namespace edgesa::py
