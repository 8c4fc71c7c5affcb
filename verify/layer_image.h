#pragma once
// The bytes of a layer's block image (docs/architecture.md, "Block header"): each block's 8-byte
// little-endian header, then its payload packed at the storage width (value i at bits
// [i*bits +: bits] of the payload, byte 0 first), padded to a whole byte. The values are the
// stored codes FunctionalState gathers for the SystemC run (FunctionalState::gather), so the RTL
// reads exactly what the SystemC streamer would. Plain C++, no SystemC.
#include <cstdint>
#include <vector>

#include "config/accel_config.h"
#include "functional/functional_state.h"
#include "program/layer_program.h"

namespace edgesa::verify {

// Packs `codes` (right-aligned, only the low `bits` bits are used) at `bits` bits each after the
// bits already in `out` (`bit_pos` counts them; the caller pads to a byte when a payload ends).
void pack_codes(const std::vector<int64_t>& codes, int bits, std::vector<uint8_t>* out,
                uint64_t* bit_pos);

// Codes number 0..count-1 of a packed byte stream (the write-back's packing order: the layer's
// outputs as the drain produced them). Fixed-point codes are sign-extended (`sign_extend`), as
// SystemC functional mode stores them.
std::vector<int64_t> unpack_codes(const std::vector<uint8_t>& bytes, int bits, size_t count,
                                  bool sign_extend);

// The whole image of program layer `lp` (headers and packed payloads), exactly lp.image_bytes.
std::vector<uint8_t> build_layer_image(const AccelConfig& cfg, const sim::LayerProgram& lp,
                                       const sim::FunctionalState& fn);

}  // namespace edgesa::verify
