// edgesa_act_lane: one fp32 activation lane: bias add, then none / ReLU / ReLU6.
//
// The last add of the reduction order (acc + bias, docs/numerics.md) and the fused activation
// chosen at run time: 0 none, 1 ReLU (x > 0 ? x : +0, NaN -> +0), 2 ReLU6 (min(ReLU(x), 6)). The
// above-6 test compares ordered magnitude bits, valid for positive non-NaN values. Used by the
// act/pool lanes of an fp32 design (a fixed design requantises inline in edgesa_top).
//
// Library unit (gen/rtl/, docs/hardware.md): the same text in every design; edgesa gen copies
// it with the design's banner.
module edgesa_act_lane #(
  parameter integer SumBits = 32
) (
  input  wire [SumBits-1:0] x_i,
  input  wire [SumBits-1:0] bias_i,
  input  wire [1:0]         act_i,   // 0 none, 1 ReLU, 2 ReLU6
  output wire [SumBits-1:0] y_o
);
  localparam [SumBits-1:0] Six = 32'h40c00000;
  wire [SumBits-1:0] biased;
  edgesa_fp32_add u_add (.a_i(x_i), .b_i(bias_i), .s_o(biased));
  wire [SumBits-1:0] relu = (!biased[31] && (biased[30:0] != 31'd0) && !(biased[30:23] == 8'hff && biased[22:0] != 23'd0)) ? biased : {SumBits{1'b0}};
  assign y_o = (act_i == 2'd0) ? biased
             : (act_i == 2'd2 && (relu[30:0] > Six[30:0])) ? Six
             : relu;
endmodule
