#pragma once
// A register between units (docs/architecture.md, "Valid/ready"): read() returns the value
// written at the previous edge, write() sets the value for the next one, and commit() (the
// device's, once every unit has run the edge) makes the writes visible. Same semantics as an
// sc_signal written by clocked processes, without a kernel update phase per edge, so the clock
// process can run many edges per kernel activation. sc_trace records the committed value.
#include <string>

#include <systemc>

namespace edgesa::sim {

// One registered value; holds until written.
template <class T>
class Reg {
  public:
    explicit Reg(const char* /*name*/ = nullptr) {}
    const T& read() const { return cur_; }
    void write(const T& v) { next_ = v; }
    void commit() { cur_ = next_; }
    void reset(const T& v) { cur_ = next_ = v; }  // elaboration only

  private:
    T cur_{}, next_{};
};

template <class T>
inline void sc_trace(sc_core::sc_trace_file* tf, const Reg<T>& r, const std::string& name) {
    using sc_core::sc_trace;
    sc_trace(tf, r.read(), name);
}

}  // namespace edgesa::sim
