#pragma once
// The layer program builder: turns a Network into per-layer block images (headers + packed
// payload sizes) following the tiling and loop order of docs/architecture.md. Plain C++, no
// SystemC, so the Verilator testbench replays exactly the same image.
#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "config/accel_config.h"
#include "network.h"
#include "program/block_header.h"

namespace edgesa::sim {

// Which tensor a byte of the image belongs to (for the per-tensor byte report).
enum class Tensor : uint8_t { kHeaders = 0, kWeights, kBiases, kInputs, kOutputs, kCount };
const char* to_string(Tensor t);

// One block of a layer image, with the header and the mapping facts the units need.
struct Block {
    BlockHeader header;
    Tensor tensor = Tensor::kHeaders;  // what the payload holds
    uint32_t values_per_vector = 0;    // width (stream, weight) or up to width (pass)
    uint32_t last_vector_values = 0;   // values in the final vector (= values_per_vector)
    uint8_t bits = 32;                 // storage bits per payload value
    uint16_t format_id = 0;            // index into Program::formats (constant reloads)
    uint64_t payload_bytes = 0;        // packed payload (header excluded)
    int32_t group = 0, kb = 0, rb = 0;
    int64_t n0 = 0;             // stream: first column; pass: first output element
    int32_t pass_input = -1;    // pass: -1 window-gathered (all inputs), else that input
    uint32_t issues = 1;        // stream: G issues per vector
    bool tile_last = false;     // stream: last chunk of an n-tile; drain follows
    uint64_t drain_values = 0;  // stream with tile_last: valid accumulator entries
    uint64_t valid_macs = 0;    // stream: real (unpadded) MACs of this block
    uint64_t bytes() const { return kHeaderBytes + payload_bytes; }
};

enum class LayerKind { kGemm, kPass, kHost, kNoop };

// Everything the units need to run one layer, plus its byte accounting.
struct LayerProgram {
    int layer = 0;  // index in Network::layers
    std::string name;
    LayerType type = LayerType::kConv2d;
    LayerKind kind = LayerKind::kNoop;
    int device = 0;
    int branch = -1;
    int image = 0;            // batch image (0-based; `edgesa run --images`)
    int weight_source = 0;    // the layer whose weights this one uses (itself unless batched)
    std::vector<int> inputs;  // producer layer indices; -1 = the network input
    std::vector<Block> blocks;
    uint64_t image_bytes = 0;

    // GEMM geometry (kind == kGemm)
    int64_t groups = 1, K = 0, R = 0, N = 0, KB = 0, RB = 0, G = 0, L = 0;
    bool resident_all = false;
    int64_t slot_base = 0;  // resident_all: block (kb, rb) lives in slot base + kb * RB + rb
    uint64_t weight_fills = 0, weight_fills_skipped = 0, weight_blocks = 0;

    // pass layers: values in and out of the act/pool unit. The image is window-gathered
    // (docs/architecture.md, "Pass layers"): for each group of up to `width` consecutive output
    // elements, `pool_count` vectors (value j of every window of the group), folded by the act/pool
    // lanes into one output vector.
    uint64_t pass_in_values = 0;
    uint32_t pool_count = 1;  // window size (pooling), inputs (add), 1 (activation)
    uint64_t out_values = 0;
    int out_bits = 32;
    uint64_t macs = 0;  // layer_macs (dense)

    // bytes per tensor as stored, and the same tensors at fp32 (for the compression saving)
    std::array<uint64_t, size_t(Tensor::kCount)> bytes{};
    std::array<uint64_t, size_t(Tensor::kCount)> fp32_bytes{};
};

// The layer programs of a whole network, in trace order.
struct Program {
    std::vector<LayerProgram> layers;  // same order as Network::layers
    std::vector<std::string> formats;  // storage format names seen, by format_id
    uint16_t format_id(const std::string& name);
    // Builds the program; bad traces (device out of range, shapes the array cannot map) throw
    // InputError naming the trace line, layer, value and rule.
    // `weight_source` (batches, program/batch.h): per layer, the layer whose weights it uses;
    // empty means every layer uses its own. `image`: per layer, its batch image.
    static Program build(const Network& net, const AccelConfig& cfg,
                         const std::vector<int>& weight_source = {},
                         const std::vector<int>& image = {});
};

}  // namespace edgesa::sim
