#include "scalesim/scalesim_import.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include <fmt/format.h>

#include "diag/diagnostic.h"

namespace edgesa {
namespace {

const char* kColumns[] = {"Layer name",    "IFMAP Height",  "IFMAP Width",
                          "Filter Height", "Filter Width",  "Channels",
                          "Num Filter",    "Stride Height", "Stride Width"};
constexpr int64_t kMaxDim = 1 << 16;

struct Row {
    std::string name;
    int64_t h, w, fh, fw, c, nf, sh, sw;
    int line;
};

std::string trim(const std::string& s) {
    const size_t a = s.find_first_not_of(" \t\r"), b = s.find_last_not_of(" \t\r");
    return a == std::string::npos ? "" : s.substr(a, b - a + 1);
}

class TopologyReader {
  public:
    explicit TopologyReader(std::string file) : file_(std::move(file)) {}

    Network run() {
        std::ifstream in(file_, std::ios::binary);
        if (!in) fail(0, "", "", "cannot open SCALE-Sim topology file");
        std::vector<Row> rows;
        std::string text;
        int line = 0;
        bool header = true;
        while (std::getline(in, text)) {
            ++line;
            if (line > 100000) fail(line, "", "", "more than 100000 lines");
            text = trim(text);
            if (header) {  // SCALE-Sim skips the first line, whatever it holds
                header = false;
                continue;
            }
            if (text.empty()) continue;
            rows.push_back(row(text, line));
        }
        if (rows.empty()) fail(line, "", "", "has no layer rows after the header line");
        return build(rows);
    }

  private:
    std::string file_;

    [[noreturn]] void fail(int line, const std::string& key, const std::string& value,
                           const std::string& rule) const {
        throw InputError(Diagnostic{{file_, line, 0}, key, value, rule});
    }

    // Fields: name, then 7 or 8 integers; trailing empty fields and a trailing '#' comment (the
    // text after SCALE-Sim's row-ending comma) are ignored. One stride is used for both axes.
    Row row(const std::string& text, int line) const {
        std::vector<std::string> f;
        std::stringstream ss(text);
        std::string item;
        while (std::getline(ss, item, ',')) f.push_back(trim(item));
        while (!f.empty() && (f.back().empty() || f.back()[0] == '#')) f.pop_back();
        if (f.size() != 8 && f.size() != 9)
            fail(line, "row", text,
                 fmt::format("needs 8 or 9 fields (Layer name, IFMAP Height, IFMAP Width, "
                             "Filter Height, Filter Width, Channels, Num Filter, Strides), got {}",
                             f.size()));
        Row r{};
        r.name = f[0];
        r.line = line;
        if (r.name.empty()) fail(line, kColumns[0], "", "must not be empty");
        int64_t* dst[] = {&r.h, &r.w, &r.fh, &r.fw, &r.c, &r.nf, &r.sh, &r.sw};
        for (size_t i = 1; i < f.size(); ++i) {
            char* end = nullptr;
            const long long v = std::strtoll(f[i].c_str(), &end, 10);
            if (f[i].empty() || *end != '\0' || v < 1 || v > kMaxDim)
                fail(line, fmt::format("{}.{}", r.name, kColumns[i]), f[i],
                     fmt::format("must be an integer in 1..{}", kMaxDim));
            *dst[i - 1] = v;
        }
        if (f.size() == 8) r.sw = r.sh;
        if (r.fh > r.h || r.fw > r.w)
            fail(line, r.name, fmt::format("filter {}x{}, IFMAP {}x{}", r.fh, r.fw, r.h, r.w),
                 "the filter must fit in the IFMAP (SCALE-Sim's rule)");
        if (r.h * r.w * r.c > (int64_t(1) << 28))
            fail(line, r.name, "", "the IFMAP holds more than 2^28 values");
        return r;
    }

    // Chains the rows. Where a row's IFMAP (C, H, W) differs from the previous output, zero-MAC
    // adapters make it: channels by repeating the tensor (concat) and cutting (slice), a smaller
    // H or W by max pooling, a larger one by zero padding (bottom/right) on the conv itself.
    Network build(const std::vector<Row>& rows) {
        Network n;
        n.version = 2;
        n.name = std::filesystem::path(file_).stem().string();
        n.input = Shape{rows[0].c, rows[0].h, rows[0].w};
        std::string prev = "input";
        Shape s = n.input;
        auto push = [&](Layer l, int line) {
            std::vector<Shape> ins;
            for (const auto& i : l.inputs) ins.push_back(i == "input" ? n.input : n.find(i)->out);
            std::string why;
            const Shape out = infer_output_shape(l, ins, &why);
            if (!why.empty()) fail(line, l.name, "", why);
            l.in = ins[0];
            l.out = out;
            n.layers.push_back(l);
            prev = l.name;
            s = out;
        };
        for (const Row& r : rows) {
            std::string name = r.name;
            for (int k = 2; n.find(name); ++k) name = fmt::format("{}#{}", r.name, k);
            if (r.c != s.c) {
                if (r.c > s.c) {
                    Layer cat;
                    cat.name = name + "/adapt_repeat";
                    cat.type = LayerType::kConcat;
                    cat.inputs.assign(size_t((r.c + s.c - 1) / s.c), prev);
                    push(cat, r.line);
                }
                if (s.c != r.c) {
                    Layer cut;
                    cut.name = name + "/adapt_channels";
                    cut.type = LayerType::kSlice;
                    cut.inputs = {prev};
                    cut.slice_c = r.c;
                    push(cut, r.line);
                }
            }
            if (r.h < s.h ||
                r.w < s.w) {  // stride floor(in / want), kernel in - (want - 1) * stride
                Layer pool;
                pool.name = name + "/adapt_pool";
                pool.type = LayerType::kMaxPool;
                pool.inputs = {prev};
                const int64_t th = std::min(r.h, s.h), tw = std::min(r.w, s.w);
                pool.stride_h = s.h / th, pool.stride_w = s.w / tw;
                pool.kernel_h = s.h - (th - 1) * pool.stride_h,
                pool.kernel_w = s.w - (tw - 1) * pool.stride_w;
                push(pool, r.line);
            }
            Layer conv;
            conv.name = name;
            conv.type = LayerType::kConv2d;
            conv.inputs = {prev};
            conv.out.c = r.nf;
            conv.kernel_h = r.fh, conv.kernel_w = r.fw;
            conv.stride_h = r.sh, conv.stride_w = r.sw;
            // The IFMAP's extra rows and columns (>= 0 after the pool) are zero padding; SCALE-Sim
            // rounds the output size up (ceil((in - f) / s) + 1), a last window partly past the
            // edge: more zero padding at the bottom and right makes it.
            conv.pad_bottom = r.h - s.h + (r.sh - (r.h - r.fh) % r.sh) % r.sh;
            conv.pad_right = r.w - s.w + (r.sw - (r.w - r.fw) % r.sw) % r.sw;
            if (name.find("DP") !=
                std::string::npos) {  // SCALE-Sim: one 1-channel conv per channel
                conv.groups = r.c;
                conv.out.c = r.c * r.nf;
            }
            push(conv, r.line);
        }
        return n;
    }
};

}  // namespace

Network import_scalesim_topology(const std::string& path) {
    return TopologyReader(path).run();
}

bool is_scalesim_topology(const std::string& path) {
    std::string ext = std::filesystem::path(path).extension().string();
    std::transform(ext.begin(), ext.end(), ext.begin(),
                   [](unsigned char c) { return char(std::tolower(c)); });
    return ext == ".csv";
}

}  // namespace edgesa
