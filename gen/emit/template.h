#pragma once
// Tiny text templating for the emitters: replaces ${NAME} in Verilog text. fmt's {} would clash
// with Verilog concatenations, and Verilog itself never writes "${".
#include <map>
#include <string>

namespace edgesa::gen {

using Vars = std::map<std::string, std::string>;

// Replaces every ${KEY}; throws std::logic_error on a key that `vars` does not define, so a typo
// in an emitter fails loudly instead of leaking into the RTL.
std::string subst(const std::string& text, const Vars& vars);

}  // namespace edgesa::gen
