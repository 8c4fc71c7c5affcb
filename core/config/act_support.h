#pragma once
// Which activation functions (act_pool.functions) and which pooling / elementwise operations
// (act_pool.ops) a design's act/pool lanes implement. The generator builds only these
// (edgesa_fixed_act / edgesa_act_lane parameter Functions, edgesa_pool_lane parameter Ops); the
// simulator and verify reject a trace using another, through act_function_unsupported() and
// pool_op_unsupported().
#include <cstdint>
#include <string>

#include "config/accel_config.h"

namespace edgesa {

// "relu, relu6" -> bit 1 | bit 2 (bit c = act code c, core/numerics/activation.h); names that are
// not functions are ignored (the schema rejected them).
uint32_t act_function_mask(const std::string& functions);

// "" when the design implements `name` (or it is no function: "", "transfer", "linear");
// otherwise the broken rule, naming the config key to change.
std::string act_function_unsupported(const AccelConfig& cfg, const std::string& name);

// The act/pool lanes' operations (act_pool.ops), bit b of edgesa_pool_lane's parameter Ops.
// max_pool: maxpool layers (DescPoolOp 1); avg_pool: avgpool and global_avgpool (op 2 scaled by
// round(2^16/n) or float(1/n)); add: elementwise add (op 2, a fixed add saturated through the
// same scale path by 2^16 / 2^16); mul (op 3); scale_shift (op 4).
enum PoolOpBit { kPoolMax = 0, kPoolAvg = 1, kPoolAdd = 2, kPoolMul = 3, kPoolScaleShift = 4 };
constexpr int kPoolOpCount = 5;
constexpr uint32_t kAllPoolOps = (1u << kPoolOpCount) - 1;

// "max_pool, avg_pool, add, mul, scale_shift" (the default of act_pool.ops).
const char* pool_op_names();
// The name of bit b ("max_pool" ...), "?" outside 0..4.
const char* pool_op_name(int bit);
// The bit of a name, -1 when it is none.
int pool_op_bit(const std::string& name);

// "max_pool, add" -> bit 0 | bit 2; names that are not ops are ignored (the schema rejected them).
uint32_t pool_op_mask(const std::string& ops);

// "" when the design implements op `name` (or `name` is "": the layer uses no pool operation);
// otherwise the broken rule, naming the config key to change.
std::string pool_op_unsupported(const AccelConfig& cfg, const std::string& name);

}  // namespace edgesa
