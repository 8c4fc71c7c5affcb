#pragma once
// The in-memory form of a layer trace (docs/trace-format.md): a network as a DAG of layers at
// batch 1. The trace reader fills it, the zoo and transforms build it, the simulator and the
// reference model consume it. Shapes are per image, channels-first (C, H, W); an fc output is
// (C, 1, 1).
#include <cstdint>
#include <string>
#include <vector>

#include "numerics/storage_format.h"

namespace edgesa {

enum class LayerType {
    kConv2d,  // groups >= 1; depthwise when groups == in.c == out.c
    kFc,      // fully connected (Gemm/MatMul); input is flattened
    kMaxPool,
    kAvgPool,
    kGlobalAvgPool,
    kActivation,  // elementwise; `activation` names the function
    kAdd,         // elementwise sum of two or more inputs of equal shape
    kConcat,      // along channels
    kFlatten,     // (C, H, W) -> (C*H*W, 1, 1); no data movement
    kSoftmax,     // over channels; a host op (see docs/architecture.md)
    kSlice,       // a window of its input (channels and rows); no compute (trace version 2)
    kScaleShift,  // y = x * scale[c] + shift[c] (an un-folded batch norm); tensors: scale, shift
    kMul,         // elementwise product of two inputs: equal shapes, or the second (C, 1, 1)
    kUpsample,    // nearest-neighbour, `factor` times in height and width
    kChannelShuffle,  // channel permutation of ShuffleNet: `groups` x (C/groups) transposed
};
constexpr int kLayerTypeCount = int(LayerType::kChannelShuffle) + 1;

const char* to_string(LayerType t);
bool parse_layer_type(const std::string& s, LayerType* out);
// The act/pool lanes' operation a layer type runs on (act_pool.ops, config/act_support.h):
// "max_pool", "avg_pool" (avgpool, global_avgpool), "add", "mul", "scale_shift"; "" for the
// others.
const char* pool_op_of(LayerType t);

struct Shape {
    int64_t c = 0, h = 1, w = 1;
    int64_t elements() const { return c * h * w; }
    bool operator==(const Shape& o) const { return c == o.c && h == o.h && w == o.w; }
    bool operator!=(const Shape& o) const { return !(*this == o); }
};

struct Layer {
    std::string name;
    LayerType type = LayerType::kConv2d;
    std::vector<std::string> inputs;  // producer layer names; "input" is the network input
    Shape in;                         // shape of the first input
    Shape out;

    // conv2d and pooling
    int64_t kernel_h = 1, kernel_w = 1;
    int64_t stride_h = 1, stride_w = 1;
    int64_t pad_top = 0, pad_left = 0, pad_bottom = 0, pad_right = 0;
    int64_t dilation_h = 1, dilation_w = 1;
    int64_t groups = 1;      // conv2d groups; kChannelShuffle groups
    bool ceil_mode = false;  // pooling output size rounds up (Caffe)
    bool has_bias = false;   // conv2d and fc
    bool batch_norm =
        false;  // a batch norm was folded into this conv/fc (only for published counts)
    std::string activation;    // kActivation: relu, relu6, ... (also a fused activation of conv/fc)
    int64_t factor = 1;        // kUpsample: nearest-neighbour factor (height and width)
    bool concat_rows = false;  // kConcat along rows (height) instead of channels (trace version 2)
    // kSlice: channels [slice_c0, slice_c0 + slice_c) and rows [slice_r0, slice_r0 + slice_r) of
    // its input; a count of 0 means "to the end"
    int64_t slice_c0 = 0, slice_c = 0, slice_r0 = 0, slice_r = 0;

    // storage
    StorageFormat weight_format;  // conv2d and fc weights (and biases)
    StorageFormat out_format;     // this layer's output activations in memory
    double density = 1.0;         // fraction of non-zero weights (unstructured sparsity)

    // splitting
    int branch = -1;  // LCP branch id, -1 = not in a branch
    int device = 0;   // device the layer runs on

    // optional tensors (side directory, .npy), relative to the trace file
    std::string weights_file, bias_file;

    int source_line = 0;  // line in the trace file, for errors (0 when built in code)

    // Model-parallel splits mark a tensor crossing the link between devices as a kActivation
    // layer with activation "transfer": it copies its input to `device` (docs/trace-format.md).
    bool is_transfer() const { return type == LayerType::kActivation && activation == "transfer"; }
};

struct Network {
    int version = 1;
    std::string name;
    Shape input;
    StorageFormat input_format;
    std::vector<Layer> layers;  // in a topological order
    std::string source_file;    // set by the reader

    const Layer* find(const std::string& name) const;
    Layer* find(const std::string& name);
    int index_of(const std::string& name) const;  // -1 when absent
};

// One multiply-accumulate per weight use (dense shape; density does not reduce it).
int64_t layer_macs(const Layer& l);
// Weight tensor elements of conv2d and fc, without biases.
int64_t layer_weights(const Layer& l);
int64_t layer_biases(const Layer& l);
// Parameters as published model tables count them: weights, plus biases, or for a layer with a
// folded batch norm its scale and shift (2 per output channel) instead of the folded bias.
int64_t layer_published_params(const Layer& l);

// Network totals.
int64_t network_macs(const Network& n);
int64_t network_weights(const Network& n);
int64_t network_biases(const Network& n);
int64_t network_published_params(const Network& n);

// Output shape of `l` given its input shapes; "" in `why` when they are legal, else the rule
// broken (e.g. "conv input channels 64 must be divisible by groups 3"). Also fills l.in.
Shape infer_output_shape(const Layer& l, const std::vector<Shape>& inputs, std::string* why);
// Bytes of a layer's weights (and biases) and of its output at their storage formats, packed.
uint64_t layer_weight_bytes(const Layer& l);
uint64_t layer_out_bytes(const Layer& l);
// Recomputes every layer's in/out shapes in order (the layers must be topologically sorted).
// Throws InputError naming the first layer whose shapes do not fit.
void infer_shapes(Network& n);

}  // namespace edgesa
