// edgesa_engine_bank: a library unit (gen/rtl/edgesa_engine_bank.v, whose header says what it
// does); its text does not depend on the config, the top sets its parameters.
#include "emitters.h"
#include "library.h"

namespace edgesa::gen {

VerilogUnit emit_engine_bank(const GenContext&) {
    return library_unit("edgesa_engine_bank");
}

}  // namespace edgesa::gen
