// The generated constant calculator, compressor and decompressor engines against
// engine_constants / cf_encode / cf_decode: every legal format for the calculator; for the
// engines, random formats switched at run time, both rounding modes, random valid/ready stalls
// on both sides, and the latency of the configured stages.
#include <catch2/catch.hpp>

#include <algorithm>
#include <deque>
#include <functional>

#include "Vcompressor.h"
#include "Vcompressor_s3.h"
#include "Vconst_calc.h"
#include "Vdecompressor.h"
#include "gen_test_util.h"
#include "numerics/custom_float.h"
#include "numerics/fp32.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {

template <class M>
void tick(M& m) {
    m.clk_i = 0;
    m.eval();
    m.clk_i = 1;
    m.eval();
}
template <class M>
void reset(M& m) {
    // A falling edge on rst_ni (the model starts with it low, which is no edge).
    m.clk_i = 0;
    m.rst_ni = 1;
    m.eval();
    m.rst_ni = 0;
    m.eval();
    m.rst_ni = 1;
    m.eval();
}

CustomFloatFormat random_format(std::mt19937_64& rng) {
    CustomFloatFormat f;
    f.exp_bits = 2 + int(rng() % 7);
    f.man_bits = int(rng() % 24);
    const int lo = (1 << f.exp_bits) - 129;
    f.bias = lo + int(rng() % uint64_t(127 - lo + 1));
    return f;
}

template <class M>
void set_constants(M& m, const EngineConstants& k) {
    m.min_i = k.min_bits;
    m.min_half_i = k.min_half_bits;
    m.max_i = k.max_bits;
    m.sign_shift_i = uint8_t(k.sign_shift);
    m.adj_bias_i = uint8_t(k.adj_bias);
    m.exp_mask_i = uint8_t(k.exp_mask);
    m.exp_shift_i = uint8_t(k.exp_shift);
    m.man_shift_i = uint8_t(k.man_shift);
}

// An fp32 input that lands around the format's range (flush, Min, rounding, saturation).
uint32_t value_for(std::mt19937_64& rng, const CustomFloatFormat& f) {
    if (rng() % 4 == 0) return fp32_any(rng);
    const int e =
        f.min_exponent() - 2 + int(rng() % uint64_t(f.max_exponent() - f.min_exponent() + 5));
    const int field = std::clamp(e + 127, 1, 254);
    return fp32_with_exp(rng, uint32_t(field));
}

// What one engine test needs to know about its model.
struct EngineIo {
    // Sets the input payload (and the rounding input, where the engine has one).
    std::function<void(uint32_t word, bool rne)> set_in;
    std::function<uint32_t()> out;
    // (input word, expected output) for the current format and rounding.
    std::function<std::pair<uint32_t, uint32_t>(const CustomFloatFormat&, const EngineConstants&,
                                                bool)>
        make;
};

// Drives one engine model with random valid/ready stalls and a format change every 97 cycles;
// every output must be the expected value of the matching input, in order.
template <class M>
MismatchLog run_engine(M& m, const EngineIo& io, std::mt19937_64& rng, int cycles, int valid_pct,
                       int ready_pct, uint64_t* transfers) {
    MismatchLog log;
    reset(m);
    struct Item {
        uint32_t in, want;
        std::string fmt;
    };
    std::deque<Item> expected;
    CustomFloatFormat f = random_format(rng);
    EngineConstants k = engine_constants(f);
    set_constants(m, k);
    bool have_item = false, rne = false;
    Item item{};
    for (int c = 0; c < cycles; ++c) {
        if (c % 97 == 0 && !have_item) {  // run-time format change between items
            f = random_format(rng);
            k = engine_constants(f);
            set_constants(m, k);
        }
        if (!have_item && int(rng() % 100) < valid_pct) {
            rne = rng() % 2;
            const auto [in, want] = io.make(f, k, rne);
            item = Item{in, want, f.name() + (rne ? "/rne" : "/trunc")};
            have_item = true;
        }
        m.out_ready_i = int(rng() % 100) < ready_pct;
        m.in_valid_i = have_item;
        io.set_in(item.in, rne);
        // Transfers at this edge, decided by the sampled (registered) valid and ready.
        const bool in_fire = have_item && m.in_ready_o;
        const bool out_fire = m.out_valid_o && m.out_ready_i;
        if (out_fire) {
            if (expected.empty()) {
                log.check(false, fmt::format("cycle {}: an output without an input", c));
            } else {
                const Item e = expected.front();
                expected.pop_front();
                const uint32_t got = io.out();
                log.check(got == e.want,
                          fmt::format("cycle {}, {} in {:08x}: rtl {:08x}, ref {:08x}", c, e.fmt,
                                      e.in, got, e.want));
                ++*transfers;
            }
        }
        if (in_fire) {
            expected.push_back(item);
            have_item = false;
        }
        tick(m);
    }
    return log;
}

template <class M>
EngineIo compressor_io(M& m, std::mt19937_64& rng) {
    return {[&m](uint32_t w, bool rne) {
                m.in_data_i = w;
                m.rne_i = rne;
            },
            [&m] { return uint32_t(m.out_code_o); },
            [&rng](const CustomFloatFormat& f, const EngineConstants& k, bool rne) {
                const uint32_t x = value_for(rng, f);
                return std::make_pair(x, cf_encode(k, x, rne ? Rounding::kRne : Rounding::kTrunc));
            }};
}

}  // namespace

