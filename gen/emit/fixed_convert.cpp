// edgesa_fixed_convert / edgesa_converter_engine: the fixed-point storage converter
// (fixed_convert, FixedDatapath::requantize): shift a raw value from one fraction width to
// another with trunc (floor) or rne rounding, then saturate to the target width. Formats and
// rounding are run-time inputs, so one engine serves every layer; the engine puts the core
// behind the valid/ready shell (docs/architecture.md: fixed-point storage uses the same engines
// as converters).
#include "emitters.h"
#include "template.h"

namespace edgesa::gen {

VerilogUnit emit_fixed_convert(const GenContext& ctx) {
    // Fault convert-round-flip (edgesa verify's checker check): with rne, the rounding increment
    // of every right shift is inverted, so each requantised value is one LSB off.
    const std::string up =
        ctx.has(Fault::kConvertRoundFlip)
            ? "right && rne_i && !((rem > half) || ((rem == half) && floor_q[0]))"
            : "right && rne_i && ((rem > half) || ((rem == half) && floor_q[0]))";
    const char* text = R"(module edgesa_fixed_convert #(
  parameter integer OutBits = 32           // raw_o width: 32, or 48 for accumulator raws
) (
  input  wire signed [47:0]  raw_i,        // sign-extended source raw
  input  wire signed [6:0]   shift_i,      // from.F - to.F: > 0 shifts right (rounds), < 0 left
  input  wire [5:0]          to_bits_i,    // target width I + F, 1..OutBits
  input  wire                rne_i,        // 1: round to nearest even, 0: floor
  output wire [OutBits-1:0]  raw_o         // saturated target raw, sign-extended to OutBits
);
  // 96-bit working value: room for a 48-bit raw shifted left by up to 47.
  wire signed [95:0] wide = {{48{raw_i[47]}}, raw_i};
  wire               right = !shift_i[6] && (shift_i != 7'sd0);
  wire [6:0]         amount = shift_i[6] ? (~shift_i + 7'd1) : shift_i;
  wire signed [95:0] floor_q = right ? (wide >>> amount) : (wide <<< amount);
  // Remainder and half for rne (right shifts only).
  wire [95:0]        rem_mask = ~({96{1'b1}} << amount);
  wire [95:0]        rem = wide & rem_mask;
  wire [95:0]        half = {95'd0, 1'b1} << (amount - 7'd1);
  wire               up = ${UP};
  wire signed [95:0] rounded = floor_q + {95'd0, up};
  // Saturate to to_bits.
  wire signed [95:0] hi = ({{95{1'b0}}, 1'b1} <<< (to_bits_i - 6'd1)) - 96'sd1;
  wire signed [95:0] lo = -hi - 96'sd1;
  wire signed [95:0] sat = (rounded > hi) ? hi : (rounded < lo) ? lo : rounded;
  assign raw_o = sat[OutBits-1:0];
  /* verilator lint_off UNUSEDSIGNAL */
  wire [95-OutBits:0] unused_sat = sat[95:OutBits];  // the sign of raw_o after saturation
  /* verilator lint_on UNUSEDSIGNAL */
endmodule
)";
    return {"edgesa_fixed_convert",
            "fixed-point converter core (shift, round, saturate), combinational",
            subst(text, {{"UP", up}})};
}

VerilogUnit emit_converter_engine(const GenContext& ctx) {
    const char* text = R"(module edgesa_converter_engine #(
  parameter integer Stages = ${STAGES}
) (
  input  wire              clk_i,
  input  wire              rst_ni,
  input  wire signed [6:0] shift_i,    // from.F - to.F
  input  wire [5:0]        to_bits_i,  // to.I + to.F
  input  wire              rne_i,
  input  wire              in_valid_i,
  output wire              in_ready_o,
  input  wire [47:0]       in_raw_i,   // sign-extended source raw
  output wire              out_valid_o,
  input  wire              out_ready_i,
  output wire [31:0]       out_raw_o   // target raw, sign-extended to 32 bits
);
  wire [31:0] converted;
  edgesa_fixed_convert u_convert (
    .raw_i(in_raw_i), .shift_i(shift_i), .to_bits_i(to_bits_i), .rne_i(rne_i), .raw_o(converted)
  );
  edgesa_stream_pipe #(.DataBits(32), .Stages(Stages)) u_pipe (
    .clk_i(clk_i), .rst_ni(rst_ni),
    .in_valid_i(in_valid_i), .in_ready_o(in_ready_o), .in_data_i(converted),
    .out_valid_o(out_valid_o), .out_ready_i(out_ready_i), .out_data_o(out_raw_o)
  );
endmodule
)";
    return {"edgesa_converter_engine",
            "fixed-point converter engine: one value per cycle, formats at run time, valid/ready",
            subst(text, {{"STAGES", std::to_string(ctx.cfg.compressor.stages)}})};
}

}  // namespace edgesa::gen
