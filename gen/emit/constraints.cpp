// The clock constraint files of a design (docs/fpga.md, "Constraint files"): one period, from the
// validated clock.mhz, in the SDC, the XDC and the iCE40 wrapper's PCFs.
#include <fmt/format.h>

#include "fpga.h"

namespace edgesa::gen {

std::string clock_period_ns(const AccelConfig& cfg) {
    return fmt::format("{:.3f}", 1000.0 / cfg.clock.mhz);
}

std::string sdc_text(const AccelConfig& cfg) {
    const std::string p = clock_period_ns(cfg);
    return fmt::format(
        "# edgesa_top runs on one clock, clk_i, at clock.mhz = {} ({} ns).\n"
        "create_clock -name clk_i -period {} [get_ports clk_i]\n"
        "# rst_ni asserts asynchronously; its release must be synchronised to clk_i outside the\n"
        "# top (docs/rtl-interface.md), so the port itself is not timed.\n"
        "set_false_path -from [get_ports rst_ni]\n"
        "# Every other port is registered inside the top and meant to connect to on-chip logic\n"
        "# (a wrapper or a bus adapter) on clk_i, so no input or output delay is given here: a\n"
        "# design that brings them to pins adds set_input_delay / set_output_delay for its "
        "board.\n",
        cfg.clock.mhz, p, p);
}

std::string xdc_text(const AccelConfig& cfg) {
    const std::string p = clock_period_ns(cfg);
    return fmt::format(
        "# edgesa_top runs on one clock, clk_i, at clock.mhz = {} ({} ns).\n"
        "create_clock -name clk_i -period {} [get_ports clk_i]\n"
        "set_false_path -from [get_ports rst_ni]\n"
        "# I/O: the top's ports (descriptor, the wide memory read and write ports) are not\n"
        "# package pins; the top sits inside a block design behind a bus adapter, so there is no\n"
        "# PACKAGE_PIN or IOSTANDARD here. Synthesise it out of context (synth_design -mode\n"
        "# out_of_context) with this file, or let the block design's clock drive clk_i.\n",
        cfg.clock.mhz, p, p);
}

const std::vector<Ice40Device>& ice40_devices() {
    // Pins: the iCEBreaker board (UP5K SG48: 12 MHz clock on 35, button 10, UART RX 6 / TX 9,
    // LED 11) and the iCE40-HX8K breakout board (CT256: clock J3, UART RX B10 / TX B12, LEDs
    // B5, B4). Capacities from the iCE40 data sheets (logic cells, 4 kbit RAMs, 16x16 DSPs,
    // package I/Os).
    static const std::vector<Ice40Device> d = {
        {"up5k",
         "--up5k",
         "sg48",
         "iCEBreaker",
         5280,
         30,
         8,
         39,
         {{"clk_i", "35"}, {"rst_ni", "10"}, {"sin_i", "6"}, {"sout_o", "9"}, {"done_o", "11"}}},
        {"hx8k",
         "--hx8k",
         "ct256",
         "iCE40-HX8K breakout",
         7680,
         32,
         0,
         206,
         {{"clk_i", "J3"},
          {"rst_ni", "B4"},
          {"sin_i", "B10"},
          {"sout_o", "B12"},
          {"done_o", "B5"}}},
    };
    return d;
}

std::string ice40_pcf_name(const Ice40Device& dev) {
    return "edgesa_ice40_wrap_" + dev.name + ".pcf";
}

std::string ice40_pcf_text(const AccelConfig& cfg, const Ice40Device& dev) {
    std::string s =
        fmt::format("# Pins of edgesa_ice40_wrap on the {} ({} {}); edit them for another board.\n",
                    dev.board, dev.name, dev.package);
    for (const auto& [port, pin] : dev.pins) s += fmt::format("set_io {} {}\n", port, pin);
    s += fmt::format(
        "# clock.mhz = {} ({} ns); nextpnr-ice40 also gets it as --freq.\n"
        "set_frequency clk_i {}\n",
        cfg.clock.mhz, clock_period_ns(cfg), cfg.clock.mhz);
    return s;
}

}  // namespace edgesa::gen
