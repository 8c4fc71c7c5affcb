#include "system/unit_scheduler.h"

namespace edgesa::sim {

UnitProcess::UnitProcess(sc_core::sc_module_name name, std::function<void()> fn,
                         const sc_core::sc_event& edge)
    : sc_module(name), fn_(std::move(fn)) {
    SC_METHOD(run);
    sensitive << edge;
    dont_initialize();
}

PerUnitScheduler::PerUnitScheduler(sc_core::sc_module_name name,
                                   std::vector<std::unique_ptr<Device>>& devices)
    : sc_module(name) {
    // Runs in the units' delta cycle and triggers the commit delta cycle after it.
    SC_METHOD(relay);
    sensitive << edge_;
    dont_initialize();
    for (auto& dp : devices) {
        Device* d = dp.get();
        const std::string p = std::string(d->basename()) + "_";
        auto add = [&](const std::string& unit, std::function<void()> fn,
                       const sc_core::sc_event& e) {
            processes_.push_back(
                std::make_unique<UnitProcess>((p + unit).c_str(), std::move(fn), e));
        };
        add(
            "dram", [d] { d->dram.tick(); }, edge_);
        add(
            "streamer", [d] { d->streamer.tick(); }, edge_);
        add(
            "decompressor", [d] { d->decompressor.tick(); }, edge_);
        add(
            "array", [d] { d->array.tick(); }, edge_);
        add(
            "act_pool", [d] { d->act_pool.tick(); }, edge_);
        add(
            "compressor", [d] { d->compressor.tick(); }, edge_);
        add(
            "writeback", [d] { d->writeback.tick(); }, edge_);
        add(
            "commit", [d] { d->commit(); }, commit_);
    }
}

}  // namespace edgesa::sim
