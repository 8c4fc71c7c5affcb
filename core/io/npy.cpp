#include "io/npy.h"

#include <cstring>
#include <fstream>

#include "diag/diagnostic.h"
#include "io/atomic_file.h"
#include "io/input_file.h"
#include "io/limits.h"

namespace edgesa {
namespace {

const char kMagic[] = "\x93NUMPY";

[[noreturn]] void fail(const std::string& path, const std::string& rule) {
    throw InputError(Diagnostic{{path, 0, 0}, "", "", rule});
}

// The header is a Python dict literal, e.g. {'descr': '<f4', 'fortran_order': False, 'shape': (3,
// 4), }. Parsed by hand (std::regex recurses per character and overflows the stack on long
// headers): exactly the three keys, each once; shape dimensions are non-negative and their product
// is bounded by limits::kMaxTensorElements.
class NpyHeader {
  public:
    NpyHeader(const std::string& path, const std::string& text) : path_(path), s_(text) {}

    void parse(FloatTensor* t) {
        bool have_descr = false, have_order = false, have_shape = false;
        expect('{');
        for (;;) {
            skip_ws();
            if (peek() == '}') break;
            const std::string key = quoted();
            expect(':');
            if (key == "descr") {
                if (have_descr) fail(path_, "duplicate key 'descr' in .npy header");
                have_descr = true;
                const std::string d = quoted();
                if (d != "<f4")
                    fail(path_, "dtype must be little-endian float32 ('<f4'), got '" +
                                    d.substr(0, 16) + "'");
            } else if (key == "fortran_order") {
                if (have_order) fail(path_, "duplicate key 'fortran_order' in .npy header");
                have_order = true;
                skip_ws();
                if (s_.compare(i_, 4, "True") == 0)
                    fail(path_, "Fortran-ordered arrays are not supported; save with C order");
                if (s_.compare(i_, 5, "False") != 0)
                    fail(path_, "fortran_order must be True or False");
                i_ += 5;
            } else if (key == "shape") {
                if (have_shape) fail(path_, "duplicate key 'shape' in .npy header");
                have_shape = true;
                shape(&t->shape);
            } else {
                fail(path_, "unknown key '" + key.substr(0, 32) +
                                "' in .npy header (descr, fortran_order, shape)");
            }
            skip_ws();
            if (peek() == ',') {
                ++i_;
                continue;
            }
            if (peek() != '}') fail(path_, "malformed .npy header: expected ',' or '}'");
        }
        if (!have_descr || !have_order || !have_shape)
            fail(path_, "the .npy header must hold descr, fortran_order and shape");
    }

  private:
    const std::string& path_;
    const std::string& s_;
    size_t i_ = 0;

    char peek() const { return i_ < s_.size() ? s_[i_] : '\0'; }
    void skip_ws() {
        while (i_ < s_.size() && (s_[i_] == ' ' || s_[i_] == '\n' || s_[i_] == '\t')) ++i_;
    }
    void expect(char c) {
        skip_ws();
        if (peek() != c) fail(path_, std::string("malformed .npy header: expected '") + c + "'");
        ++i_;
    }
    std::string quoted() {
        skip_ws();
        const char q = peek();
        if (q != '\'' && q != '"')
            fail(path_, "malformed .npy header: expected a quoted key or value");
        const size_t end = s_.find(q, i_ + 1);
        if (end == std::string::npos) fail(path_, "malformed .npy header: unterminated string");
        std::string out = s_.substr(i_ + 1, end - i_ - 1);
        i_ = end + 1;
        return out;
    }
    void shape(std::vector<int64_t>* dims) {
        expect('(');
        int64_t elements = 1;
        for (;;) {
            skip_ws();
            if (peek() == ')') break;
            if (peek() == '-') fail(path_, "shape dimensions must not be negative");
            int64_t d = 0;
            const size_t first = i_;
            while (peek() >= '0' && peek() <= '9') {
                const auto next = limits::mul(d, 10);
                if (!next || *next > limits::kMaxTensorElements)
                    fail(path_, "shape dimension exceeds the tensor limit of " +
                                    std::to_string(limits::kMaxTensorElements) + " elements");
                d = *next + (s_[i_++] - '0');
            }
            if (i_ == first)
                fail(path_, "malformed .npy header: shape must be a tuple of integers");
            if (dims->size() >= size_t(limits::kMaxNpyDims))
                fail(path_, "more than " + std::to_string(limits::kMaxNpyDims) + " dimensions");
            const auto e = limits::mul(elements, d);
            if (!e || *e > limits::kMaxTensorElements)
                fail(path_, "shape has more than " + std::to_string(limits::kMaxTensorElements) +
                                " elements (the tensor limit)");
            elements = *e;
            dims->push_back(d);
            skip_ws();
            if (peek() == ',')
                ++i_;
            else if (peek() != ')')
                fail(path_, "malformed .npy header: expected ',' or ')' in shape");
        }
        ++i_;
    }
};

}  // namespace

FloatTensor read_npy(const std::string& path) {
    return read_npy_bytes(read_input_file(path, ".npy file", limits::kMaxTensorFileBytes), path);
}

FloatTensor read_npy_bytes(const std::string& bytes, const std::string& path) {
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
    if (header_len > 65536) fail(path, ".npy header is longer than 65536 bytes");
    if (bytes.size() < offset + header_len) fail(path, "truncated .npy header");
    const std::string header = bytes.substr(offset, header_len);
    FloatTensor t;
    NpyHeader(path, header).parse(&t);
    int64_t n = 1;
    for (auto d : t.shape) n *= d;  // bounded by the header parser
    const size_t data_off = offset + header_len;
    if (bytes.size() - data_off != size_t(n) * 4)
        fail(path, "data holds " + std::to_string(bytes.size() - data_off) +
                       " bytes, shape needs " + std::to_string(n * 4));
    t.data.resize(size_t(n));
    if (n > 0)
        std::memcpy(t.data.data(), bytes.data() + data_off, size_t(n) * 4);  // (0, 30): no data
    return t;
}

FloatTensor read_float_tensor(const std::string& path) {
    const std::string bytes = read_input_file(path, "tensor file", limits::kMaxTensorFileBytes);
    if (bytes.size() >= 6 && bytes.compare(0, 6, kMagic, 6) == 0)
        return read_npy_bytes(bytes, path);
    if (bytes.size() % 4 != 0)
        fail(path,
             "raw float32 file size " + std::to_string(bytes.size()) + " is not a multiple of 4");
    FloatTensor t;
    t.shape = {int64_t(bytes.size() / 4)};
    t.data.resize(bytes.size() / 4);
    if (!bytes.empty()) std::memcpy(t.data.data(), bytes.data(), bytes.size());
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
