#include "codec/codec_units.h"

#include <string>

namespace edgesa::sim {

namespace {
// The storage-format key of a layer's output (compressor constants).
uint32_t out_format_key(const SimContext& ctx, uint32_t layer) {
    const auto& f = ctx.net.layers[layer].out_format;
    return f.is_fp32() ? 0u : uint32_t(std::hash<std::string>{}(f.name()) | 1u);
}
}  // namespace

DecompressorUnit::DecompressorUnit(sc_core::sc_module_name name, SimContext& ctx, int device,
                                   Channel<VecToken>& in, Channel<VecToken>& out,
                                   DeviceStatus& status)
    : sc_module(name),
      ctx_(ctx),
      in_(in),
      out_(out),
      status_(status),
      bank_(int(ctx.cfg.decompressor.engines), int(ctx.cfg.decompressor.stages), 2,
            {[](const VecToken& t) { return uint32_t(t.values); },
             [](const VecToken& t) { return uint32_t(t.format_id); },
             [&ctx](VecToken& t) {
                 ctx.layer_stats[t.layer].decoded_values += t.values;
                 if (ctx.fn && t.payload) {  // storage code -> compute value
                     const auto& f = ctx.fn->block_format(int(t.layer),
                                                          ctx.prog.layers[t.layer].blocks[t.block]);
                     for (auto& v : ctx.fn->at(t.payload).values)
                         v = ctx.fn->codec().to_compute(f, v);
                 }
             }}) {
    const std::string p = "dev" + std::to_string(device) + ".decompressor.";
    values_ = &ctx.stats.add(p + "values", "values", "Values decoded from storage formats");
    reloads_ = &ctx.stats.add(p + "constant_reloads", "reloads",
                              "Format changes that reloaded the shared constants");
    busy_ = &ctx.stats.add(p + "engine_cycles", "cycles", "Cycles the engine bank was occupied");
}

uint64_t DecompressorUnit::quiet_edges() const {
    return bank_.quiet(in_, out_) && !status_.decomp_busy.read() ? kNever : 0;
}

void DecompressorUnit::tick() {
    if (auto t = bank_.edge(in_, out_))
        LayerProbe::mark(ctx_.probes[t->layer].first_decoded, ctx_.now);
    status_.decomp_busy.write(bank_.busy());
    values_->set(bank_.values());
    reloads_->set(bank_.reloads());
    busy_->set(bank_.busy_cycles());
}

CompressorUnit::CompressorUnit(sc_core::sc_module_name name, SimContext& ctx, int device,
                               Channel<Beat>& in, Channel<Beat>& out)
    : sc_module(name),
      ctx_(ctx),
      in_(in),
      out_(out),
      bank_(int(ctx.cfg.compressor.engines), int(ctx.cfg.compressor.stages), 2,
            {[](const Beat& b) { return b.values; },
             [&ctx](const Beat& b) { return out_format_key(ctx, b.layer); },
             [&ctx](Beat& b) {
                 ctx.layer_stats[b.layer].compressed_values += b.values;
                 b.bits = uint8_t(ctx.net.layers[b.layer].out_format.bits());
             }}) {
    const std::string p = "dev" + std::to_string(device) + ".compressor.";
    values_ = &ctx.stats.add(p + "values", "values", "Values encoded into storage formats");
    reloads_ = &ctx.stats.add(p + "constant_reloads", "reloads",
                              "Format changes that reloaded the shared constants");
    busy_ = &ctx.stats.add(p + "engine_cycles", "cycles", "Cycles the engine bank was occupied");
}

uint64_t CompressorUnit::quiet_edges() const {
    return bank_.quiet(in_, out_) ? kNever : 0;
}

void CompressorUnit::tick() {
    if (auto b = bank_.edge(in_, out_))
        LayerProbe::mark(ctx_.probes[b->layer].first_compressed, ctx_.now);
    values_->set(bank_.values());
    reloads_->set(bank_.reloads());
    busy_->set(bank_.busy_cycles());
}

}  // namespace edgesa::sim
