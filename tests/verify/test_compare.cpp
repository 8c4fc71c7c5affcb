// The comparator of `edgesa verify`: packing, and that each kind of difference is reported at
// the right item, index, tensor element and cycle.
#include <catch2/catch.hpp>

#include "compare.h"

using namespace edgesa;
using namespace edgesa::verify;

namespace {

// A 2x2x3 output of 4-bit codes, written in two 4-byte bursts at cycles 20 and 30, in the
// drain's (channel-interleaved) order.
struct Fixture {
    Layer layer;
    ScLayerRun sc;
    RtlLayerResult rtl;
    Fixture() {
        layer.out = {2, 2, 3};
        sc.name = rtl.name = "L";
        sc.start_cycle = rtl.start_cycle = 0;
        sc.end_cycle = rtl.end_cycle = 31;
        sc.reads = {{1, 0x100, 2}, {5, 0x110, 1}};
        rtl.reads = {{1, 0x100, 2}, {5, 0x110, 1}};
        sc.writes = {{20, 0x2000, 1}, {30, 0x2004, 1}};
        rtl.writes = {{20, 0x2000, 1}, {30, 0x2004, 1}};
        sc.write_order = {0, 6, 1, 7, 2, 8, 3, 9, 4, 10, 5, 11};
        for (int i = 0; i < 12; ++i) sc.codes.push_back(int64_t(i * 5 % 16));
        rtl.out_bytes = pack_codes(sc.codes, 4);
    }
    std::optional<Mismatch> run() const { return compare_layer(sc, rtl, layer, 4, 4, 0x2000); }
};

}  // namespace

TEST_CASE("verify packing: codes pack LSB first and unpack to the same bits", "[verify][smoke]") {
    const std::vector<int64_t> codes = {0x1, 0x7, -1, 0x10};  // -1 at 5 bits is 0x1f; 0x10 stays
    const auto bytes = pack_codes(codes, 5);
    REQUIRE(bytes.size() == 3);  // 20 bits
    CHECK(bytes[0] == uint8_t(0x1 | (0x7 << 5)));
    const auto back = unpack_codes(bytes, 5, 4);
    CHECK(back == std::vector<uint64_t>{0x1, 0x7, 0x1f, 0x10});
    CHECK(unpack_codes(pack_codes({0x3f800000, 0x7fc00000}, 32), 32, 2) ==
          std::vector<uint64_t>{0x3f800000, 0x7fc00000});
}

TEST_CASE("verify compare: identical sides match", "[verify][smoke]") {
    Fixture f;
    CHECK_FALSE(f.run().has_value());
}

TEST_CASE("verify compare: one flipped bit is reported at its word, element and write cycle",
          "[verify]") {
    Fixture f;
    f.rtl.out_bytes[4] ^= 0x20;  // byte 4 holds words 8 and 9; bit 5 is bit 1 of word 9
    const auto m = f.run();
    REQUIRE(m.has_value());
    CHECK(m->item == "output");
    CHECK(m->index == 9);
    CHECK(m->coord == "c=1 h=1 w=1");  // element 10 of a 2x2x3 tensor
    CHECK(m->cycle == 30);             // word 9 is in the second burst
    CHECK(m->expected == "0x" + std::string(1, "0123456789abcdef"[9 * 5 % 16]));
    CHECK(m->actual == "0x" + std::string(1, "0123456789abcdef"[(9 * 5 % 16) ^ 2]));
}

TEST_CASE("verify compare: a write one cycle late is reported before the late end", "[verify]") {
    Fixture f;
    f.rtl.writes[1].cycle = 31;
    f.rtl.end_cycle = 32;
    const auto m = f.run();
    REQUIRE(m.has_value());
    CHECK(m->item == "write");
    CHECK(m->index == 1);
    CHECK(m->expected_cycle == 30);
    CHECK(m->actual_cycle == 31);
    CHECK(m->cycle == 30);
}

TEST_CASE("verify compare: an end cycle alone, a wrong address, a missing transaction",
          "[verify]") {
    Fixture f;
    f.rtl.end_cycle = 32;
    auto m = f.run();
    REQUIRE(m.has_value());
    CHECK(m->item == "end_cycle");
    CHECK(m->expected_cycle == 31);
    CHECK(m->actual_cycle == 32);

    Fixture g;
    g.rtl.reads[1].addr = 0x118;
    m = g.run();
    REQUIRE(m.has_value());
    CHECK(m->item == "read");
    CHECK(m->index == 1);
    CHECK(m->actual == "cycle 5 addr 0x118 bursts 1");

    Fixture h;
    h.rtl.writes.pop_back();  // at the same edge a transaction difference comes before the data
    h.rtl.out_bytes.resize(4);
    m = h.run();
    REQUIRE(m.has_value());
    CHECK(m->item == "write");
    CHECK(m->actual == "none (RTL has no more)");

    Fixture k;
    k.rtl.out_bytes.resize(4);  // words 8..11 never arrived
    m = k.run();
    REQUIRE(m.has_value());
    CHECK(m->item == "output");
    CHECK(m->index == 8);
    CHECK(m->actual == "missing (RTL wrote fewer bytes)");
}