TEST_CASE("generated constant calculator equals engine_constants for every legal format",
          "[xcheck][numerics]") {
    VerilatedContext ctx;
    Vconst_calc m{&ctx};
    reset(m);
    MismatchLog log;
    for (int E = 2; E <= 8; ++E)
        for (int M = 0; M <= 23; ++M)
            for (int B = (1 << E) - 129; B <= 127; ++B) {
                const CustomFloatFormat f{E, M, B};
                REQUIRE(custom_float_problem(f).empty());
                m.load_i = 1;
                m.exp_bits_i = uint8_t(E);
                m.man_bits_i = uint8_t(M);
                m.bias_i = uint8_t(int8_t(B));
                tick(m);
                m.load_i = 0;
                tick(m);  // load_i low: the constants hold
                const EngineConstants k = engine_constants(f);
                const bool ok = m.min_o == k.min_bits && m.min_half_o == k.min_half_bits &&
                                m.max_o == k.max_bits && m.sign_shift_o == k.sign_shift &&
                                m.adj_bias_o == k.adj_bias && m.exp_mask_o == k.exp_mask &&
                                m.exp_shift_o == k.exp_shift && m.man_shift_o == k.man_shift;
                log.check(ok,
                          fmt::format("{}: min {:08x}/{:08x} half {:08x}/{:08x} max {:08x}/{:08x}",
                                      f.name(), m.min_o, k.min_bits, m.min_half_o, k.min_half_bits,
                                      m.max_o, k.max_bits));
            }
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked > 30000);
}

TEST_CASE("generated compressor engine equals cf_encode under random stalls and format changes",
          "[xcheck][numerics]") {
    VerilatedContext ctx;
    std::mt19937_64 rng(test_seed() + 4);
    uint64_t transfers = 0;
    Vcompressor m{&ctx};
    const MismatchLog log = run_engine(m, compressor_io(m, rng), rng, 260000, 70, 60, &transfers);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(transfers > 100000);
    uint64_t t3 = 0;
    Vcompressor_s3 m3{&ctx};  // a three-stage engine (-GStages=3)
    const MismatchLog log3 = run_engine(m3, compressor_io(m3, rng), rng, 60000, 80, 50, &t3);
    INFO(log3.str());
    REQUIRE(log3.mismatches == 0);
    CHECK(t3 > 20000);
}

TEST_CASE("generated compressor rounds ties to even in rne mode and truncates in trunc mode",
          "[xcheck][numerics]") {
    // Hand-worked e4m3b7 cases (independent of cf_encode): 1.0625 = 1.0001b is a tie between
    // 1.000b and 1.001b: rne keeps 1.000b (even), trunc too; 1.1875 = 1.0011b: rne -> 1.010b.
    VerilatedContext ctx;
    Vcompressor m{&ctx};
    reset(m);
    set_constants(m, engine_constants(CustomFloatFormat{4, 3, 7}));
    struct Case {
        float x;
        bool rne;
        uint32_t code;
    } cases[] = {{1.0625f, true, 0x38},  {1.0625f, false, 0x38}, {1.1875f, true, 0x3a},
                 {1.1875f, false, 0x39}, {-1.1875f, true, 0xba}, {1.9375f, true, 0x40}};
    m.out_ready_i = 1;
    for (const auto& cs : cases) {
        m.in_valid_i = 1;
        m.in_data_i = fp32::bits(cs.x);
        m.rne_i = cs.rne;
        tick(m);
        m.in_valid_i = 0;
        REQUIRE(m.out_valid_o);
        CHECK(m.out_code_o == cs.code);
        tick(m);  // consumed
    }
}

TEST_CASE("generated compressor has the configured latency and full throughput", "[cycle]") {
    // configs/rtl_8x8_fp32.yaml: compressor.stages = 1; the -GStages=3 model has 3.
    VerilatedContext ctx;
    Vcompressor m1{&ctx};
    Vcompressor_s3 m3{&ctx};
    auto first_valid_edge = [](auto& m) {
        reset(m);
        set_constants(m, engine_constants(CustomFloatFormat{4, 3, 7}));
        m.in_valid_i = 1;
        m.in_data_i = fp32::bits(1.5f);
        m.rne_i = 0;
        m.out_ready_i = 1;
        int edge = 0, outputs = 0, first = -1;
        for (; edge < 100; ++edge) {
            REQUIRE(m.in_ready_o);  // an always-ready consumer never stalls the producer
            if (m.out_valid_o) ++outputs;
            tick(m);
            if (first < 0 && m.out_valid_o) first = edge;
        }
        CHECK(outputs >= 100 - first - 1);
        return first;  // the edge after which the first result is visible (0 = the input's edge)
    };
    CHECK(first_valid_edge(m1) == 0);
    CHECK(first_valid_edge(m3) == 2);
}

TEST_CASE("generated decompressor engine equals cf_decode under random stalls and format changes",
          "[xcheck][numerics]") {
    VerilatedContext ctx;
    std::mt19937_64 rng(test_seed() + 5);
    uint64_t transfers = 0;
    Vdecompressor m{&ctx};
    EngineIo io{[&m](uint32_t w, bool) { m.in_code_i = w; },
                [&m] { return uint32_t(m.out_data_o); },
                [&rng](const CustomFloatFormat& f, const EngineConstants& k, bool) {
                    const uint32_t code = uint32_t(rng() & ((uint64_t(1) << f.total_bits()) - 1u));
                    return std::make_pair(code, cf_decode(k, code));
                }};
    const MismatchLog log = run_engine(m, io, rng, 260000, 70, 60, &transfers);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(transfers > 100000);
}
