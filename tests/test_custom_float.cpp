// Custom float compressor/decompressor: round trips, monotonicity, error bounds, boundaries and
// values worked out by hand (the expected codes below were computed on paper, not by this code).
#include <catch2/catch.hpp>

#include <cmath>
#include <random>

#include "numerics/custom_float.h"
#include "numerics/fp32.h"
#include "numerics/storage_format.h"

using namespace edgesa;

namespace {
// Legal biases to exercise for a given E: the IEEE-like one and one from each end of the range.
std::vector<int> biases_for(int E) {
    const int lo = std::max((1 << E) - 129, -100), hi = 127;
    std::vector<int> b = {(1 << (E - 1)) - 1, lo, std::min(hi, lo + 200)};
    std::sort(b.begin(), b.end());
    b.erase(std::unique(b.begin(), b.end()), b.end());
    return b;
}
bool canonical_code(const CustomFloatFormat& f, uint32_t code) {
    const uint32_t field = (code >> f.man_bits) & ((1u << f.exp_bits) - 1);
    const uint32_t man = code & ((1u << f.man_bits) - 1);
    if (field == (1u << f.exp_bits) - 1) return false;  // reserved
    if (field == 0 && man != 0) return false;           // non-canonical zero
    return true;
}
}  // namespace

TEST_CASE("every canonical code decodes and re-encodes to itself (E<=8, M<=10)", "[numerics]") {
    uint64_t checked = 0;
    for (int E = 2; E <= 8; ++E)
        for (int M = 0; M <= 10; ++M)
            for (int B : biases_for(E)) {
                CustomFloatFormat f{E, M, B};
                REQUIRE(custom_float_problem(f).empty());
                for (uint32_t code = 0; code < (1u << f.total_bits()); ++code) {
                    if (!canonical_code(f, code)) continue;
                    const float v = cf_decode(f, code);
                    for (Rounding r : {Rounding::kTrunc, Rounding::kRne}) {
                        const uint32_t back = cf_encode(f, v, r);
                        if (back != code) {
                            INFO(f.name()
                                 << " code " << code << " value " << v << " mode " << to_string(r));
                            REQUIRE(back == code);
                        }
                    }
                    ++checked;
                }
            }
    CHECK(checked > 3900000);  // 3,987,974 canonical codes over these formats
}

TEST_CASE("encoding is monotonic and decoding strictly increasing over positive codes",
          "[numerics]") {
    for (const char* name : {"e4m3b7", "e5m2b15", "e3m0b2", "e8m10b127", "e2m4b-1"}) {
        std::string why;
        auto f = StorageFormat::parse(name, &why)->custom_float();
        float prev = -1.0f;
        const uint32_t top = ((1u << f.exp_bits) - 1) << f.man_bits;  // first reserved code
        for (uint32_t code = 1u << f.man_bits; code < top; ++code) {
            const float v = cf_decode(f, code);
            REQUIRE(v > prev);
            prev = v;
        }
        std::mt19937 rng(42);
        std::vector<float> xs;
        for (int i = 0; i < 20000; ++i)
            xs.push_back(std::ldexp(std::uniform_real_distribution<float>(-2, 2)(rng),
                                    std::uniform_int_distribution<int>(-40, 40)(rng)));
        std::sort(xs.begin(), xs.end());
        for (Rounding r : {Rounding::kTrunc, Rounding::kRne}) {
            float last = -INFINITY;
            for (float x : xs) {
                const float q = cf_decode(f, cf_encode(f, x, r));
                INFO(name << " x=" << x);
                REQUIRE(q >= last);
                last = q;
            }
        }
    }
}

