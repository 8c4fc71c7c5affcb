// The generated activation lanes against core/numerics/activation (docs/numerics.md,
// "Activations"): edgesa_act_lane (fp32: bias add, then the function) on random values, specials
// (NaN, infinities, subnormals, signed zeros) and the table's segment edges; edgesa_fixed_act on
// random raws of every format width and fraction, both roundings, at 16 and 32 raw bits; and both
// built with relu and relu6 only (parameter Functions = 7, act_pool.functions: relu, relu6), where
// every other code gives what none gives.
#include <catch2/catch.hpp>

#include <string>

#include "Vact_lane_fp32.h"
#include "Vact_lane_fp32_relu.h"
#include "Vfixed_act16.h"
#include "Vfixed_act32.h"
#include "Vfixed_act32_relu.h"
#include "gen_test_util.h"
#include "numerics/activation.h"
#include "numerics/fixed_point.h"
#include "numerics/fp32.h"

using namespace edgesa;
using namespace edgesa::test;

namespace {

// An input around the tables: exponents 118..131 (|x| from 2^-9 to 16), half the time exactly
// on a segment edge k/4.
uint32_t fp32_near_tables(std::mt19937_64& r) {
    if (r() % 2) return fp32::bits(float(int(r() % 129) - 64) / 4.0f);
    return fp32_with_exp(r, 118 + uint32_t(r() % 14));
}

constexpr uint32_t kAllBuilt = (1u << kActCodes) - 1;
constexpr uint32_t kReluBuilt = (1u << kActNone) | (1u << kActRelu) | (1u << kActRelu6);

// What a lane built with the act codes of `built` (its parameter Functions) computes for `code`.
const char* built_function(int code, uint32_t built) {
    return activation_code_name((built >> code & 1u) ? code : kActNone);
}

template <class M>
MismatchLog run_fixed(M& m, int raw_bits, std::mt19937_64& rng, int n, uint32_t built = kAllBuilt) {
    MismatchLog log;
    for (int i = 0; i < n; ++i) {
        const int bits = 2 + int(rng() % uint64_t(raw_bits - 1));  // 2..raw_bits
        const int frac = int(rng() % uint64_t(bits));              // 0..bits-1
        const FixedFormat f{bits - frac, frac};
        const int code = int(rng() % kActCodes);
        const Rounding rnd = rng() % 2 ? Rounding::kRne : Rounding::kTrunc;
        int64_t raw = int64_t(rng() % uint64_t(f.max_raw() - f.min_raw() + 1)) + f.min_raw();
        if (rng() % 4 == 0) raw = rng() % 2 ? f.max_raw() : f.min_raw();
        m.raw_i = uint32_t(raw) & uint32_t((uint64_t(1) << raw_bits) - 1);
        m.frac_i = uint32_t(frac);
        m.to_bits_i = uint32_t(bits);
        m.act_i = uint32_t(code);
        m.rne_i = rnd == Rounding::kRne;
        m.eval();
        const int64_t want = activate_fixed(built_function(code, built), raw, f, rnd);
        log.check(uint32_t(m.y_o) == uint32_t(int32_t(want)),
                  fmt::format("{} q{}.{} {} raw {}: rtl {}, ref {}", activation_code_name(code),
                              f.int_bits, f.frac_bits, to_string(rnd), raw, int32_t(m.y_o), want));
    }
    return log;
}

template <class M>
MismatchLog run_fp32(M& m, std::mt19937_64& rng, int n, uint32_t built = kAllBuilt) {
    MismatchLog log;
    for (int i = 0; i < n; ++i) {
        const uint32_t x = rng() % 4 == 0 ? fp32_any(rng) : fp32_near_tables(rng);
        const uint32_t b =
            rng() % 2 ? 0x80000000u : (rng() % 4 ? fp32_near_tables(rng) : fp32_any(rng));
        const int code = int(rng() % kActCodes);
        m.x_i = x;
        m.bias_i = b;
        m.act_i = uint32_t(code);
        m.eval();
        const float v = fp32::add(fp32::from_bits(x), fp32::from_bits(b));
        const uint32_t want = fp32::bits(activate(built_function(code, built), v));
        log.check(m.y_o == want, fmt::format("{}({:#x} + {:#x}): rtl {:#x}, ref {:#x}",
                                             activation_code_name(code), x, b, m.y_o, want));
    }
    return log;
}

}  // namespace

TEST_CASE("generated fp32 act lane equals the activations' fp32 forms", "[xcheck][numerics]") {
    VerilatedContext ctx;
    Vact_lane_fp32 m{&ctx};
    std::mt19937_64 rng(test_seed() + 21);
    const MismatchLog log = run_fp32(m, rng, 60000);
    INFO(log.str());
    REQUIRE(log.mismatches == 0);
}

TEST_CASE("generated fixed act equals the activations' fixed forms", "[xcheck][numerics]") {
    VerilatedContext ctx;
    std::mt19937_64 rng(test_seed() + 22);
    Vfixed_act16 m16{&ctx};
    const MismatchLog a = run_fixed(m16, 16, rng, 60000);
    INFO(a.str());
    CHECK(a.mismatches == 0);
    Vfixed_act32 m32{&ctx};
    const MismatchLog b = run_fixed(m32, 32, rng, 60000);
    INFO(b.str());
    CHECK(b.mismatches == 0);
}

TEST_CASE(
    "act lanes built with relu and relu6 only compute those and give the input (none) for every "
    "other code",
    "[xcheck][numerics]") {
    VerilatedContext ctx;
    std::mt19937_64 rng(test_seed() + 23);
    Vact_lane_fp32_relu f{&ctx};
    const MismatchLog a = run_fp32(f, rng, 20000, kReluBuilt);
    INFO(a.str());
    CHECK(a.mismatches == 0);
    Vfixed_act32_relu q{&ctx};
    const MismatchLog b = run_fixed(q, 32, rng, 20000, kReluBuilt);
    INFO(b.str());
    CHECK(b.mismatches == 0);
}
