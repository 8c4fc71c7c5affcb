#pragma once
// `edgesa run --scheduler per-unit` (docs/architecture.md, "Schedulers"): every unit of every
// device runs as its own SC_METHOD, sensitive to the rising edge the clock process notifies, and
// every device's registers commit in a separate delta cycle after all units ran (the update phase
// of an sc_signal, made explicit). No idle skipping and no quiet-unit shortcut: each unit's
// tick() runs at every edge. Slow, but the plain reading of "each unit is a clocked module"; a
// test proves the default scheduler (one clock process, many edges per activation) identical.
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "system/device.h"

namespace edgesa::sim {

// One clocked process: calls `fn` at every notification of `edge`.
class UnitProcess : public sc_core::sc_module {
  public:
    SC_HAS_PROCESS(UnitProcess);
    UnitProcess(sc_core::sc_module_name name, std::function<void()> fn,
                const sc_core::sc_event& edge);

  private:
    void run() { fn_(); }
    std::function<void()> fn_;
};

// The per-unit processes of a system and the commit phase.
class PerUnitScheduler : public sc_core::sc_module {
  public:
    SC_HAS_PROCESS(PerUnitScheduler);
    PerUnitScheduler(sc_core::sc_module_name name, std::vector<std::unique_ptr<Device>>& devices);
    // Called by the clock process at each rising edge: the units run in the next delta cycle,
    // the registers commit in the one after.
    void edge() { edge_.notify(sc_core::SC_ZERO_TIME); }

  private:
    void relay() { commit_.notify(sc_core::SC_ZERO_TIME); }
    sc_core::sc_event edge_{"edge"}, commit_{"commit"};
    std::vector<std::unique_ptr<UnitProcess>> processes_;
};

}  // namespace edgesa::sim
