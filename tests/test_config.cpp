// Config loading: every bad input gets one line "file:line:col: key = value: rule".
#include <catch2/catch.hpp>

#include "config/act_support.h"
#include "config/loader.h"
#include "config/schema.h"
#include "diag/diagnostic.h"
#include "numerics/activation.h"

using namespace edgesa;

namespace {
const char* kGood = R"(array:
  rows: 8
  width: 8
)";

std::string error_of(const std::string& yaml) {
    try {
        load_config_text(yaml, "x.yaml");
    } catch (const InputError& e) {
        return e.what();
    }
    return "(no error)";
}
}  // namespace

TEST_CASE("a minimal config resolves with defaults and derived values", "[config][smoke]") {
    const AccelConfig c = load_config_text(kGood, "x.yaml");
    CHECK(c.array.rows == 8);
    CHECK(c.array.buffer_depth == 4);
    CHECK(c.compute.type == "fp32");
    CHECK(c.derived.tree_levels == 3);
    CHECK(c.derived.tree_stages == 3);
    CHECK(c.derived.peak_macs_per_cycle == 64);
    CHECK(c.derived.dram_bytes_per_cycle == Approx(37.3));
    CHECK(c.derived.dram_millibytes_per_cycle == 37300);
    CHECK(c.derived.dram_latency_cycles == 5);
    CHECK(c.derived.hash.size() == 16);
}

TEST_CASE("derived values for fixed compute and staged trees", "[config]") {
    const AccelConfig c = load_config_text(R"(array: {rows: 64, width: 32, tree_levels_per_stage: 2}
compute: {type: q3.13, product_bits: 30, accumulator_bits: 36}
clock: {mhz: 800}
)",
                                           "x.yaml");
    CHECK(c.derived.tree_levels == 5);
    CHECK(c.derived.tree_stages == 3);
    CHECK(c.derived.fixed_compute);
    CHECK(c.derived.fixed.product_frac_bits() == 24);
    CHECK(c.derived.operand_bits == 16);
    CHECK(c.derived.dram_bytes_per_cycle == Approx(4.6625));
}

TEST_CASE("the config hash changes with any parameter and ignores the name", "[config]") {
    const auto a = load_config_text(kGood, "a.yaml");
    const auto b = load_config_text(std::string(kGood) + "name: other\n", "b.yaml");
    const auto c = load_config_text(std::string(kGood) + "dram: {latency_ns: 51}\n", "c.yaml");
    CHECK(a.derived.hash == b.derived.hash);
    CHECK(a.derived.hash != c.derived.hash);
}

TEST_CASE("act_pool.functions: all eight by default, a declared subset as act-code bits",
          "[config]") {
    const auto all = load_config_text(kGood, "a.yaml");
    CHECK(all.derived.act_functions == 0x1feu);  // codes 1 (relu) .. 8 (tanh)
    const auto some =
        load_config_text(std::string(kGood) + "act_pool: {functions: \"relu6, tanh\"}\n", "b.yaml");
    CHECK(some.derived.act_functions == ((1u << kActRelu6) | (1u << kActTanh)));
    // A design that leaves functions out is another design; the default keeps the old hash.
    CHECK(some.derived.hash != all.derived.hash);
    const auto listed = load_config_text(
        std::string(kGood) + "act_pool: {functions: \"" + activation_function_names() + "\"}\n",
        "c.yaml");
    CHECK(listed.derived.hash == all.derived.hash);
}

TEST_CASE("act_pool.ops: all five by default, a declared subset as PoolOpBit bits", "[config]") {
    const auto all = load_config_text(kGood, "a.yaml");
    CHECK(all.derived.pool_ops == kAllPoolOps);
    CHECK(all.act_pool.ops == "max_pool, avg_pool, add, mul, scale_shift");
    const auto some =
        load_config_text(std::string(kGood) + "act_pool: {ops: \"add, max_pool\"}\n", "b.yaml");
    CHECK(some.derived.pool_ops == ((1u << kPoolMax) | (1u << kPoolAdd)));
    CHECK(pool_op_unsupported(some, "add").empty());
    CHECK(pool_op_unsupported(some, "").empty());  // a layer of no pool operation
    CHECK(pool_op_unsupported(some, "mul") ==
          "not in act_pool.ops (add, max_pool in b.yaml); add mul to act_pool.ops");
    // A design that leaves operations out is another design; the default keeps the old hash.
    CHECK(some.derived.hash != all.derived.hash);
    const auto listed = load_config_text(
        std::string(kGood) + "act_pool: {ops: \"" + pool_op_names() + "\"}\n", "c.yaml");
    CHECK(listed.derived.hash == all.derived.hash);
}