TEST_CASE("rounding error stays within one ulp (trunc) and half an ulp (rne)", "[numerics]") {
    std::mt19937 rng(7);
    for (const char* name : {"e4m3b7", "e5m2b15", "e6m6b40", "e3m1b0"}) {
        auto f = StorageFormat::parse(name, nullptr)->custom_float();
        const float mn = cf_decode(f, 1u << f.man_bits);
        const float mx =
            cf_decode(f, ((((1u << f.exp_bits) - 2)) << f.man_bits) | ((1u << f.man_bits) - 1));
        std::uniform_real_distribution<double> u(std::log2(mn), std::log2(mx));
        for (int i = 0; i < 50000; ++i) {
            const float x = float(std::exp2(u(rng)));
            if (x < mn || x > mx) continue;
            const int e = std::ilogb(x);
            const double ulp = std::ldexp(1.0, e - f.man_bits);
            const double et =
                std::fabs(double(cf_decode(f, cf_encode(f, x, Rounding::kTrunc))) - x);
            const double er = std::fabs(double(cf_decode(f, cf_encode(f, x, Rounding::kRne))) - x);
            INFO(name << " x=" << x);
            REQUIRE(et < ulp);
            REQUIRE(er <= ulp / 2);
            REQUIRE(cf_decode(f, cf_encode(f, x, Rounding::kTrunc)) <=
                    x);  // trunc goes toward zero
        }
    }
}

TEST_CASE("values worked out by hand in e4m3b7", "[numerics][golden]") {
    const CustomFloatFormat f{4, 3, 7};
    // 1.0 = 2^0 -> field 0+7 = 0111, mantissa 000 -> 0 0111 000
    CHECK(cf_encode(f, 1.0f, Rounding::kTrunc) == 0x38u);
    CHECK(cf_encode(f, 0.5f, Rounding::kTrunc) == 0x30u);
    // -2.5 = -1.25 x 2^1 -> sign 1, field 1000, mantissa .010 -> 1 1000 010
    CHECK(cf_encode(f, -2.5f, Rounding::kTrunc) == 0xC2u);
    // Max = 2^(14-7) x 1.875 = 240 -> 0 1110 111
    CHECK(cf_decode(f, 0x77u) == 240.0f);
    // Min = 2^(1-7) = 1/64 -> 0 0001 000
    CHECK(cf_decode(f, 0x08u) == 0.015625f);
    // 1.1875 = 1.0011b: trunc keeps .001 -> 1.125; rne rounds the tie .0011 -> .010 -> 1.25
    CHECK(cf_decode(f, cf_encode(f, 1.1875f, Rounding::kTrunc)) == 1.125f);
    CHECK(cf_decode(f, cf_encode(f, 1.1875f, Rounding::kRne)) == 1.25f);
    // 1.0625 = 1.0001b: a tie between 1.000 and 1.001 -> even -> 1.0
    CHECK(cf_decode(f, cf_encode(f, 1.0625f, Rounding::kRne)) == 1.0f);
}

TEST_CASE("compressor boundary rules: Min/2, Min, Max, carry, signed zero, huge and special values",
          "[numerics]") {
    const CustomFloatFormat f{4, 3, 7};  // Min = 2^-6, Min/2 = 2^-7, Max = 240
    const float mn = 0.015625f, half = 0.0078125f;
    for (Rounding r : {Rounding::kTrunc, Rounding::kRne}) {
        CHECK(cf_encode(f, std::nextafter(half, 0.0f), r) == 0x00u);  // just below Min/2 -> +0
        CHECK(cf_encode(f, half, r) == 0x08u);                        // Min/2 -> Min
        CHECK(cf_encode(f, std::nextafter(mn, 0.0f), r) == 0x08u);    // just below Min -> Min
        CHECK(cf_encode(f, -half, r) == 0x88u);                       // sign kept
        CHECK(cf_encode(f, mn, r) == 0x08u);
        CHECK(cf_encode(f, 240.0f, r) == 0x77u);
        CHECK(cf_encode(f, 1e30f, r) == 0x77u);     // huge -> Max
        CHECK(cf_encode(f, -1e30f, r) == 0xF7u);    // huge negative -> -Max
        CHECK(cf_encode(f, INFINITY, r) == 0x77u);  // +Inf saturates
        CHECK(cf_encode(f, -INFINITY, r) == 0xF7u);
        CHECK(cf_encode(f, NAN, r) == 0x00u);  // NaN -> +0 (policy)
        CHECK(cf_encode(f, 0.0f, r) == 0x00u);
        CHECK(cf_encode(f, -0.0f, r) == 0x80u);  // signed zero survives
        CHECK(std::signbit(cf_decode(f, 0x80u)));
        CHECK(cf_encode(f, fp32::from_bits(0x00000001u), r) == 0x00u);  // subnormal: DAZ
        CHECK(cf_encode(f, fp32::from_bits(0x80000001u), r) == 0x80u);
    }
    // Rounding carry into the exponent: 1.96875 = 1.11111b -> rne 10.000 = 2.0 (field +1)
    CHECK(cf_encode(f, 1.96875f, Rounding::kRne) == 0x40u);
    CHECK(cf_encode(f, 1.96875f, Rounding::kTrunc) == 0x3Fu);
    // Carry out of the top binade saturates at Max instead of producing the reserved field:
    // 248 = 1.9375 x 2^7 rounds up (tie, odd) to 2^8, which does not exist -> Max.
    CHECK(cf_encode(f, 248.0f, Rounding::kRne) == 0x77u);
    // Reserved all-ones field decodes to NaN; non-canonical zero decodes to zero.
    CHECK(std::isnan(cf_decode(f, 0x78u)));
    CHECK(cf_decode(f, 0x03u) == 0.0f);
}

