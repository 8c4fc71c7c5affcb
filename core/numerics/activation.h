#pragma once
// The act/pool unit's activation functions, one definition for the reference, the simulator's
// functional mode and the tools (docs/numerics.md, "Activations").
#include <string>

namespace edgesa {

// True for a function the act/pool unit applies (relu, relu6, leaky_relu (slope 0.1), hard_sigmoid,
// hard_swish, sigmoid, silu, tanh); "" and "transfer" (a copy) are not functions.
bool is_activation_function(const std::string& name);
// The names above, comma separated, for messages.
const char* activation_function_names();

// f(x) on an fp32 value: relu and relu6 exactly; the others evaluated in double precision and
// rounded once to fp32 (nearest even), then the fp32 policy (DAZ input, FTZ result). "" and
// "transfer" return x. Fixed compute applies the same rule to the exact fp32 value of its raw
// operand and stores the result with the configured rounding.
float activate(const std::string& name, float x);

}  // namespace edgesa
