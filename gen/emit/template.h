#pragma once
// Tiny text templating for the emitters: replaces ${NAME} in Verilog text. fmt's {} would clash
// with Verilog concatenations, and Verilog itself never writes "${".
#include <cstdint>
#include <map>
#include <string>

namespace edgesa::gen {

using Vars = std::map<std::string, std::string>;

// Replaces every ${KEY}; throws std::logic_error on a key that `vars` does not define, so a typo
// in an emitter fails loudly instead of leaking into the RTL.
std::string subst(const std::string& text, const Vars& vars);

// `name`, a `from`-bit signal, sign-extended to `to` >= from bits, as a Verilog expression
// (the bare name when the widths agree: a zero replication is not legal Verilog-2005).
std::string sign_extend(const std::string& name, int64_t from, int64_t to);
// {zeros, expr}: expr (from bits) zero-extended to `to` bits (to >= from).
std::string zero_extend(const std::string& expr, int64_t from, int64_t to);

}  // namespace edgesa::gen
