#pragma once
// Layer-by-layer comparison of the SystemC model and the Verilated RTL: every stored output word
// bit for bit, the layer's start and end cycle, and every read request and write-back
// transaction (edge, address, bursts). The first difference in time is reported.
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
    std::string item;      // "output", "read", "write", "start_cycle", "end_cycle"
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

// Compares one layer; `bits` is the layer's output storage width.
std::optional<Mismatch> compare_layer(const ScLayerRun& sc, const RtlLayerResult& rtl,
                                      const Layer& layer, int bits, uint64_t burst_bytes,
                                      uint64_t out_addr);

// Both sides' DRAM requests within `window` edges of `cycle`, one line per edge.
std::string event_window(const ScLayerRun& sc, const RtlLayerResult& rtl, uint64_t cycle,
                         uint64_t window);

}  // namespace edgesa::verify
