#pragma once
// The 8-byte block header of the layer image (docs/architecture.md, "Block header"). The RTL
// decodes the same bits; pack/unpack is the one definition of the layout.
#include <cstdint>

#include "hw/hw_layout.h"

namespace edgesa::sim {

enum class BlockType : uint8_t {
    kWeight = 1,       // rows x width weight tile, poured into the cell buffers
    kStream = 2,       // L vectors of width values for the compute path
    kPass = 3,         // tensor values for the act/pool unit (pooling, add, activation)
    kLayerHeader = 4,  // opens a layer (no payload)
    kBias = 5,         // the biases of one kb-set (G output blocks), vectors of width codes
    kLayerEnd = 15,
};

// One block header: type (63:60), slot (59:52), length (51:32), index (31:0) (hw::block_header).
struct BlockHeader {
    BlockType type = BlockType::kLayerEnd;
    uint8_t slot = 0;     // weight: target slot; stream: G (issues per vector); pass: input whose
                          // storage format the block holds (0 also for window-gathered blocks);
                          // bias: G (output blocks of the kb-set)
    uint32_t length = 0;  // vectors that follow (20 bits)
    uint32_t index = 0;   // weight: kb<<16 | rb; stream: tile<<16 | rb; pass: values per vector;
                          // bias: biases in the block

    static constexpr uint32_t kMaxLength = (1u << hw::block_header::kLength.bits) - 1;
    uint64_t pack() const {
        namespace f = hw::block_header;
        uint64_t w = f::kType.put(0, uint8_t(type));
        w = f::kSlot.put(w, slot);
        w = f::kLength.put(w, length);
        return f::kIndex.put(w, index);
    }
    static BlockHeader unpack(uint64_t w) {
        namespace f = hw::block_header;
        BlockHeader h;
        h.type = BlockType(f::kType.get(w));
        h.slot = uint8_t(f::kSlot.get(w));
        h.length = uint32_t(f::kLength.get(w));
        h.index = uint32_t(f::kIndex.get(w));
        return h;
    }
    bool operator==(const BlockHeader& o) const { return pack() == o.pack(); }
};

constexpr uint64_t kHeaderBytes = hw::block_header::kBytes;

}  // namespace edgesa::sim
