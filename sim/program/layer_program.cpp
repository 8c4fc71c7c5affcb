#include "program/layer_program.h"

#include <algorithm>
#include <map>
#include <tuple>
#include <unordered_map>

#include <fmt/format.h>

#include "config/act_support.h"
#include "config/storage_support.h"
#include "diag/diagnostic.h"

namespace edgesa::sim {

const char* to_string(Tensor t) {
    switch (t) {
        case Tensor::kHeaders:
            return "headers";
        case Tensor::kWeights:
            return "weights";
        case Tensor::kBiases:
            return "biases";
        case Tensor::kInputs:
            return "inputs";
        case Tensor::kOutputs:
            return "outputs";
        default:
            return "?";
    }
}

namespace {

int64_t ceil_div(int64_t a, int64_t b) {
    return (a + b - 1) / b;
}

// Slot tags of one device's cell buffers: (weight source layer, group, kb, rb) of the resident
// weight block. Layers of different batch images that use the same weights share tags.
using SlotTag = std::tuple<int, int64_t, int64_t, int64_t>;

// The cell buffers of one device as the builder tracks them.
struct DeviceSlots {
    std::vector<SlotTag> tag;        // per slot
    int64_t next_base = 0;           // where the next resident layer goes
    std::map<int, int64_t> base_of;  // weight source -> slot base of its resident blocks
};

struct Builder {
    const Network& net;
    const AccelConfig& cfg;
    std::vector<DeviceSlots> slots;  // per device
    Program& prog;
    bool reuse = false;  // some weights are used by more than one layer (a batch)
    std::unordered_map<std::string, const Layer*> by_name;  // O(1) lookups: a batch has many layers

    // Slot base of a resident_all layer needing `n` slots: where its weights were placed before
    // (a later image), else after the previous resident layer, else from slot 0 (evicting).
    // Without reuse every layer starts at slot 0, as the RTL testbench's isolated layers do.
    int64_t place(DeviceSlots& ds, int source, int64_t n) {
        if (!reuse) return 0;
        const int64_t depth = cfg.array.buffer_depth;
        auto it = ds.base_of.find(source);
        int64_t base =
            it != ds.base_of.end() ? it->second : (ds.next_base + n <= depth ? ds.next_base : 0);
        ds.base_of[source] = base;
        ds.next_base = base + n;
        return base;
    }

    void add_block(LayerProgram& lp, Block b) {
        lp.image_bytes += b.bytes();
        lp.bytes[size_t(Tensor::kHeaders)] += kHeaderBytes;
        lp.fp32_bytes[size_t(Tensor::kHeaders)] += kHeaderBytes;
        lp.bytes[size_t(b.tensor)] += b.payload_bytes;
        uint64_t values = 0;  // the last vector may be partial (pass, bias)
        if (b.header.length > 0)
            values = uint64_t(b.header.length - 1) * b.values_per_vector + b.last_vector_values;
        lp.fp32_bytes[size_t(b.tensor)] += packed_bytes(values, 32);
        lp.blocks.push_back(b);
    }

    const StorageFormat& input_format(const Layer& l, size_t i) const {
        if (i >= l.inputs.size() || l.inputs[i] == "input") return net.input_format;
        const auto it = by_name.find(l.inputs[i]);
        return it != by_name.end() ? it->second->out_format : net.input_format;
    }
    int input_bits(const Layer& l, size_t i) const { return input_format(l, i).bits(); }
    // The storage format of pass input i: a scale_shift's inputs 1 and 2 are its per-channel
    // scale and shift, stored in the layer's weight format (docs/architecture.md, "Pass layers").
    const StorageFormat& pass_format(const Layer& l, size_t i) const {
        if (l.type == LayerType::kScaleShift && i > 0) return l.weight_format;
        return input_format(l, i);
    }

