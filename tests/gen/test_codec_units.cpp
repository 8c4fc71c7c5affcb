// The generated constant calculator and the compressor / decompressor cores (edgesa_cf_encode,
// edgesa_cf_decode: the top's codec lanes instantiate them) against engine_constants /
// cf_encode / cf_decode: every legal format for the calculator; for the cores, random formats
// switched at run time and both rounding modes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <functional>

#include "Vcf_decode.h"
#include "Vcf_encode.h"
#include "Vconst_calc.h"
#include "gen_test_util.h"
#include "numerics/custom_float.h"
#include "numerics/fp32.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {

CustomFloatFormat random_format(std::mt19937_64& rng) {
    CustomFloatFormat f;
    f.exp_bits = 2 + int(rng() % 7);
    f.man_bits = int(rng() % 24);
    const int lo = (1 << f.exp_bits) - 129;
    f.bias = lo + int(rng() % uint64_t(127 - lo + 1));
    return f;
}

// The constants both cores read; the compressor also reads Min, Min/2 and Max.
template <class M>
void set_shift_constants(M& m, const EngineConstants& k) {
    m.sign_shift_i = uint8_t(k.sign_shift);
    m.adj_bias_i = uint8_t(k.adj_bias);
    m.exp_mask_i = uint8_t(k.exp_mask);
    m.exp_shift_i = uint8_t(k.exp_shift);
    m.man_shift_i = uint8_t(k.man_shift);
}
template <class M>
void set_constants(M& m, const EngineConstants& k) {
    m.min_i = k.min_bits;
    m.min_half_i = k.min_half_bits;
    m.max_i = k.max_bits;
    set_shift_constants(m, k);
}

// An fp32 input that lands around the format's range (flush, Min, rounding, saturation).
uint32_t value_for(std::mt19937_64& rng, const CustomFloatFormat& f) {
    if (rng() % 4 == 0) return fp32_any(rng);
    const int e =
        f.min_exponent() - 2 + int(rng() % uint64_t(f.max_exponent() - f.min_exponent() + 5));
    const int field = std::clamp(e + 127, 1, 254);
    return fp32_with_exp(rng, uint32_t(field));
}

// What one core test needs to know about its model.
struct CoreIo {
    std::function<void(const EngineConstants&)> set_consts;
    // Sets the input (and the rounding input, where the core has one).
    std::function<void(uint32_t word, bool rne)> set_in;
    std::function<uint32_t()> out;
    // (input word, expected output) for the current format and rounding.
    std::function<std::pair<uint32_t, uint32_t>(const CustomFloatFormat&, const EngineConstants&,
                                                bool)>
        make;
};

// Drives one combinational core with `values` inputs, a new random format every 97 and a random
// rounding per value; every output must be the expected value.
template <class M>
MismatchLog run_core(M& m, const CoreIo& io, std::mt19937_64& rng, int values) {
    MismatchLog log;
    CustomFloatFormat f = random_format(rng);
    EngineConstants k = engine_constants(f);
    for (int c = 0; c < values; ++c) {
        if (c % 97 == 0) {  // run-time format change
            f = random_format(rng);
            k = engine_constants(f);
            io.set_consts(k);
        }
        const bool rne = rng() % 2;
        const auto [in, want] = io.make(f, k, rne);
        io.set_in(in, rne);
        m.eval();
        const uint32_t got = io.out();
        log.check(got == want, fmt::format("{}{} in {:08x}: rtl {:08x}, ref {:08x}", f.name(),
                                           rne ? "/rne" : "/trunc", in, got, want));
    }
    return log;
}

template <class M>
CoreIo encode_io(M& m, std::mt19937_64& rng) {
    return {[&m](const EngineConstants& k) { set_constants(m, k); },
            [&m](uint32_t w, bool rne) {
                m.x_i = w;
                m.rne_i = rne;
            },
            [&m] { return uint32_t(m.code_o); },
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

TEST_CASE("generated compressor core equals cf_encode under run-time format changes",
          "[xcheck][numerics]") {
    VerilatedContext ctx;
    std::mt19937_64 rng(test_seed() + 4);
    Vcf_encode m{&ctx};
    const MismatchLog log = run_core(m, encode_io(m, rng), rng, 200000);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked == 200000);
}

TEST_CASE("generated compressor core rounds ties to even in rne mode and truncates in trunc mode",
          "[xcheck][numerics]") {
    // Hand-worked e4m3b7 cases (independent of cf_encode): 1.0625 = 1.0001b is a tie between
    // 1.000b and 1.001b: rne keeps 1.000b (even), trunc too; 1.1875 = 1.0011b: rne -> 1.010b.
    VerilatedContext ctx;
    Vcf_encode m{&ctx};
    set_constants(m, engine_constants(CustomFloatFormat{4, 3, 7}));
    struct Case {
        float x;
        bool rne;
        uint32_t code;
    } cases[] = {{1.0625f, true, 0x38},  {1.0625f, false, 0x38}, {1.1875f, true, 0x3a},
                 {1.1875f, false, 0x39}, {-1.1875f, true, 0xba}, {1.9375f, true, 0x40}};
    for (const auto& cs : cases) {
        m.x_i = fp32::bits(cs.x);
        m.rne_i = cs.rne;
        m.eval();
        CHECK(m.code_o == cs.code);
    }
}

TEST_CASE("generated decompressor core equals cf_decode under run-time format changes",
          "[xcheck][numerics]") {
    VerilatedContext ctx;
    std::mt19937_64 rng(test_seed() + 5);
    Vcf_decode m{&ctx};
    CoreIo io{[&m](const EngineConstants& k) { set_shift_constants(m, k); },
              [&m](uint32_t w, bool) { m.code_i = w; }, [&m] { return uint32_t(m.x_o); },
              [&rng](const CustomFloatFormat& f, const EngineConstants& k, bool) {
                  const uint32_t code = uint32_t(rng() & ((uint64_t(1) << f.total_bits()) - 1u));
                  return std::make_pair(code, cf_decode(k, code));
              }};
    const MismatchLog log = run_core(m, io, rng, 200000);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
    CHECK(log.checked == 200000);
}
