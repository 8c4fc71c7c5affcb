#pragma once
// Named 64-bit counters, each with a unit and a description, collected in a tree that mirrors the
// hardware hierarchy ("dev0.array.macs"). Dumped as nested JSON for people and flat CSV for sweeps.
// Registration order is kept, so output is deterministic.
#include <cstdint>
#include <deque>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace edgesa {

class Counter {
  public:
    Counter(std::string path, std::string unit, std::string description)
        : path_(std::move(path)), unit_(std::move(unit)), description_(std::move(description)) {}
    Counter& operator+=(uint64_t n) {
        value_ += n;
        return *this;
    }
    Counter& operator++() {
        ++value_;
        return *this;
    }
    void set(uint64_t v) { value_ = v; }
    uint64_t value() const { return value_; }
    const std::string& path() const { return path_; }
    const std::string& unit() const { return unit_; }
    const std::string& description() const { return description_; }

  private:
    std::string path_, unit_, description_;
    uint64_t value_ = 0;
};

class StatRegistry {
  public:
    // Registers a counter; its address stays valid for the registry's lifetime. Registering a path
    // twice is a programming error and throws std::logic_error.
    Counter& add(const std::string& path, const std::string& unit, const std::string& description);
    const Counter* find(const std::string& path) const;
    uint64_t value(const std::string& path) const;  // 0 when absent
    const std::deque<Counter>& counters() const { return counters_; }

    // {"dev0": {"array": {"macs": {"value": 1, "unit": "MAC", "description": "..."}}}}
    nlohmann::ordered_json to_json() const;
    // "path,value,unit,description" lines with a header.
    std::string to_csv() const;
    void reset();

  private:
    std::deque<Counter> counters_;  // deque: stable addresses
};

}  // namespace edgesa
