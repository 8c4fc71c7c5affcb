#pragma once
// The validated accelerator configuration. Both the SystemC model and the Verilog generator read
// this object and nothing else; its fields are declared, with units, ranges and defaults, once in
// config/schema.cpp. Derived values are computed once, after validation, in `derived`.
#include <cstdint>
#include <string>

#include "numerics/fixed_point.h"
#include "numerics/rounding.h"

namespace edgesa {

struct AccelConfig {
    std::string name;
    std::string description;

    struct Array {
        int64_t rows = 0;                   // output channels in flight
        int64_t width = 0;                  // dot-product slice per row (adder-tree inputs)
        int64_t buffer_depth = 0;           // stationary weight slots per cell
        int64_t multiplier_stages = 0;      // registers after each cell multiplier
        int64_t tree_levels_per_stage = 0;  // adder-tree levels between registers
    } array;

    struct Compute {
        std::string type;  // "fp32" or "q<I>.<F>"
        int64_t product_bits = 0;
        int64_t accumulator_bits = 0;
    } compute;

    struct Codec {
        int64_t engines = 0;
        int64_t stages = 0;
    } compressor, decompressor;
    std::string rounding;  // compressor and fixed requantisation rounding: trunc | rne

    // Storage formats the hardware converts (config/storage_support.h).
    struct Storage {
        std::string kinds;      // comma-separated subset of fp32, custom, fixed
        int64_t lane_bits = 0;  // 0: any width 1..32 per tensor; N: every tensor has N bits
    } storage;

    struct Accumulator {
        int64_t depth = 0;  // entries per row
    } accumulator;

    struct ActPool {
        int64_t lanes = 0;      // values per cycle
        int64_t stages = 0;     // pipeline registers
        std::string functions;  // comma-separated activation functions the lanes implement
        std::string ops;        // comma-separated pool/elementwise operations the lanes implement
    } act_pool;

    struct Clock {
        double mhz = 0;
    } clock;

    struct Dram {
        double bandwidth_gbps = 0;
        double latency_ns = 0;
        int64_t burst_bytes = 0;
        int64_t max_outstanding = 0;
    } dram;

    struct Fifo {
        int64_t read_depth = 0;    // DRAM read data -> streamer
        int64_t stream_depth = 0;  // decompressed vectors -> array row 0
        int64_t result_depth = 0;  // post-processed values -> compressors
        int64_t write_depth = 0;   // compressed words -> DRAM write
    } fifo;

    struct Energy {
        double mult_fp32_pj = 0, add_fp32_pj = 0;
        double mult_fixed_pj = 0, add_fixed_pj = 0;
        double reg_pj_per_byte = 0;
        double sram_pj_per_byte = 0;
        double dram_pj_per_byte = 0;
        double codec_pj_per_value = 0;
        double act_pool_pj_per_value = 0;
        double static_mw = 0;
        double link_pj_per_byte = 0;
        std::string node;  // technology node the on-chip entries are scaled to: 45 | 28 | 16 | 7
    } energy;

    struct Area {
        std::string node;  // technology node of the area estimate: 45 | 28 | 16 | 7
    } area;

    struct System {
        int64_t devices = 0;
        double link_mbps = 0;
        double link_latency_ms = 0;
        int64_t link_message_bytes = 0;
    } system;

    // Computed once by finalize() after validation.
    struct Derived {
        int tree_levels = 0;                    // ceil(log2 width)
        int tree_stages = 0;                    // registered stages of each row's adder tree
        int64_t peak_macs_per_cycle = 0;        // rows * width
        double dram_bytes_per_cycle = 0;        // bandwidth / clock
        int64_t dram_millibytes_per_cycle = 0;  // the same in integer thousandths (exact credits)
        int64_t dram_latency_cycles = 0;        // ceil(latency * clock)
        bool fixed_compute = false;
        FixedDatapath fixed;    // valid when fixed_compute
        int operand_bits = 32;  // compute operand width
        Rounding rounding = Rounding::kTrunc;
        bool storage_fp32 = true, storage_custom = true, storage_fixed = true;  // storage.kinds
        uint32_t act_functions = 0;  // act_pool.functions: bit c set = act code c (ActCode) built
        uint32_t pool_ops = 0;       // act_pool.ops: bit b set = pool op b (PoolOpBit) built
        double link_bytes_per_second = 0;
        std::string hash;  // 16 hex digits over the resolved parameters
    } derived;

    std::string source_file;  // where it was loaded from (not part of the hash)
};

}  // namespace edgesa
