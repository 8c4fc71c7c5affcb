#include "io/npy.h"

#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>

#include "diag/diagnostic.h"
#include "io/atomic_file.h"

namespace edgesa {
namespace {

const char kMagic[] = "\x93NUMPY";

[[noreturn]] void fail(const std::string& path, const std::string& rule) {
    throw InputError(Diagnostic{{path, 0, 0}, "", "", rule});
}

std::string slurp(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) fail(path, "cannot open file");
    std::ostringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

}  // namespace

FloatTensor read_npy(const std::string& path) {
    const std::string bytes = slurp(path);
    if (bytes.size() < 10 || bytes.compare(0, 6, kMagic, 6) != 0) fail(path, "not a .npy file");
    const int major = static_cast<unsigned char>(bytes[6]);
    size_t header_len, offset;
    if (major == 1) {
        header_len =
            static_cast<unsigned char>(bytes[8]) | (static_cast<unsigned char>(bytes[9]) << 8);
        offset = 10;
    } else if (major == 2 || major == 3) {
        if (bytes.size() < 12) fail(path, "truncated .npy header");
        header_len = 0;
        for (int i = 0; i < 4; ++i)
            header_len |= size_t(static_cast<unsigned char>(bytes[8 + i])) << (8 * i);
        offset = 12;
    } else {
        fail(path, ".npy version " + std::to_string(major) + " is not supported");
    }
    if (bytes.size() < offset + header_len) fail(path, "truncated .npy header");
    const std::string header = bytes.substr(offset, header_len);
    std::smatch m;
    if (!std::regex_search(header, m, std::regex(R"('descr'\s*:\s*'([^']*)')")) || m[1] != "<f4")
        fail(path, "dtype must be little-endian float32 ('<f4'), got header " + header);
    if (std::regex_search(header, m, std::regex(R"('fortran_order'\s*:\s*True)")))
        fail(path, "Fortran-ordered arrays are not supported; save with C order");
    if (!std::regex_search(header, m, std::regex(R"('shape'\s*:\s*\(([^)]*)\))")))
        fail(path, "no shape in .npy header");
    FloatTensor t;
    std::string dims = m[1];
    std::regex num(R"(\d+)");
    for (auto it = std::sregex_iterator(dims.begin(), dims.end(), num);
         it != std::sregex_iterator(); ++it)
        t.shape.push_back(std::stoll(it->str()));
    int64_t n = 1;
    for (auto d : t.shape) n *= d;
    const size_t data_off = offset + header_len;
    if (bytes.size() - data_off != size_t(n) * 4)
        fail(path, "data holds " + std::to_string(bytes.size() - data_off) +
                       " bytes, shape needs " + std::to_string(n * 4));
    t.data.resize(size_t(n));
    std::memcpy(t.data.data(), bytes.data() + data_off, size_t(n) * 4);
    return t;
}

FloatTensor read_float_tensor(const std::string& path) {
    const std::string bytes = slurp(path);
    if (bytes.size() >= 6 && bytes.compare(0, 6, kMagic, 6) == 0) return read_npy(path);
    if (bytes.size() % 4 != 0)
        fail(path,
             "raw float32 file size " + std::to_string(bytes.size()) + " is not a multiple of 4");
    FloatTensor t;
    t.shape = {int64_t(bytes.size() / 4)};
    t.data.resize(bytes.size() / 4);
    std::memcpy(t.data.data(), bytes.data(), bytes.size());
    return t;
}

void write_npy(const std::string& path, const FloatTensor& t) {
    std::string shape;
    for (auto d : t.shape) shape += std::to_string(d) + ", ";
    if (t.shape.size() > 1) shape.resize(shape.size() - 2);
    std::string header = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + shape + "), }";
    const size_t total = 10 + header.size() + 1;
    header.append((64 - total % 64) % 64, ' ');
    header += '\n';
    std::string out(kMagic, 6);
    out += '\x01';
    out += '\x00';
    out += char(header.size() & 0xff);
    out += char((header.size() >> 8) & 0xff);
    out += header;
    out.append(reinterpret_cast<const char*>(t.data.data()), t.data.size() * 4);
    write_file_atomic(path, out);
}

}  // namespace edgesa
