#include "memory/dram_unit.h"

#include <algorithm>
#include <string>

namespace edgesa::sim {

DramUnit::DramUnit(sc_core::sc_module_name name, SimContext& ctx, int device, DramPorts& ports)
    : sc_module(name),
      ctx_(ctx),
      device_(device),
      ports_(ports),
      model_(DramParams::from_config(ctx.cfg)) {
    const std::string p = "dev" + std::to_string(device) + ".dram.";
    read_bursts_ = &ctx.stats.add(p + "read_bursts", "bursts", "Read bursts moved by the DRAM");
    write_bursts_ = &ctx.stats.add(p + "write_bursts", "bursts", "Write bursts moved by the DRAM");
    busy_cycles_ =
        &ctx.stats.add(p + "busy_cycles", "cycles", "Cycles in which at least one burst moved");
}

uint64_t DramUnit::quiet_edges() const {
    // No request arriving, no response on the ports, no burst able to move: an edge only adds
    // credit.
    if (ports_.rd_req.read() || ports_.wr_req.read() || ports_.rd_data.read() ||
        ports_.wr_done.read())
        return 0;
    return std::min(model_.edges_to_next_delivery(), model_.edges_to_next_move());
}

void DramUnit::tick() {
    model_.push_read(ports_.rd_req.read());
    model_.push_write(ports_.wr_req.read());
    const auto r = model_.step();
    ports_.rd_data.write(r.read_bursts_delivered);
    ports_.wr_done.write(r.write_bursts_done);
    if (ctx_.capture && device_ == 0) {  // `edgesa verify`: the responses of the handshake trace
        if (r.read_bursts_delivered)
            ctx_.capture->rd_data.push_back({ctx_.now, r.read_bursts_delivered});
        if (r.write_bursts_done) ctx_.capture->wr_done.push_back({ctx_.now, r.write_bursts_done});
    }
    read_bursts_->set(model_.read_bursts_moved());
    write_bursts_->set(model_.write_bursts_moved());
    busy_cycles_->set(model_.busy_cycles());
}

}  // namespace edgesa::sim
