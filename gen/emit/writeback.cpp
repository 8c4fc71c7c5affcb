// edgesa_writeback: a library unit (gen/rtl/edgesa_writeback.v, whose header says what it does);
// its text does not depend on the config, the top sets its parameters.
#include "emitters.h"
#include "library.h"

namespace edgesa::gen {

VerilogUnit emit_writeback(const GenContext&) {
    return library_unit("edgesa_writeback");
}

}  // namespace edgesa::gen
