#pragma once
// --vcd-layer: copies one device's handshake signals into mirror signals at each falling edge
// while the chosen layer runs (from its start to its write-back), so the VCD holds that window
// only. Mirrors change half a cycle after the real signals; outside the window they hold.
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "common/sim_context.h"
#include "system/device.h"

namespace edgesa::sim {

// Mirrors one device's handshakes into the VCD while one layer runs.
class VcdGate : public sc_core::sc_module {
  public:
    SC_HAS_PROCESS(VcdGate);
    VcdGate(sc_core::sc_module_name name, SimContext& ctx, int layer, Device& dev,
            sc_core::sc_trace_file* tf);

  private:
    template <class T>
    struct Mirror {
        const Reg<T>* src;
        std::unique_ptr<sc_core::sc_signal<T>> dst;
    };
    template <class T>
    void add(std::vector<Mirror<T>>& list, const Reg<T>& src, const std::string& name,
             sc_core::sc_trace_file* tf) {
        list.push_back({&src, std::make_unique<sc_core::sc_signal<T>>(name.c_str())});
        sc_core::sc_trace(tf, *list.back().dst, name);
    }
    template <class T>
    void add_channel(const Channel<T>& ch, std::vector<Mirror<T>>& data, const std::string& name,
                     sc_core::sc_trace_file* tf) {
        add(bools_, ch.valid, name + "_valid", tf);
        add(bools_, ch.ready, name + "_ready", tf);
        add(data, ch.data, name + "_data", tf);
    }
    void tick();
    SimContext& ctx_;
    int layer_;
    sc_core::sc_signal<uint64_t> cycle_{"cycle"};  // the edge each mirrored value belongs to
    std::vector<Mirror<bool>> bools_;
    std::vector<Mirror<uint32_t>> words_;
    std::vector<Mirror<VecToken>> vecs_;
    std::vector<Mirror<Beat>> beats_;
};

}  // namespace edgesa::sim