TEST_CASE("engine constants match the format definition", "[numerics]") {
    const CustomFloatFormat f{5, 2, 15};
    const EngineConstants k = engine_constants(f);
    CHECK(fp32::from_bits(k.min_bits) == std::ldexp(1.0f, -14));
    CHECK(fp32::from_bits(k.min_half_bits) == std::ldexp(1.0f, -15));
    CHECK(fp32::from_bits(k.max_bits) == std::ldexp(1.75f, 15));  // 2^(30-15) x (2 - 2^-2)
    CHECK(k.sign_shift == 24u);
    CHECK(k.adj_bias == 112u);
    CHECK(k.exp_mask == 31u);
    CHECK(k.exp_shift == 2u);
    CHECK(k.man_shift == 21u);
    // Bias 127 puts Min/2 = 2^-127 below fp32's normal range: the constant is its subnormal
    // pattern.
    CHECK(engine_constants(CustomFloatFormat{8, 23, 127}).min_half_bits == 0x00400000u);
}

TEST_CASE("format names parse, print and reject bad input", "[numerics]") {
    std::string why;
    CHECK(StorageFormat::parse("e5m2b-3", &why)->name() == "e5m2b-3");
    CHECK(StorageFormat::parse("q3.13", &why)->bits() == 16);
    CHECK(StorageFormat::parse("fp32", &why)->bits() == 32);
    CHECK(StorageFormat::parse("e4m3b15", &why)->bits() == 8);
    CHECK_FALSE(StorageFormat::parse("e1m3b0", &why));
    CHECK(why.find("E = 1") != std::string::npos);
    CHECK_FALSE(StorageFormat::parse("e9m3b0", &why));
    CHECK_FALSE(StorageFormat::parse("e4m3b200", &why));
    CHECK(why.find("at most 127") != std::string::npos);
    CHECK_FALSE(StorageFormat::parse("q20.20", &why));
    CHECK_FALSE(StorageFormat::parse("float16", &why));
    CHECK(packed_bytes(3, 7) == 3u);  // 21 bits -> 3 bytes
    CHECK(packed_bytes(8, 7) == 7u);
}

TEST_CASE("fp32 compute policy: DAZ, FTZ and canonical NaN", "[numerics]") {
    const float tiny = std::ldexp(1.0f, -70);
    CHECK(fp32::bits(fp32::mul(tiny, tiny)) == 0u);                  // underflow -> +0
    CHECK(fp32::bits(fp32::mul(-tiny, tiny)) == 0x80000000u);        // -> -0
    CHECK(fp32::bits(fp32::mul(fp32::from_bits(1u), 1e30f)) == 0u);  // subnormal input read as 0
    CHECK(fp32::bits(fp32::mul(INFINITY, 0.0f)) == fp32::kCanonicalNan);
    CHECK(fp32::bits(fp32::add(INFINITY, -INFINITY)) == fp32::kCanonicalNan);
    CHECK(fp32::bits(fp32::add(-0.0f, -0.0f)) == 0x80000000u);
    CHECK(fp32::bits(fp32::add(1.0f, -1.0f)) == 0u);
    // 2^-126 x (1 - 2^-24) rounds up to the smallest normal and is kept.
    CHECK(fp32::mul(std::ldexp(1.0f, -63), std::ldexp(0.99999994f, -63)) == std::ldexp(1.0f, -126));
}