    void build_gemm(const Layer& l, LayerProgram& lp) {
        const int64_t rows = cfg.array.rows, width = cfg.array.width;
        const int64_t depth = cfg.array.buffer_depth, acc_depth = cfg.accumulator.depth;
        lp.kind = LayerKind::kGemm;
        lp.groups = l.type == LayerType::kConv2d ? l.groups : 1;
        lp.K = l.out.c / lp.groups;
        lp.R = l.type == LayerType::kConv2d ? (l.in.c / lp.groups) * l.kernel_h * l.kernel_w
                                            : l.in.elements();
        lp.N = l.type == LayerType::kConv2d ? l.out.h * l.out.w : 1;
        lp.KB = ceil_div(lp.K, rows);
        lp.RB = ceil_div(lp.R, width);
        // A vector issued G times needs G accumulator entries per row even for one column, so G
        // is also bounded by accumulator.depth (random co-simulation, seed 7: depth 3 < G = 4
        // wrapped the RTL's accumulator address; the model's own accumulator was unbounded).
        lp.resident_all = lp.KB * lp.RB <= depth && lp.KB <= acc_depth;
        lp.G = lp.resident_all ? lp.KB : std::min({depth, acc_depth, lp.KB});
        const int wbits = l.weight_format.bits(), xbits = input_bits(l, 0);
        lp.out_bits = l.out_format.bits();
        lp.out_values = uint64_t(l.out.elements());

        Block head;
        head.header = {BlockType::kLayerHeader, 0, 0, uint32_t(lp.layer)};
        add_block(lp, head);
        const bool biased = layer_biases(l) > 0;

        DeviceSlots& ds = slots[size_t(lp.device)];
        auto& dev_slots = ds.tag;
        if (lp.resident_all)
            lp.slot_base = place(ds, lp.weight_source, lp.KB * lp.RB);
        else if (reuse)
            ds.next_base = std::min<int64_t>(lp.G, depth);  // streaming layers use slots 0 .. G-1
        for (int64_t grp = 0; grp < lp.groups; ++grp) {
            for (int64_t kb0 = 0; kb0 < lp.KB; kb0 += lp.G) {
                const int64_t gc = std::min(lp.G, lp.KB - kb0);
                const int64_t L = std::max<int64_t>(1, std::min(lp.N, acc_depth / gc));
                lp.L = std::max(lp.L, L);
                if (biased) add_block(lp, bias_block(l, lp, grp, kb0, gc));
                int64_t tile = 0;
                for (int64_t n0 = 0; n0 < lp.N; n0 += L, ++tile) {
                    const int64_t lt = std::min(L, lp.N - n0);
                    for (int64_t rb = 0; rb < lp.RB; ++rb) {
                        for (int64_t g = 0; g < gc; ++g) {
                            const int64_t kb = kb0 + g;
                            const int64_t slot =
                                lp.resident_all ? lp.slot_base + kb * lp.RB + rb : g;
                            const SlotTag tag{lp.weight_source, grp, kb, rb};
                            if (n0 == 0) ++lp.weight_blocks;
                            if (dev_slots[size_t(slot)] == tag) {
                                ++lp.weight_fills_skipped;
                                continue;
                            }
                            dev_slots[size_t(slot)] = tag;
                            ++lp.weight_fills;
                            const int64_t valid_rows = std::min(rows, lp.K - kb * rows);
                            Block w;
                            w.header = {BlockType::kWeight, uint8_t(slot), uint32_t(valid_rows),
                                        uint32_t(kb << 16 | rb)};
                            w.tensor = Tensor::kWeights;
                            w.values_per_vector = uint32_t(width);
                            w.last_vector_values = uint32_t(width);
                            w.bits = uint8_t(wbits);
                            w.format_id = prog.format_id(l.weight_format.name());
                            w.payload_bytes = packed_bytes(uint64_t(valid_rows * width), wbits);
                            w.group = int32_t(grp);
                            w.kb = int32_t(kb);
                            w.rb = int32_t(rb);
                            add_block(lp, w);
                        }
                        Block s;
                        s.header = {BlockType::kStream, uint8_t(gc), uint32_t(lt),
                                    uint32_t(tile << 16 | rb)};
                        s.tensor = Tensor::kInputs;
                        s.values_per_vector = uint32_t(width);
                        s.last_vector_values = uint32_t(width);
                        s.bits = uint8_t(xbits);
                        s.format_id = prog.format_id(input_format(l, 0).name());
                        s.payload_bytes = packed_bytes(uint64_t(lt * width), xbits);
                        s.group = int32_t(grp);
                        s.kb = int32_t(kb0);
                        s.rb = int32_t(rb);
                        s.n0 = n0;
                        s.issues = uint32_t(gc);
                        const int64_t valid_r = std::min(width, lp.R - rb * width);
                        const int64_t valid_k = std::min(gc * rows, lp.K - kb0 * rows);
                        s.valid_macs = uint64_t(valid_k * valid_r * lt);
                        if (rb == lp.RB - 1) {
                            s.tile_last = true;
                            s.drain_values = uint64_t(valid_k * lt);
                        }
                        add_block(lp, s);
                    }
                }
            }
        }
    }

