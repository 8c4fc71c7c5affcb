#include "numerics/format_chooser.h"

#include "numerics/fp32.h"

namespace edgesa {

void ExponentHistogram::add(float x) {
    const uint32_t u = fp32::bits(x);
    const uint32_t e = fp32::exp_field(u);
    if (e == 0xff) {
        ++non_finite;
        return;
    }
    if (e == 0) {  // zero or subnormal (read as zero)
        ++zeros;
        return;
    }
    ++counts[e - 1];  // exponent (e - 127) + 126
    ++nonzero;
}

uint64_t ExponentHistogram::count_in(int lo, int hi) const {
    uint64_t n = 0;
    for (int e = std::max(lo, -126); e <= std::min(hi, 127); ++e) n += counts[size_t(e + 126)];
    return n;
}

FormatChoice choose_format(const ExponentHistogram& h, double target, int man_bits) {
    for (int E = 2; E <= 8; ++E) {
        const int span = (1 << E) - 2;  // number of usable exponent fields
        // Legal windows keep [1-B, 2^E-2-B] inside fp32's normal exponents -126..127.
        const int lo_min = -126, lo_max = 127 - span + 1;
        uint64_t best = 0;
        int best_lo = lo_max;
        for (int lo = lo_max; lo >= lo_min; --lo) {  // high to low: ties keep the higher window
            const uint64_t c = h.count_in(lo, lo + span - 1);
            if (c > best) {
                best = c;
                best_lo = lo;
            }
        }
        const double cov = h.nonzero == 0 ? 1.0 : double(best) / double(h.nonzero);
        if (cov >= target || E == 8) {
            if (h.nonzero == 0) best_lo = -span / 2;
            return {CustomFloatFormat{E, man_bits, 1 - best_lo}, cov};
        }
    }
    return {};  // unreachable: E = 8 always returns
}

}  // namespace edgesa
