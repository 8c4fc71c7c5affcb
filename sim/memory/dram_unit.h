#pragma once
// SystemC wrapper of DramModel: one SC_METHOD per clock edge pushes the registered read and write
// requests of the previous edge into the model, steps it once and registers its responses.
#include <systemc>

#include "common/reg.h"
#include "common/sim_context.h"
#include "memory/dram_model.h"

namespace edgesa::sim {

// Signals between the DRAM wrapper and its requesters (credit-based, no ready).
struct DramPorts {
    Reg<uint32_t> rd_req{"rd_req"};    // bursts requested by the streamer
    Reg<uint32_t> rd_data{"rd_data"};  // bursts of read data delivered
    Reg<uint32_t> wr_req{"wr_req"};    // bursts requested by write-back
    Reg<uint32_t> wr_done{"wr_done"};  // write bursts moved
    void commit() {
        rd_req.commit();
        rd_data.commit();
        wr_req.commit();
        wr_done.commit();
    }
};

// The DRAM interface of one device.
class DramUnit : public sc_core::sc_module {
  public:
    DramUnit(sc_core::sc_module_name name, SimContext& ctx, int device, DramPorts& ports);
    // One rising clock edge; the device's clock process calls it (system/device.h).
    void tick();
    // Idle skipping (docs/architecture.md, "Idle skipping"): the number of edges from now on that
    // would change nothing but counters (0: the next edge does work), and applying n such edges.
    uint64_t quiet_edges() const;
    void skip(uint64_t n) { model_.skip_idle(n); }
    const DramModel& model() const { return model_; }

  private:
    SimContext& ctx_;
    int device_;
    DramPorts& ports_;
    DramModel model_;
    Counter *read_bursts_, *write_bursts_, *busy_cycles_;
};

}  // namespace edgesa::sim
