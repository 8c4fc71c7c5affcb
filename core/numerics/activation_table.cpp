#include "numerics/activation_table.h"

#include <cmath>

namespace edgesa {

namespace {

int32_t q16(double v) {
    return int32_t(std::llround(v * double(1 << kActConstFrac)));
}

PwlTable make_table(const char* name, int shift, double low, double high, double (*f)(double)) {
    PwlTable t;
    t.name = name;
    t.shift = shift;
    t.range = double(kPwlSegments) / double(1 << shift);
    t.low = low;
    t.high = high;
    const double w = 1.0 / double(1 << shift);
    const bool odd = low < 0;  // tanh: odd; sigmoid: f(-x) = 1 - f(x)
    for (int i = 0; i < kPwlSegments; ++i) {
        const double a = i * w, b = (i + 1) * w;
        const double s = (f(b) - f(a)) / w;
        const double c = f(a) - s * a;
        t.slope[size_t(i)] = s;
        t.icpt_pos[size_t(i)] = c;
        t.icpt_neg[size_t(i)] = odd ? -c : 1.0 - c;
        t.slope_f32[size_t(i)] = float(s);
        t.icpt_pos_f32[size_t(i)] = float(c);
        t.icpt_neg_f32[size_t(i)] = float(t.icpt_neg[size_t(i)]);
        t.slope_q16[size_t(i)] = q16(s);
        t.icpt_pos_q16[size_t(i)] = q16(c);
        // the exact mirror of the positive side's fixed constant
        t.icpt_neg_q16[size_t(i)] = odd ? -q16(c) : (1 << kActConstFrac) - q16(c);
    }
    return t;
}

double sigmoid(double x) {
    return 1.0 / (1.0 + std::exp(-x));
}
double tanh_fn(double x) {
    return std::tanh(x);
}

}  // namespace

const PwlTable& sigmoid_table() {
    static const PwlTable t = make_table("sigmoid", 1, 0.0, 1.0, sigmoid);
    return t;
}

const PwlTable& tanh_table() {
    static const PwlTable t = make_table("tanh", 2, -1.0, 1.0, tanh_fn);
    return t;
}

float leaky_slope_f32() {
    return float(kLeakySlope);
}
float sixth_f32() {
    return float(1.0 / 6.0);
}
int32_t leaky_slope_q16() {
    return q16(kLeakySlope);
}
int32_t sixth_q16() {
    return q16(1.0 / 6.0);
}

}  // namespace edgesa
