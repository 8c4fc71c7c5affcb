// edgesa_block_streamer: a library unit (gen/rtl/edgesa_block_streamer.v, whose header says what it
// does); its text does not depend on the config, the top sets its parameters.
#include "emitters.h"
#include "library.h"

namespace edgesa::gen {

VerilogUnit emit_block_streamer(const GenContext&) {
    return library_unit("edgesa_block_streamer");
}

}  // namespace edgesa::gen
