// `edgesa format encode|decode|constants|choose`: the number-format library from the shell.
#include <cstdlib>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "command.h"
#include "diag/diagnostic.h"
#include "io/npy.h"
#include "numerics/format_chooser.h"
#include "numerics/fp32.h"
#include "numerics/storage_format.h"

namespace edgesa {
namespace {

StorageFormat parse_format_arg(const std::string& text) {
    std::string why;
    auto f = StorageFormat::parse(text, &why);
    if (!f) throw InputError(Diagnostic{{"<command line>", 0, 0}, "FORMAT", text, why});
    return *f;
}

float parse_float_arg(const std::string& text) {
    char* end = nullptr;
    const float v = std::strtof(text.c_str(), &end);
    if (text.empty() || *end != '\0')
        throw InputError(Diagnostic{{"<command line>", 0, 0}, "VALUE", text, "must be a number"});
    return v;
}

uint32_t parse_code_arg(const std::string& text, int bits) {
    char* end = nullptr;
    const unsigned long long v = std::strtoull(text.c_str(), &end, 0);
    if (text.empty() || *end != '\0')
        throw InputError(Diagnostic{
            {"<command line>", 0, 0}, "CODE", text, "must be an integer code (decimal or 0x hex)"});
    if (bits < 64 && (v >> bits) != 0)
        throw InputError(Diagnostic{{"<command line>", 0, 0},
                                    "CODE",
                                    text,
                                    fmt::format("does not fit the format's {} bits", bits)});
    return uint32_t(v);
}

// Encoding of one value: code bits right-aligned, and what it decodes to.
struct Encoded {
    uint64_t code;
    float decoded;
};

Encoded encode(const StorageFormat& f, float x, Rounding mode) {
    if (f.is_custom_float()) {
        const uint32_t code = cf_encode(f.custom_float(), x, mode);
        return {code, cf_decode(f.custom_float(), code)};
    }
    if (f.is_fixed()) {
        const int64_t raw = fixed_from_float(f.fixed(), x, mode);
        const uint64_t mask = (uint64_t(1) << f.bits()) - 1;
        return {uint64_t(raw) & mask, fixed_to_float(f.fixed(), raw)};
    }
    const float c = fp32::canonicalize(x);
    return {fp32::bits(c), c};
}

float decode(const StorageFormat& f, uint32_t code) {
    if (f.is_custom_float()) return cf_decode(f.custom_float(), code);
    if (f.is_fixed()) {
        const int b = f.bits();
        int64_t raw = code;
        if (b < 64 && (raw >> (b - 1)) & 1) raw -= int64_t(1) << b;  // sign-extend
        return fixed_to_float(f.fixed(), raw);
    }
    return fp32::from_bits(code);
}

std::string hex_code(uint64_t code, int bits) {
    return fmt::format("0x{:0{}x}", code, (bits + 3) / 4);
}

void setup(CLI::App& root) {
    auto* cmd = root.add_subcommand("format", "Encode, decode and choose storage number formats");
    cmd->require_subcommand(1);

    static std::string fmt_text, rounding = "trunc", file;
    static std::vector<std::string> values;
    static bool json = false;
    static double coverage = 0.995;
    static int mantissa = 3;

    auto* enc =
        cmd->add_subcommand("encode", "Print each VALUE's code in hex and the value it decodes to");
    enc->add_option("FORMAT", fmt_text, "fp32, e<E>m<M>b<B> or q<I>.<F>")->required();
    enc->add_option("VALUE", values, "Values to encode")->required();
    enc->add_option("--round", rounding, "Rounding: trunc (hardware default) or rne")
        ->check(CLI::IsMember({"trunc", "rne"}));
    enc->add_flag("--json", json, "Print JSON");
    enc->callback([] {
        const StorageFormat f = parse_format_arg(fmt_text);
        const Rounding mode = *parse_rounding(rounding);
        nlohmann::ordered_json out = nlohmann::ordered_json::array();
        for (const auto& v : values) {
            const float x = parse_float_arg(v);
            const Encoded e = encode(f, x, mode);
            if (json)
                out.push_back(
                    {{"value", v}, {"code", hex_code(e.code, f.bits())}, {"decoded", e.decoded}});
            else
                fmt::print("{} -> {} -> {}\n", v, hex_code(e.code, f.bits()), e.decoded);
        }
        if (json) fmt::print("{}\n", out.dump(2));
    });

    auto* dec = cmd->add_subcommand("decode", "Print the value of each CODE");
    dec->add_option("FORMAT", fmt_text, "fp32, e<E>m<M>b<B> or q<I>.<F>")->required();
    dec->add_option("CODE", values, "Codes (decimal or 0x hex)")->required();
    dec->callback([] {
        const StorageFormat f = parse_format_arg(fmt_text);
        for (const auto& v : values) {
            const uint32_t code = parse_code_arg(v, f.bits());
            fmt::print("{} -> {}\n", hex_code(code, f.bits()), decode(f, code));
        }
    });

    auto* con =
        cmd->add_subcommand("constants", "Print the engine constants of a custom float format");
    con->add_option("FORMAT", fmt_text, "e<E>m<M>b<B>")->required();
    con->callback([] {
        const StorageFormat f = parse_format_arg(fmt_text);
        if (!f.is_custom_float())
            throw InputError(
                Diagnostic{{"<command line>", 0, 0},
                           "FORMAT",
                           fmt_text,
                           "engine constants exist only for custom floats e<E>m<M>b<B>"});
        const EngineConstants k = engine_constants(f.custom_float());
        auto show = [](const char* n, uint32_t b) {
            fmt::print("{:<14} 0x{:08x}  ({})\n", n, b, fp32::from_bits(b));
        };
        show("min", k.min_bits);
        show("min_half", k.min_half_bits);
        show("max", k.max_bits);
        fmt::print("{:<14} {}\n{:<14} {}\n{:<14} 0x{:x}\n{:<14} {}\n{:<14} {}\n", "sign_shift",
                   k.sign_shift, "adj_bias", k.adj_bias, "exp_mask", k.exp_mask, "exp_shift",
                   k.exp_shift, "man_shift", k.man_shift);
    });

    auto* ch = cmd->add_subcommand("choose", "Choose E and bias from FILE's exponent histogram");
    ch->add_option("FILE", file, ".npy (float32) or raw little-endian float32")->required();
    ch->add_option("--coverage", coverage,
                   "Fraction of non-zero values the exponent window must cover")
        ->check(CLI::Range(0.0, 1.0));
    ch->add_option("--mantissa", mantissa, "Mantissa bits M of the result")
        ->check(CLI::Range(0, 23));
    ch->add_flag("--json", json, "Print JSON");
    ch->callback([] {
        const FloatTensor t = read_float_tensor(file);
        ExponentHistogram h;
        for (float x : t.data) h.add(x);
        const FormatChoice c = choose_format(h, coverage, mantissa);
        if (json) {
            fmt::print("{}\n",
                       nlohmann::ordered_json{
                           {"format", c.format.name()},
                           {"coverage", c.coverage},
                           {"values", t.data.size()},
                           {"nonzero", h.nonzero},
                           {"window", {c.format.min_exponent(), c.format.max_exponent()}}}
                           .dump(2));
        } else {
            fmt::print("{}  (exponents {}..{} cover {:.4f} of {} non-zero values)\n",
                       c.format.name(), c.format.min_exponent(), c.format.max_exponent(),
                       c.coverage, h.nonzero);
        }
    });
}

const bool registered = register_command("format", 30, setup);

}  // namespace
}  // namespace edgesa
