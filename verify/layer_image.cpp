#include "layer_image.h"

#include <stdexcept>

#include <fmt/format.h>

namespace edgesa::verify {

void pack_codes(const std::vector<int64_t>& codes, int bits, std::vector<uint8_t>* out,
                uint64_t* bit_pos) {
    const uint64_t mask = bits >= 64 ? ~0ull : ((uint64_t(1) << bits) - 1);
    for (int64_t c : codes) {
        const uint64_t v = uint64_t(c) & mask;
        for (int b = 0; b < bits; ++b) {
            const uint64_t p = *bit_pos + uint64_t(b);
            if (p / 8 >= out->size()) out->push_back(0);
            if ((v >> b) & 1) (*out)[p / 8] = uint8_t((*out)[p / 8] | (1u << (p % 8)));
        }
        *bit_pos += uint64_t(bits);
    }
}

std::vector<int64_t> unpack_codes(const std::vector<uint8_t>& bytes, int bits, size_t count,
                                  bool sign_extend) {
    if ((uint64_t(count) * uint64_t(bits) + 7) / 8 > bytes.size())
        throw std::runtime_error(
            fmt::format("unpack_codes: {} values of {} bits need more than the {} bytes given",
                        count, bits, bytes.size()));
    std::vector<int64_t> codes(count, 0);
    for (size_t i = 0; i < count; ++i) {
        uint64_t v = 0;
        for (int b = 0; b < bits; ++b) {
            const uint64_t p = uint64_t(i) * uint64_t(bits) + uint64_t(b);
            v |= uint64_t((bytes[p / 8] >> (p % 8)) & 1) << b;
        }
        if (sign_extend && bits < 64 && ((v >> (bits - 1)) & 1)) v |= ~0ull << bits;
        codes[i] = int64_t(v);
    }
    return codes;
}

namespace {

void put_header(const sim::BlockHeader& h, std::vector<uint8_t>* out) {
    const uint64_t w = h.pack();
    for (int i = 0; i < 8; ++i) out->push_back(uint8_t(w >> (8 * i)));
}

}  // namespace

std::vector<uint8_t> build_layer_image(const AccelConfig& cfg, const sim::LayerProgram& lp,
                                       const sim::FunctionalState& fn) {
    (void)cfg;
    std::vector<uint8_t> img;
    img.reserve(size_t(lp.image_bytes));
    for (const sim::Block& b : lp.blocks) {
        put_header(b.header, &img);
        std::vector<uint8_t> payload;
        uint64_t pos = 0;
        if (b.header.type == sim::BlockType::kWeight || b.header.type == sim::BlockType::kStream ||
            b.header.type == sim::BlockType::kPass ||  // pass: window-gathered vectors
            b.header.type == sim::BlockType::kBias) {
            sim::Payload p;
            for (uint32_t v = 0; v < b.header.length; ++v) {
                fn.gather(lp.layer, b, v, &p);
                if (v + 1 == b.header.length) p.values.resize(b.last_vector_values);
                pack_codes(p.values, b.bits, &payload, &pos);
            }
        }
        if (payload.size() != b.payload_bytes)
            throw std::logic_error(
                fmt::format("layer {}: block payload of {} bytes, the program says {}", lp.name,
                            payload.size(), b.payload_bytes));
        img.insert(img.end(), payload.begin(), payload.end());
    }
    if (img.size() != lp.image_bytes)
        throw std::logic_error(fmt::format("layer {}: image of {} bytes, the program says {}",
                                           lp.name, img.size(), lp.image_bytes));
    return img;
}

}  // namespace edgesa::verify
