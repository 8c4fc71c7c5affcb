#pragma once
// The top's memory and control ports of one layer as a VCD, written the same way for both sides
// from what `edgesa verify` compares (requests, responses, start and done edges), so the two
// files have the same signal names (the RTL top's: rd_req_addr_o, wr_done_bursts_i, ...), the
// same timescale (1 ps) and the same time axis (edge k at k x clock period).
#include <cstdint>
#include <string>
#include <vector>

namespace edgesa::verify {

struct PortEvent {
    uint64_t cycle = 0, addr = 0;
    uint32_t bursts = 0;
};

struct PortTrace {
    uint64_t start_cycle = 0, end_cycle = 0;  // desc_valid_i accepted, done_o raised
    std::vector<PortEvent> rd_req, wr_req, rd_data, wr_done;
};

void write_port_vcd(const std::string& path, const PortTrace& t, uint64_t period_ps);

}  // namespace edgesa::verify