// Each bad config and the exact line it must produce.
TEST_CASE("bad configs each get one precise error line", "[config]") {
    struct Case {
        const char* what;
        std::string yaml;
        std::string expected;
    };
    const std::vector<Case> cases = {
        {"width not a power of two", "array:\n  rows: 8\n  width: 12\n",
         "x.yaml:3:10: array.width = 12: must be a power of two\n"},
        {"storage kind misspelled", "array: {rows: 8, width: 8}\nstorage: {kinds: \"fixed,cf\"}\n",
         "x.yaml:2:18: storage.kinds = fixed,cf: 'cf' is not a storage kind; expected fp32, custom "
         "or fixed\n"},
        {"activation function misspelled",
         "array: {rows: 8, width: 8}\nact_pool: {functions: \"relu, sigmod\"}\n",
         "x.yaml:2:23: act_pool.functions = relu, sigmod: 'sigmod' is not an activation "
         "function; expected relu, relu6, leaky_relu, hard_sigmoid, hard_swish, sigmoid, silu, "
         "tanh\n"},
        {"no activation function", "array: {rows: 8, width: 8}\nact_pool: {functions: \"\"}\n",
         "x.yaml:2:23: act_pool.functions = \"\": must name at least one of relu, relu6, "
         "leaky_relu, hard_sigmoid, hard_swish, sigmoid, silu, tanh (comma-separated)\n"},
        {"activation function twice",
         "array: {rows: 8, width: 8}\nact_pool: {functions: \"relu,tanh,relu\"}\n",
         "x.yaml:2:23: act_pool.functions = relu,tanh,relu: names 'relu' twice\n"},
        {"act/pool operation misspelled",
         "array: {rows: 8, width: 8}\nact_pool: {ops: \"max_pool, avgpool\"}\n",
         "x.yaml:2:17: act_pool.ops = max_pool, avgpool: 'avgpool' is not an act/pool operation; "
         "expected max_pool, avg_pool, add, mul, scale_shift\n"},
        {"no act/pool operation", "array: {rows: 8, width: 8}\nact_pool: {ops: \"\"}\n",
         "x.yaml:2:17: act_pool.ops = \"\": must name at least one of max_pool, avg_pool, add, "
         "mul, scale_shift (comma-separated)\n"},
        {"act/pool operation twice",
         "array: {rows: 8, width: 8}\nact_pool: {ops: \"add,mul,add\"}\n",
         "x.yaml:2:17: act_pool.ops = add,mul,add: names 'add' twice\n"},
        {"fp32 storage at 16 bits",
         "array: {rows: 8, width: 8}\nstorage: {kinds: \"fp32,fixed\", lane_bits: 16}\n",
         "x.yaml:2:43: storage.lane_bits = 16: fp32 storage is 32 bits: use 0 or 32, or drop fp32 "
         "from storage.kinds\n"},
        {"unknown top-level key", "arrray:\n  rows: 8\n",
         "x.yaml:1:1: arrray: unknown key (did you mean 'array'?); `edgesa params` lists every "
         "key\n"},
        {"unknown nested key", "array:\n  rows: 8\n  widht: 8\n",
         "x.yaml:3:3: array.widht: unknown key (did you mean 'array.width'?); `edgesa params` "
         "lists every key\n"},
        {"misplaced key", "array: {rows: 8, width: 8}\nburst_bytes: 32\n",
         "x.yaml:2:1: burst_bytes: unknown key (did you mean 'dram.burst_bytes'?); `edgesa params` "
         "lists every key\n"},
        {"integer expected", "array:\n  rows: sixty\n  width: 8\n",
         "x.yaml:2:9: array.rows = sixty: must be an integer\n"},
        {"fractional integer", "array:\n  rows: 8.5\n  width: 8\n",
         "x.yaml:2:9: array.rows = 8.5: must be an integer\n"},
        {"out of range", "array:\n  rows: 0\n  width: 8\n",
         "x.yaml:2:9: array.rows = 0: must be in 1..1024\n"},
        {"number expected", "array: {rows: 8, width: 8}\nclock:\n  mhz: fast\n",
         "x.yaml:3:8: clock.mhz = fast: must be a number\n"},
        {"negative float", "array: {rows: 8, width: 8}\ndram:\n  bandwidth_gbps: -1\n",
         "x.yaml:3:19: dram.bandwidth_gbps = -1: must be in 0.001..1000\n"},
        {"enum", "array: {rows: 8, width: 8}\nrounding: trunk\n",
         "x.yaml:2:11: rounding = trunk: must be one of trunc | rne (did you mean 'trunc'?)\n"},
        {"compute type custom float", "array: {rows: 8, width: 8}\ncompute: {type: e4m3b7}\n",
         "x.yaml:2:17: compute.type = e4m3b7: must be fp32 or a fixed format q<I>.<F>, not a "
         "custom float\n"},
        {"fixed-only key with fp32", "array: {rows: 8, width: 8}\ncompute:\n  product_bits: 24\n",
         "x.yaml:3:17: compute.product_bits = 24: only applies to fixed compute, but compute.type "
         "= fp32\n"},
        {"inconsistent widths",
         "array: {rows: 8, width: 8}\ncompute: {type: q3.13, product_bits: 32, accumulator_bits: "
         "24}\n",
         "x.yaml:2:60: compute.accumulator_bits = 24: must be at least compute.product_bits = "
         "32\n"},
        {"product wider than exact",
         "array: {rows: 8, width: 8}\ncompute: {type: q3.13, product_bits: 40, accumulator_bits: "
         "40}\n",
         "x.yaml:2:38: compute.product_bits = 40: must be at most 2 x 16 = 32 bits, the exact "
         "product of q3.13 operands\n"},
        {"too many decompressors", "array: {rows: 8, width: 8}\ndecompressor: {engines: 16}\n",
         "x.yaml:2:25: decompressor.engines = 16: exceeds array.width = 8: row 0 takes at most "
         "width values per cycle\n"},
        {"burst not a power of two", "array: {rows: 8, width: 8}\ndram: {burst_bytes: 48}\n",
         "x.yaml:2:21: dram.burst_bytes = 48: must be a power of two\n"},
        {"missing required", "array:\n  width: 8\n",
         "x.yaml:1:1: array.rows: required key is missing\n"},
        {"duplicate key", "array:\n  rows: 8\n  rows: 16\n  width: 8\n",
         "x.yaml:3:3: array.rows: duplicate key\n"},
        {"section as scalar", "array: 5\n",
         "x.yaml:1:8: array: must be a mapping of its parameters\n"},
        {"list for a value", "array:\n  rows: [8, 16]\n  width: 8\n",
         "x.yaml:2:9: array.rows: must be a single value, not a list or mapping\n"},
        {"empty file", "",
         "x.yaml:1:1: empty config: expected a mapping with at least array.rows and array.width\n"},
        {"comment-only file", "# nothing\n",
         "x.yaml:1:1: empty config: expected a mapping with at least array.rows and array.width\n"},
        {"top level is a list", "- 1\n- 2\n",
         "x.yaml:1:1: the top level must be a mapping of sections (array:, dram:, ...)\n"},
        {"not YAML", "array: {rows: 8, width: [8\n",
         "x.yaml:2:1: not valid YAML: end of sequence flow not found\n"},
        {"tab indentation", "array:\n\trows: 8\n",
         "x.yaml:2:6: not valid YAML: illegal map value\n"},
        {"several errors at once", "array:\n  rows: -1\n  width: 3\ndram: {latency_ns: x}\n",
         "x.yaml:2:9: array.rows = -1: must be in 1..1024\nx.yaml:3:10: array.width = 3: must be a "
         "power of two\n"
         "x.yaml:4:20: dram.latency_ns = x: must be a number\n"},
    };
    REQUIRE(cases.size() >= 15);
    for (const auto& c : cases) {
        INFO(c.what);
        CHECK(error_of(c.yaml) == c.expected);
    }
}

TEST_CASE("overrides are validated like file keys", "[config]") {
    const std::string path = std::string(EDGESA_SOURCE_PATH) + "/configs/rtl_4x4_q3.13.yaml";
    const auto c = load_config_file(path, {{"array.rows", "16"}, {"dram.latency_ns", "10"}});
    CHECK(c.array.rows == 16);
    CHECK(c.derived.dram_latency_cycles == 1);
    try {
        load_config_file(path, {{"array.width", "6"}});
        FAIL("no error");
    } catch (const InputError& e) {
        CHECK(std::string(e.what()) ==
              "override array.width=6: array.width = 6: must be a power of two\n");
    }
}

TEST_CASE("every schema entry has a description, a unit column and a consistent default",
          "[config]") {
    for (const auto& p : param_schema()) {
        INFO(p.path);
        CHECK(!p.description.empty());
        CHECK(p.set);
        CHECK(p.get);
        if (p.type == ParamType::kInt || p.type == ParamType::kFloat) CHECK(p.min <= p.max);
    }
}