    // The biases of one kb-set (output blocks kb0 .. kb0 + gc - 1 of group grp), read once before
    // the kb-set's first weights and streamed like weights (docs/architecture.md, "Biases"): the
    // array unit keeps two kb-sets of them, so no layer is limited by a bias register file.
    Block bias_block(const Layer& l, const LayerProgram& lp, int64_t grp, int64_t kb0, int64_t gc) {
        const int64_t width = cfg.array.width, rows = cfg.array.rows;
        const int64_t values = std::min(gc * rows, lp.K - kb0 * rows);
        const int64_t vectors = ceil_div(values, width);
        Block b;
        b.header = {BlockType::kBias, uint8_t(gc), uint32_t(vectors), uint32_t(values)};
        b.tensor = Tensor::kBiases;
        b.values_per_vector = uint32_t(width);
        b.last_vector_values = uint32_t(values - (vectors - 1) * width);
        b.bits = uint8_t(l.weight_format.bits());
        b.format_id = prog.format_id(l.weight_format.name());
        b.payload_bytes = packed_bytes(uint64_t(values), b.bits);
        b.group = int32_t(grp);
        b.kb = int32_t(kb0);
        b.issues = uint32_t(gc);
        return b;
    }

    // The window-gathered pass image (docs/architecture.md, "Pass layers"): output elements in
    // groups of up to `width`; a group's window values arrive as pool_count vectors (value j of
    // every window of the group), the act/pool lanes fold them into one output vector. Pooling:
    // window position j (row-major); add: input j; activation: the value itself (count 1). An
    // add whose inputs are stored in different formats gets one block per input and group (a
    // block has one storage format).
    void build_pass(const Layer& l, LayerProgram& lp) {
        const uint64_t width = uint64_t(cfg.array.width);
        lp.kind = LayerKind::kPass;
        lp.out_bits = l.out_format.bits();
        lp.out_values = uint64_t(l.out.elements());
        Block head;
        head.header = {BlockType::kLayerHeader, 0, 0, uint32_t(lp.layer)};
        add_block(lp, head);
        const bool multi = l.type == LayerType::kAdd || l.type == LayerType::kMul;
        // A scale_shift streams x, then its channel's scale and shift, per element (3 values).
        const size_t n_inputs = multi ? std::max<size_t>(1, l.inputs.size())
                                : l.type == LayerType::kScaleShift ? 3
                                                                   : 1;
        uint64_t count = 1;
        if (l.type == LayerType::kMaxPool || l.type == LayerType::kAvgPool)
            count = uint64_t(l.kernel_h * l.kernel_w);
        else if (l.type == LayerType::kGlobalAvgPool)
            count = uint64_t(l.in.h * l.in.w);
        else if (n_inputs > 1)  // a per-channel mul operand, scale or shift is streamed per
                                // element too (docs/architecture.md)
            count = n_inputs;
        lp.pool_count = uint32_t(count);
        bool same_format = true;
        for (size_t i = 1; i < n_inputs; ++i)
            same_format &= pass_format(l, i).name() == pass_format(l, 0).name();
        auto pass_block = [&](int input, int64_t n0, uint64_t vpv, uint64_t vectors) {
            const size_t src = size_t(std::max(input, 0));
            Block p;
            p.header = {BlockType::kPass, uint8_t(src), uint32_t(vectors), uint32_t(vpv)};
            p.tensor = Tensor::kInputs;
            p.values_per_vector = uint32_t(vpv);
            p.last_vector_values = uint32_t(vpv);
            p.bits = uint8_t(pass_format(l, src).bits());
            p.format_id = prog.format_id(pass_format(l, src).name());
            p.payload_bytes = packed_bytes(vpv * vectors, p.bits);
            p.n0 = n0;
            p.pass_input = input;
            lp.pass_in_values += vpv * vectors;
            add_block(lp, p);
        };
        const uint64_t out = lp.out_values, full = out / width, tail = out % width;
        if (!same_format) {
            for (uint64_t n0 = 0; n0 < out; n0 += width)
                for (size_t i = 0; i < n_inputs; ++i)
                    pass_block(int(i), int64_t(n0), std::min(width, out - n0), 1);
            return;
        }
        const uint64_t per_block = std::max<uint64_t>(1, 4096 / count);  // whole groups per block
        for (uint64_t g = 0; g < full; g += per_block) {
            const uint64_t groups = std::min(per_block, full - g);
            pass_block(-1, int64_t(g * width), width, groups * count);
        }
        if (tail > 0) pass_block(-1, int64_t(full * width), tail, count);
    }
};

}  // namespace

uint16_t Program::format_id(const std::string& name) {
    for (size_t i = 0; i < formats.size(); ++i)
        if (formats[i] == name) return uint16_t(i);
    formats.push_back(name);
    return uint16_t(formats.size() - 1);
}

namespace {
// The hardware converts every tensor a device layer reads or writes: one diagnostic per tensor
// whose format the design lacks (storage.kinds, storage.lane_bits), the activation function and
// the pooling / elementwise operation.
void check_declared_hardware(const Layer& l, const LayerProgram& lp, const SourcePos& pos,
                             const Builder& b, const AccelConfig& cfg, DiagnosticList& diags) {
    auto check = [&](const std::string& tensor, const StorageFormat& f) {
        const std::string why = storage_unsupported(cfg, f);
        if (!why.empty()) diags.add(pos, l.name + "." + tensor, f.name(), why);
    };
    if (lp.kind == LayerKind::kGemm || l.type == LayerType::kScaleShift)
        check("weights", l.weight_format);
    for (size_t k = 0; k < std::max<size_t>(1, l.inputs.size()); ++k)
        if (lp.kind == LayerKind::kPass || k == 0)
            check(k == 0 ? "inputs" : fmt::format("inputs[{}]", k), b.input_format(l, k));
    check("outputs", l.out_format);
    // a fused (conv, fc) or standalone activation the lanes lack (act_pool.functions)
    const std::string why = act_function_unsupported(cfg, l.activation);
    if (!why.empty()) diags.add(pos, l.name + ".activation", l.activation, why);
    // a pooling or elementwise layer whose operation the lanes lack (act_pool.ops)
    const char* op = pool_op_of(l.type);
    const std::string op_why = pool_op_unsupported(cfg, op);
    if (!op_why.empty()) diags.add(pos, l.name + ".type", to_string(l.type), op_why);
}
}  // namespace

Program Program::build(const Network& net, const AccelConfig& cfg,
                       const std::vector<int>& weight_source, const std::vector<int>& image) {
    DiagnosticList diags;
    Program prog;
    Builder b{net, cfg, {}, prog};
    DeviceSlots empty;
    empty.tag.assign(size_t(cfg.array.buffer_depth), SlotTag{-1, 0, 0, 0});
    b.slots.assign(size_t(cfg.system.devices), empty);
    for (size_t i = 0; i < weight_source.size(); ++i) b.reuse |= weight_source[i] != int(i);
    for (const auto& l : net.layers) b.by_name.emplace(l.name, &l);
    std::map<std::string, int> index;
    for (size_t i = 0; i < net.layers.size(); ++i) {
        const Layer& l = net.layers[i];
        SourcePos pos{net.source_file, l.source_line, 0};
        LayerProgram lp;
        lp.layer = int(i);
        lp.name = l.name;
        lp.type = l.type;
        lp.device = l.device;
        lp.branch = l.branch;
        lp.weight_source = i < weight_source.size() ? weight_source[i] : int(i);
        lp.image = i < image.size() ? image[i] : 0;
        lp.macs = uint64_t(layer_macs(l));
        if (l.device < 0 || l.device >= cfg.system.devices) {
            diags.add(pos, l.name + ".device", std::to_string(l.device),
                      fmt::format("must be below system.devices = {} of config {}",
                                  cfg.system.devices, cfg.source_file));
            lp.device = 0;
        }
        for (const auto& in : l.inputs) {
            if (in == "input") {
                lp.inputs.push_back(-1);
                continue;
            }
            auto it = index.find(in);
            if (it == index.end())
                diags.add(pos, l.name + ".inputs", in, "must name an earlier layer or \"input\"");
            else
                lp.inputs.push_back(it->second);
        }
        if (l.inputs.empty()) lp.inputs.push_back(-1);
        if (diags.empty()) {
            switch (l.type) {
                case LayerType::kConv2d:
                    if (l.groups < 1 || l.in.c % l.groups != 0 || l.out.c % l.groups != 0) {
                        diags.add(pos, l.name + ".groups", std::to_string(l.groups),
                                  "must divide the input and output channels");
                        break;
                    }
                    [[fallthrough]];
                case LayerType::kFc:
                    b.build_gemm(l, lp);
                    break;
                case LayerType::kMaxPool:
                case LayerType::kAvgPool:
                case LayerType::kGlobalAvgPool:
                case LayerType::kActivation:
                case LayerType::kAdd:
                case LayerType::kMul:
                case LayerType::kScaleShift:
                case LayerType::kUpsample:
                    b.build_pass(l, lp);
                    if (lp.pool_count > BlockHeader::kMaxLength)
                        diags.add(pos, l.name + ".kernel", std::to_string(lp.pool_count),
                                  fmt::format("a window of at most {} values per output",
                                              BlockHeader::kMaxLength));
                    break;
                case LayerType::kSoftmax:
                    lp.kind = LayerKind::kHost;
                    break;
                case LayerType::kConcat:
                case LayerType::kSlice:           // an address window, like concat and flatten
                case LayerType::kChannelShuffle:  // a plane-order remap of addresses
                case LayerType::kFlatten:
                    lp.kind = LayerKind::kNoop;
                    break;
            }
        }
        if (lp.kind == LayerKind::kGemm || lp.kind == LayerKind::kPass)
            check_declared_hardware(l, lp, pos, b, cfg, diags);
        index[l.name] = int(i);
        prog.layers.push_back(std::move(lp));
    }
    diags.throw_if_any();
    return prog;
}

}  // namespace edgesa::sim
