#pragma once
// Payloads carried on the valid/ready channels between units. Each defines operator==,
// operator<< and sc_trace so it can live in an sc_signal and appear in a VCD.
#include <cstdint>
#include <ostream>
#include <string>

#include <systemc>

namespace edgesa::sim {

// One vector of a block: a weight row (fill), a stream vector or a pass vector.
struct VecToken {
    uint8_t kind = 0;        // BlockType: 1 weight, 2 stream, 3 pass
    uint8_t issues = 1;      // stream: G; weight: target slot
    uint16_t row = 0;        // weight: target row
    uint16_t values = 0;     // values carried
    uint16_t format_id = 0;  // storage format (the decompressor reloads constants on change)
    uint32_t layer = 0;
    uint32_t block = 0;  // index in LayerProgram::blocks
    uint32_t vec = 0;    // vector index within the block
    bool block_last = false;
    bool layer_last = false;
    uint32_t payload = 0;  // functional mode: FunctionalState payload id (0 = none)

    bool operator==(const VecToken& o) const {
        return payload == o.payload && kind == o.kind && issues == o.issues && row == o.row &&
               values == o.values && format_id == o.format_id && layer == o.layer &&
               block == o.block && vec == o.vec && block_last == o.block_last &&
               layer_last == o.layer_last;
    }
};

// A group of values moving down the post-processing path (drain, act/pool, compressors).
struct Beat {
    uint32_t layer = 0;
    uint32_t values = 0;  // values in (drain, pass) or out (after act/pool)
    uint8_t bits = 32;    // storage bits once compressed
    bool pass = false;    // from a pass layer (pooling, add) rather than a drain
    bool layer_last = false;
    uint32_t payload = 0;  // functional mode: values and output indices
    bool operator==(const Beat& o) const {
        return payload == o.payload && layer == o.layer && values == o.values && bits == o.bits &&
               pass == o.pass && layer_last == o.layer_last;
    }
};

inline std::ostream& operator<<(std::ostream& os, const VecToken& t) {
    return os << "vec{k" << int(t.kind) << " L" << t.layer << " b" << t.block << " v" << t.vec
              << "}";
}
inline std::ostream& operator<<(std::ostream& os, const Beat& b) {
    return os << "beat{L" << b.layer << " n" << b.values << (b.layer_last ? " last" : "") << "}";
}
inline void sc_trace(sc_core::sc_trace_file* tf, const VecToken& t, const std::string& name) {
    sc_core::sc_trace(tf, t.kind, name + ".kind");
    sc_core::sc_trace(tf, t.layer, name + ".layer");
    sc_core::sc_trace(tf, t.block, name + ".block");
    sc_core::sc_trace(tf, t.vec, name + ".vec");
}
inline void sc_trace(sc_core::sc_trace_file* tf, const Beat& b, const std::string& name) {
    sc_core::sc_trace(tf, b.layer, name + ".layer");
    sc_core::sc_trace(tf, b.values, name + ".values");
    sc_core::sc_trace(tf, b.layer_last, name + ".layer_last");
}

}  // namespace edgesa::sim
