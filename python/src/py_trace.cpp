// edgesa.Trace: make (zoo, file, ONNX), inspect, save, and numpy weights in and out.
#include <fstream>
#include <sstream>

#include <pybind11/numpy.h>
#include <pybind11/stl.h>

#include "json_py.h"
#include "onnx/onnx_import.h"
#include "summary.h"
#include "trace/trace_io.h"
#include "trace/trace_tensors.h"
#include "trace_util.h"
#include "zoo/zoo.h"

namespace edgesa::py {

const Layer& find_layer(const PyTrace& t, const std::string& name, const std::string& what) {
    if (const Layer* l = t.net.find(name)) return *l;
    std::vector<std::string> names;
    for (const auto& l : t.net.layers) names.push_back(l.name);
    const std::string near = closest_match(name, names);
    throw InputError(Diagnostic{{t.label, 0, 0},
                                what,
                                name,
                                near.empty()
                                    ? "no such layer in the trace"
                                    : "no such layer in the trace (did you mean '" + near + "'?)"});
}

PyTrace derived(const PyTrace& parent, Network net, const std::string& step) {
    PyTrace t;
    t.net = std::move(net);
    t.label = parent.label + " | " + step;
    t.text = write_trace_text(t.net);
    return t;
}

namespace {

PyTrace zoo(const std::string& spec) {
    PyTrace t;
    t.net = zoo_build(spec);
    t.label = spec;
    t.text = write_trace_text(t.net);  // what `edgesa run --workload <spec>` hashes
    t.origin = PyTrace::Origin::kZoo;
    return t;
}

PyTrace load(const std::string& path) {
    PyTrace t;
    t.net = read_trace_file(path);
    std::ifstream in(path, std::ios::binary);
    std::ostringstream ss;
    ss << in.rdbuf();
    t.text = ss.str();
    t.label = path;
    t.tensors = WeightStore::from_trace(t.net, 1);
    t.carries_tensors = has_tensor_files(t.net);
    t.origin = PyTrace::Origin::kFile;
    return t;
}

PyTrace onnx(const std::string& path) {
    ImportedModel m = import_onnx(path);
    PyTrace t;
    t.net = std::move(m.net);
    for (auto& [name, wb] : m.tensors)
        t.tensors.set(name, std::move(wb.first), std::move(wb.second));
    t.carries_tensors = !m.tensors.empty();
    t.label = path;
    t.text = write_trace_text(t.net);
    return t;
}

void save(const PyTrace& t, const std::string& path) {
    if (t.carries_tensors)
        write_trace_with_tensors(path, t.net, t.tensors);
    else
        write_trace_file(path, t.net);
}

std::vector<pyb::ssize_t> weight_shape(const Layer& l) {
    if (l.type == LayerType::kFc) return {l.out.c, l.in.elements()};
    return {l.out.c, l.in.c / l.groups, l.kernel_h, l.kernel_w};
}

const Layer& weighted_layer(const PyTrace& t, const std::string& name) {
    const Layer& l = find_layer(t, name, "layer");
    if (l.type != LayerType::kConv2d && l.type != LayerType::kFc)
        throw InputError(
            Diagnostic{{t.label, 0, 0}, "layer", name, "has no weights (only conv2d and fc do)"});
    return l;
}

pyb::tuple weights(const PyTrace& t, const std::string& name) {
    const Layer& l = weighted_layer(t, name);
    const auto& w = t.tensors.weights(l);
    const auto& b = t.tensors.biases(l);
    pyb::array_t<float> wa(weight_shape(l), w.data());
    pyb::object ba = pyb::none();
    if (!b.empty()) ba = pyb::array_t<float>({pyb::ssize_t(b.size())}, b.data());
    return pyb::make_tuple(wa, ba);
}

using FloatArray = pyb::array_t<float, pyb::array::c_style | pyb::array::forcecast>;

PyTrace with_weights(const PyTrace& t, const std::string& name, const FloatArray& w,
                     const std::optional<FloatArray>& b) {
    const Layer& l = weighted_layer(t, name);
    if (w.size() != layer_weights(l))
        throw InputError(Diagnostic{{t.label, 0, 0},
                                    name + ".weights",
                                    std::to_string(w.size()) + " values",
                                    "must hold " + std::to_string(layer_weights(l)) + " values"});
    const int64_t nb = l.has_bias ? layer_biases(l) : 0;
    if ((b ? b->size() : 0) != nb)
        throw InputError(
            Diagnostic{{t.label, 0, 0},
                       name + ".biases",
                       std::to_string(b ? b->size() : 0) + " values",
                       "must hold " + std::to_string(nb) + " values (the layer's biases)"});
    PyTrace r = t;
    std::vector<float> bv;
    if (b) bv.assign(b->data(), b->data() + b->size());
    r.tensors.set(name, std::vector<float>(w.data(), w.data() + w.size()), std::move(bv));
    r.carries_tensors = true;
    r.origin = PyTrace::Origin::kMemory;
    return r;
}

}  // namespace

void bind_trace(pyb::module_& m) {
    pyb::class_<PyTrace> cls(m, "Trace",
                             "A layer trace (a network as a DAG of layers) and its tensors");
    cls.def_static("zoo", &zoo, pyb::arg("spec"),
                   "A zoo model: 'alexnet', 'mobilenet_v1:alpha=0.5,res=160'")
        .def_static("load", &load, pyb::arg("path"),
                    "Read and validate a trace file (and its .npy tensors)")
        .def_static("import_onnx", &onnx, pyb::arg("path"), "Import an ONNX model with its weights")
        .def_static("zoo_names",
                    [] {
                        std::vector<std::string> n;
                        for (const auto& z : zoo_models()) n.push_back(z.name);
                        return n;
                    })
        .def("save", &save, pyb::arg("path"),
             "Write the trace (and its tensors as .npy in PATH.tensors/)")
        .def_property(
            "label", [](const PyTrace& t) { return t.label; },
            [](PyTrace& t, const std::string& s) { t.label = s; },
            "What run reports name the workload")
        .def_property_readonly("name", [](const PyTrace& t) { return t.net.name; })
        .def_property_readonly(
            "text", [](const PyTrace& t) { return write_trace_text(t.net); },
            "The canonical trace YAML")
        .def_property_readonly("macs", [](const PyTrace& t) { return network_macs(t.net); })
        .def_property_readonly("weight_count",
                               [](const PyTrace& t) { return network_weights(t.net); })
        .def_property_readonly("layer_names",
                               [](const PyTrace& t) {
                                   std::vector<std::string> n;
                                   for (const auto& l : t.net.layers) n.push_back(l.name);
                                   return n;
                               })
        .def_property_readonly("carries_tensors",
                               [](const PyTrace& t) { return t.carries_tensors; })
        .def(
            "summary", [](const PyTrace& t) { return to_py(network_summary_json(t.net)); },
            "`edgesa trace show --json`: per-layer shapes, MACs, bytes, formats, and totals")
        .def("weights", &weights, pyb::arg("layer"),
             "(weights, biases or None) as float32 arrays: conv [K][C/groups][kh][kw], fc "
             "[units][inputs]")
        .def("with_weights", &with_weights, pyb::arg("layer"), pyb::arg("weights"),
             pyb::arg("biases") = pyb::none(), "A copy whose layer computes with these weights")
        .def("__len__", [](const PyTrace& t) { return t.net.layers.size(); })
        .def("__repr__", [](const PyTrace& t) {
            return "<edgesa.Trace " + t.label + ": " + std::to_string(t.net.layers.size()) +
                   " layers, " + std::to_string(network_macs(t.net)) + " MACs>";
        });
    bind_trace_transforms(m, cls);
}

}  // namespace edgesa::py
