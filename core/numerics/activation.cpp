#include "numerics/activation.h"

#include <algorithm>
#include <cmath>

#include "numerics/fp32.h"

namespace edgesa {

bool is_activation_function(const std::string& n) {
    return n == "relu" || n == "relu6" || n == "hard_sigmoid" || n == "hard_swish" ||
           n == "sigmoid" || n == "silu" || n == "tanh" || n == "leaky_relu";
}

const char* activation_function_names() {
    return "relu, relu6, leaky_relu, hard_sigmoid, hard_swish, sigmoid, silu, tanh";
}

float activate(const std::string& n, float in) {
    const float x = fp32::from_bits(fp32::daz(fp32::bits(in)));
    if (n == "relu") return x > 0 ? x : 0.0f;
    if (n == "relu6") return x > 0 ? (x < 6.0f ? x : 6.0f) : 0.0f;
    const double d = x;
    double y = d;
    if (n == "leaky_relu")  // slope 0.1 (Darknet's leaky)
        y = d > 0 ? d : 0.1 * d;
    else if (n == "hard_sigmoid")
        y = std::min(std::max(d + 3.0, 0.0), 6.0) / 6.0;
    else if (n == "hard_swish")
        y = d * (std::min(std::max(d + 3.0, 0.0), 6.0) / 6.0);
    else if (n == "sigmoid")
        y = 1.0 / (1.0 + std::exp(-d));
    else if (n == "silu")
        y = d / (1.0 + std::exp(-d));
    else if (n == "tanh")
        y = std::tanh(d);
    else
        return in;  // "" and "transfer"
    return fp32::canonicalize(float(y));
}

}  // namespace edgesa
