#pragma once
// The act/pool unit's activation functions in their hardware form, one definition for the
// reference, the simulator's functional mode and the generated RTL's constants
// (docs/numerics.md, "Activations").
#include <cstdint>
#include <string>

#include "numerics/fixed_point.h"
#include "numerics/rounding.h"

namespace edgesa {

// True for a function the act/pool unit applies (relu, relu6, leaky_relu (slope 0.1), hard_sigmoid,
// hard_swish, sigmoid, silu, tanh); "" and "transfer" (a copy) are not functions.
bool is_activation_function(const std::string& name);
// The names above, comma separated, for messages.
const char* activation_function_names();

// The descriptor's act code (hw::descriptor_fields() "act"): 0 none ("", "none", "linear",
// "transfer"), then the functions in the order above (relu 1 ... tanh 8); -1 for an unknown name.
enum ActCode : int {
    kActNone = 0,
    kActRelu,
    kActRelu6,
    kActLeakyRelu,
    kActHardSigmoid,
    kActHardSwish,
    kActSigmoid,
    kActSilu,
    kActTanh,
    kActCodes  // one past the last
};
int activation_code(const std::string& name);
const char* activation_code_name(int code);  // "none", "relu", ... "tanh"

// f(x) under fp32 compute: fp32 operations with one rounding each (fp32::mul/add), table
// constants from core/numerics/activation_table.h; subnormal inputs read as zero, a NaN input gives
// the canonical NaN for every function but relu and relu6 (+0). "" and "transfer" return x.
float activate(const std::string& name, float x);

// f(raw) under fixed compute on a raw of format `f` (the layer's fixed output format, or the
// operand format for another output): integer arithmetic on the raw with 16-fraction-bit constants,
// shift_round with `mode`, the result saturated to f's width.
int64_t activate_fixed(const std::string& name, int64_t raw, const FixedFormat& f, Rounding mode);

// The mathematical function in double precision, rounded once to fp32: not what the hardware
// computes, but what a framework computes; for the error bound of the hardware forms and the
// comparison of imported models with PyTorch (ReferenceOptions::exact_activations).
float activate_exact(const std::string& name, float x);

}  // namespace edgesa
