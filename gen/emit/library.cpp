// The emitters of the library units (gen/rtl/*.v): each copies its file, and the fault injections
// of the equivalence tests patch one line of the copy.
#include "library.h"

#include <stdexcept>

#include "emitters.h"

namespace edgesa::gen {

VerilogUnit library_unit(const std::string& module, const std::vector<Patch>& patches) {
    for (const LibraryFile& f : rtl_library()) {
        if (f.name != module + ".v") continue;
        std::string text = f.text;
        const std::string prefix = "// " + module + ": ";
        const size_t eol = text.find('\n');
        if (text.compare(0, prefix.size(), prefix) != 0 || eol == std::string::npos ||
            text[eol - 1] != '.')
            throw std::logic_error("gen/rtl/" + module + ".v must open with '" + prefix +
                                   "<purpose>.'");
        const std::string purpose = text.substr(prefix.size(), eol - 1 - prefix.size());
        for (const auto& [from, to] : patches) {
            const size_t at = text.find(from);
            if (at == std::string::npos || text.find(from, at + 1) != std::string::npos)
                throw std::logic_error("fault patch does not match gen/rtl/" + module +
                                       ".v exactly once: " + from);
            text.replace(at, from.size(), to);
        }
        if (!text.empty() && text.back() == '\n') text.pop_back();  // the writer adds the last
        return {module, purpose, text};
    }
    throw std::logic_error("no library unit " + module + " (gen/rtl/)");
}

VerilogUnit emit_fp32_mul(const GenContext& ctx) {
    // Fault mul-round-flip: ties round to odd instead of even.
    if (ctx.has(Fault::kMulRoundFlip))
        return library_unit("edgesa_fp32_mul", {{"(sticky | sig[0])", "(sticky | ~sig[0])"}});
    return library_unit("edgesa_fp32_mul");
}

VerilogUnit emit_fp32_add(const GenContext& ctx) {
    // Fault add-no-sticky: bits shifted out during alignment are forgotten.
    if (ctx.has(Fault::kAddNoSticky))
        return library_unit("edgesa_fp32_add", {{"y_shift[0] | (|(y_full & lost_mask))",
                                                 "y_shift[0] | (1'b0 & (|(y_full & lost_mask)))"}});
    return library_unit("edgesa_fp32_add");
}

VerilogUnit emit_cf_encode(const GenContext& ctx) {
    // Fault compressor-round-flip: ties round to odd.
    if (ctx.has(Fault::kCompressorRoundFlip))
        return library_unit("edgesa_cf_encode",
                            {{"(rem == half) && man[0]", "(rem == half) && ~man[0]"}});
    return library_unit("edgesa_cf_encode");
}

VerilogUnit emit_fixed_convert(const GenContext& ctx) {
    // Fault convert-round-flip (edgesa verify's checker check): with rne, the rounding increment
    // of every right shift is inverted, so each requantised value is one LSB off.
    if (ctx.has(Fault::kConvertRoundFlip))
        return library_unit(
            "edgesa_fixed_convert",
            {{"rne_i && guard && (sticky || floor_q[0])",
              "rne_i && !sh[6] && sh != 7'sd0 && !(guard && (sticky || floor_q[0]))"}});
    return library_unit("edgesa_fixed_convert");
}

VerilogUnit emit_axi_top(const GenContext& ctx) {
    // Fault axi-short-read: an AR burst of several memory bursts asks for one beat too few.
    if (ctx.has(Fault::kAxiShortRead))
        return library_unit("edgesa_axi_top",
                            {{"arlen_q <= axi_len(ar_chunk);",
                              "arlen_q <= axi_len(ar_chunk) - {7'd0, ar_chunk > 16'd1};"}});
    return library_unit("edgesa_axi_top");
}

VerilogUnit emit_fifo(const GenContext&) {
    return library_unit("edgesa_fifo");
}
VerilogUnit emit_cf_decode(const GenContext&) {
    return library_unit("edgesa_cf_decode");
}
VerilogUnit emit_cf_const_calc(const GenContext&) {
    return library_unit("edgesa_cf_const_calc");
}
VerilogUnit emit_act_lane(const GenContext&) {
    return library_unit("edgesa_act_lane");
}
VerilogUnit emit_fixed_act(const GenContext&) {
    return library_unit("edgesa_fixed_act");
}
VerilogUnit emit_storage_to_fixed(const GenContext&) {
    return library_unit("edgesa_storage_to_fixed");
}
VerilogUnit emit_fixed_to_storage(const GenContext&) {
    return library_unit("edgesa_fixed_to_storage");
}

}  // namespace edgesa::gen
