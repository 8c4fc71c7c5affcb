#pragma once
// A bank of engines with an input FIFO and explicit pipeline registers, shared by the
// decompressor bank, the act/pool unit and the compressor bank. An item takes
// ceil(values / engines) cycles in the engines (+1 when the constant calculator reloads), then
// moves through `stages - 1` stage registers into the output register of the channel; a full
// stage holds when the one after it cannot move (the pipe stalls from the back). An item the
// `drop` hook names leaves the last stage when the output register is free but is not loaded.
#include <algorithm>
#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <vector>

#include "common/channel.h"

namespace edgesa::sim {

// FIFO + engines + stage registers of one codec or act/pool bank.
template <class T>
class EngineBank {
  public:
    struct Hooks {
        std::function<uint32_t(const T&)> values;  // values the item carries into the engines
        std::function<uint32_t(const T&)> key;     // format key: a change reloads constants
        std::function<void(T&)> on_done;           // transforms the item as it leaves the engines
        std::function<bool(const T&)> drop = {};   // true: the item ends at the output register
                                                   // (an act/pool input that completes no window)
    };
    EngineBank(int engines, int stages, int fifo_depth, Hooks hooks)
        : engines_(engines),
          fifo_depth_(size_t(std::max(1, fifo_depth))),
          stages_(size_t(std::max(0, stages - 1))),
          hooks_(std::move(hooks)) {}

    // One clock edge. Returns the item loaded into the output register, if any.
    std::optional<T> edge(Channel<T>& in, Channel<T>& out) {
        std::optional<T> loaded;
        // Output register, loaded from the last stage (or the engines when there is no stage).
        if (out.producer_free()) {
            std::optional<T>* src = stages_.empty() ? nullptr : &stages_.back();
            if (src && *src) {
                loaded = **src;
                src->reset();
            } else if (!src && engine_ && remaining_ == 0) {
                loaded = *engine_;
                engine_.reset();
            }
            if (loaded && hooks_.drop && hooks_.drop(*loaded)) loaded.reset();
            drive(out, loaded ? &*loaded : nullptr);
        }
        for (size_t i = stages_.size(); i-- > 1;)
            if (!stages_[i] && stages_[i - 1]) {
                stages_[i] = std::move(stages_[i - 1]);
                stages_[i - 1].reset();
            }
        if (engine_ && remaining_ > 0)
            --remaining_;
        else if (engine_ && !stages_.empty() && !stages_[0]) {
            stages_[0] = std::move(engine_);
            engine_.reset();
        }
        // The engines take the FIFO head (pre-edge contents) when they are free.
        if (!engine_ && !fifo_.empty()) {
            T item = fifo_.front();
            fifo_.pop_front();
            const uint32_t v = hooks_.values(item);
            uint32_t cycles =
                std::max<uint32_t>(1, (v + uint32_t(engines_) - 1) / uint32_t(engines_));
            const uint32_t k = hooks_.key(item);
            if (!have_key_ || k != key_) {
                ++reloads_;
                if (have_key_) ++cycles;  // the constant calculator's registered update
                key_ = k;
                have_key_ = true;
            }
            values_ += v;
            busy_cycles_ += cycles;
            if (hooks_.on_done) hooks_.on_done(item);
            engine_ = item;
            remaining_ = cycles - 1;
        }
        if (in.fired()) fifo_.push_back(in.data.read());
        in.ready.write(fifo_.size() < fifo_depth_);
        return loaded;
    }

    bool busy() const {
        if (engine_ || !fifo_.empty()) return true;
        for (const auto& s : stages_)
            if (s) return true;
        return false;
    }
    // An edge of an empty bank with nothing offered and nothing in its output register changes
    // nothing (the ready it writes is already high).
    bool quiet(const Channel<T>& in, const Channel<T>& out) const {
        return !busy() && !in.valid.read() && !out.valid.read() && in.ready.read();
    }
    uint64_t values() const { return values_; }
    uint64_t busy_cycles() const { return busy_cycles_; }
    uint64_t reloads() const { return reloads_; }

  private:
    int engines_;
    size_t fifo_depth_;
    std::deque<T> fifo_;
    std::optional<T> engine_;
    uint32_t remaining_ = 0;
    std::vector<std::optional<T>> stages_;
    Hooks hooks_;
    uint32_t key_ = 0;
    bool have_key_ = false;
    uint64_t values_ = 0, busy_cycles_ = 0, reloads_ = 0;
};

}  // namespace edgesa::sim
