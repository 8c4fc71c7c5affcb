// Functional proof: imported PyTorch exports run through the fp32 reference give PyTorch's output.
#include <catch2/catch.hpp>

#include <cmath>

#include "../run_cli.h"
#include "io/npy.h"
#include "onnx/onnx_import.h"
#include "reference/reference.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {
// |edgesa - torch| <= kAbs + kRel * |torch| per value (docs/trace-format.md, "Functional proof"):
// both compute in fp32 but in different orders (edgesa's adder tree, folded batch norms).
constexpr double kAbs = 1e-5, kRel = 1e-4;

double worst_error(const std::string& stem) {
    const std::string base = source_dir() + "/tests/data/onnx/" + stem;
    const ImportedModel m = import_onnx(base + ".onnx");
    WeightStore ws;
    for (const auto& [name, t] : m.tensors) ws.set(name, t.first, t.second);
    const std::vector<float> x = read_npy(base + ".input.npy").data;
    const std::vector<float> want = read_npy(base + ".expected.npy").data;
    // PyTorch computes the true functions; the hardware's sigmoid/tanh tables differ by up to
    // 6e-3 (docs/numerics.md, "Activations"), so this proof of the importer uses the exact ones.
    ReferenceOptions o;
    o.exact_activations = true;
    const auto out = run_reference(m.net, x, ws, o);
    const std::vector<float>& got = out.at(m.net.layers.back().name);
    REQUIRE(got.size() == want.size());
    double worst = 0;
    for (size_t i = 0; i < got.size(); ++i) {
        const double err = std::fabs(double(got[i]) - double(want[i]));
        worst = std::max(worst, err / (kAbs + kRel * std::fabs(double(want[i]))));
    }
    return worst;  // <= 1 within tolerance
}
}  // namespace

TEST_CASE("imported PyTorch exports reproduce PyTorch's output within the fp32 tolerance",
          "[golden][workloads]") {
    // fixtures from scripts/make_torch_fixtures.py (torch.onnx.export, opset 13)
    for (const char* stem : {"torch_mobile", "torch_shuffle", "torch_dense"}) {
        INFO(stem);
        CHECK(worst_error(stem) <= 1.0);
    }
}
