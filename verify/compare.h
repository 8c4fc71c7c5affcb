#pragma once
// Layer-by-layer comparison of the SystemC model and the Verilated RTL: every stored output word
// bit for bit, the layer's start and end cycle, every read request and write-back transaction
// (edge, address, bursts) and every DRAM response (edge, bursts). The first difference in time is
// reported, with the top's port handshake trace of both sides around it.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "network.h"
#include "rtl_run.h"
#include "sc_side.h"

namespace edgesa::verify {

// The first difference of one layer.
struct Mismatch {
    std::string layer;
    std::string
        item;  // "output", "read", "write", "read_data", "write_done", "start_cycle", "end_cycle"
    int64_t index = -1;    // output word, or read/write transaction number
    std::string coord;     // output: the tensor element "c,h,w" it holds (the drain order)
    uint64_t cycle = 0;    // SystemC edge of the item (output: its write-back transaction)
    std::string expected;  // SystemC, as text (hex bits, or "cycle N addr 0x.. bursts B")
    std::string actual;    // RTL
    uint64_t expected_cycle = 0, actual_cycle = 0;  // transactions and cycles: the two edges
};

// Codes packed back to back, value i at bits [i*bits, (i+1)*bits) of the little-endian stream.
std::vector<uint8_t> pack_codes(const std::vector<int64_t>& codes, int bits);
std::vector<uint64_t> unpack_codes(const std::vector<uint8_t>& bytes, int bits, size_t count);

// The first output word that differs (bit for bit), or nothing.
std::optional<Mismatch> compare_outputs(const ScLayerRun& sc, const RtlLayerResult& rtl,
                                        const Layer& layer, int bits, uint64_t burst_bytes,
                                        uint64_t out_addr);
// Compares one layer; `bits` is the layer's output storage width.
std::optional<Mismatch> compare_layer(const ScLayerRun& sc, const RtlLayerResult& rtl,
                                      const Layer& layer, int bits, uint64_t burst_bytes,
                                      uint64_t out_addr);

// What one side's top ports carried at one edge (empty: nothing): the descriptor accepted
// (valid and ready), the read request (address, bursts), the read data (bursts delivered by the
// DRAM), the write request, the write done (bursts moved), done_o. Each at the edge that
// produced it, as both sides record it (docs/verify.md, "Handshake trace").
struct PortEdge {
    std::string desc, rd_req, rd_data, wr_req, wr_done, done;
    bool operator==(const PortEdge& o) const {
        return desc == o.desc && rd_req == o.rd_req && rd_data == o.rd_data && wr_req == o.wr_req &&
               wr_done == o.wr_done && done == o.done;
    }
    bool operator!=(const PortEdge& o) const { return !(*this == o); }
};

struct TraceRow {
    uint64_t edge = 0;
    PortEdge systemc, rtl;
    bool differs = false;  // the two sides' ports differ at this edge
};

// The handshake trace around `cycle`: the `window` nearest edges with port activity on either
// side before it and after it, and `cycle` itself, in edge order.
std::vector<TraceRow> handshake_trace(const ScLayerRun& sc, const RtlLayerResult& rtl,
                                      uint64_t cycle, uint64_t window);
// The trace as text: two rows per edge (SystemC, RTL), one column per port; '>' marks `cycle`,
// '*' every edge where the sides differ.
std::string format_trace(const std::vector<TraceRow>& rows, uint64_t cycle);

}  // namespace edgesa::verify