TEST_CASE("verify handshake trace: both sides' ports per edge, the differing edges marked",
          "[verify]") {
    Fixture f;
    f.sc.rd_data = f.rtl.rd_data = {{3, 2}, {7, 1}};
    f.sc.wr_done = f.rtl.wr_done = {{21, 1}, {31, 1}};
    f.rtl.writes[1].cycle = 31;  // the RTL's second write one edge late
    const auto rows = handshake_trace(f.sc, f.rtl, 30, 2);
    // Two active edges before 30 (20, 21), 30 itself, two after (31; nothing later): 20 21 30 31.
    REQUIRE(rows.size() == 4);
    CHECK(rows[0].edge == 20);
    CHECK(rows[1].edge == 21);
    CHECK(rows[2].edge == 30);
    CHECK(rows[3].edge == 31);
    CHECK_FALSE(rows[0].differs);
    CHECK(rows[0].systemc.wr_req == "0x2000 x1");
    CHECK(rows[1].rtl.wr_done == "1");
    CHECK(rows[2].differs);
    CHECK(rows[2].systemc.wr_req == "0x2004 x1");
    CHECK(rows[2].rtl.wr_req.empty());
    CHECK(rows[3].differs);
    CHECK(rows[3].rtl.wr_req == "0x2004 x1");
    CHECK(rows[3].systemc.done == "done");
    CHECK(rows[3].rtl.done == "done");
    CHECK(rows[3].systemc.wr_done == "1");

    const std::string t = format_trace(rows, 30);
    // The marked edge: SystemC row with the write, then the RTL row without it.
    const auto at = t.find(">*       30  SystemC");
    REQUIRE(at != std::string::npos);
    CHECK(t.find("0x2004 x1", at) < t.find("RTL", at));
    CHECK(t.find(" *       31  SystemC") != std::string::npos);
    CHECK(t.find("         20  SystemC") != std::string::npos);  // same on both sides: no mark
    CHECK(t.find("0x100 x2") == std::string::npos);  // the read at edge 1 is more than 2 edges away

    // Far from any activity: the nearest active edges either side are still shown.
    const auto far = handshake_trace(f.sc, f.rtl, 12, 1);
    REQUIRE(far.size() == 3);
    CHECK(far[0].edge == 7);
    CHECK(far[1].edge == 12);
    CHECK(far[2].edge == 20);
    CHECK(far[0].systemc.rd_data == "1");
}

TEST_CASE("verify compare: a DRAM response on a different edge is reported", "[verify]") {
    Fixture f;
    f.sc.rd_data = {{3, 2}, {7, 1}};
    f.rtl.rd_data = {{3, 2}, {8, 1}};
    auto m = f.run();
    REQUIRE(m.has_value());
    CHECK(m->item == "read_data");
    CHECK(m->index == 1);
    CHECK(m->expected == "cycle 7 bursts 1");
    CHECK(m->actual == "cycle 8 bursts 1");
    CHECK(m->cycle == 7);

    Fixture g;  // responses after a side's done edge are not part of the layer
    g.sc.wr_done = {{21, 1}, {31, 1}, {40, 1}};
    g.rtl.wr_done = {{21, 1}, {31, 1}};
    CHECK_FALSE(g.run().has_value());
}

TEST_CASE("verify compare: a deadlocked RTL layer is reported at the first thing it did not do",
          "[verify]") {
    Fixture f;  // the RTL stopped after its first read request: no done_o, nothing written
    f.rtl.timed_out = true;
    f.rtl.end_cycle = kNoEdge;
    f.rtl.reads.resize(1);
    f.rtl.writes.clear();
    f.rtl.out_bytes.assign(f.rtl.out_bytes.size(), 0);
    const auto m = f.run();
    REQUIRE(m.has_value());
    CHECK(m->item == "read");
    CHECK(m->index == 1);
    CHECK(m->cycle == 5);
    CHECK(m->actual == "none (RTL has no more)");

    const auto rows = handshake_trace(f.sc, f.rtl, 5, 2);
    REQUIRE(rows.size() == 5);  // 0 (start) and 1 before, 5, then 20 and 30 (SystemC only)
    CHECK(rows[0].edge == 0);
    CHECK(rows[0].rtl.desc == "start");
    CHECK(rows[2].edge == 5);
    CHECK(rows[2].differs);
    CHECK(rows[2].rtl.rd_req.empty());
    for (const auto& r : rows) CHECK(r.rtl.done.empty());  // no done_o on the RTL side
    CHECK(rows[3].edge == 20);
    CHECK(rows[4].edge == 30);

    Fixture g;  // only the end is missing: the end item says why
    g.rtl.timed_out = true;
    g.rtl.end_cycle = kNoEdge;
    const auto e = g.run();
    REQUIRE(e.has_value());
    CHECK(e->item == "end_cycle");
    CHECK(e->cycle == 31);
    CHECK(e->actual == "never (no done_o: stopped by the deadlock guard)");
}
