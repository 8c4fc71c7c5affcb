#pragma once
// A registered valid/ready channel (docs/architecture.md, "Valid/ready"). The producer owns
// `valid` and `data`, the consumer owns `ready`; a transfer happens at an edge where the values
// sampled from the previous edge have valid && ready. Units access the registers directly.
#include <string>

#include <systemc>

#include "common/reg.h"

namespace edgesa::sim {

// The valid, ready and payload registers of one channel.
template <class T>
struct Channel {
    Reg<bool> valid, ready;
    Reg<T> data;
    explicit Channel(const std::string& /*name*/) {}
    void commit() {
        valid.commit();
        ready.commit();
        data.commit();
    }

    bool fired() const { return valid.read() && ready.read(); }
    // Producer side: the output register may be (re)loaded at this edge.
    bool producer_free() const { return !valid.read() || ready.read(); }
    void trace(sc_core::sc_trace_file* tf, const std::string& name) const {
        sc_trace(tf, valid, name + "_valid");
        sc_trace(tf, ready, name + "_ready");
        sc_trace(tf, data, name + "_data");
    }
};

// Producer-side helper: call once per edge with the next item (or nullptr) when free.
template <class T>
inline bool drive(Channel<T>& ch, const T* next) {
    if (!ch.producer_free()) return false;
    if (next) {
        ch.data.write(*next);
        ch.valid.write(true);
        return true;
    }
    ch.valid.write(false);
    return false;
}

}  // namespace edgesa::sim
