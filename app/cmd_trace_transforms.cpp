// `edgesa trace prune|sparsify|split|compress`: transforms that read a trace and write a new one
// (docs/transforms.md). They attach to the `trace` subcommand made in cmd_trace.cpp.
#include <fmt/format.h>

#include "command.h"
#include "diag/diagnostic.h"
#include "trace/trace_io.h"
#include "transforms/transforms.h"

namespace edgesa {
namespace {

std::vector<LayerRule> rules_of(const std::vector<std::string>& texts, const std::string& option) {
    std::vector<LayerRule> r;
    for (const auto& t : texts) r.push_back(parse_layer_rule(t, option));
    return r;
}

void setup(CLI::App& root) {
    CLI::App* trace = root.get_subcommand("trace");
    static std::string in, out, format_text;
    static std::vector<std::string> ratios, densities;
    static int lcp = 0, devices = 0, mantissa = 3, samples = 1;
    static double fatten = 0, coverage = 0.995;
    static uint64_t seed = 1;
    static bool only_weights = false, only_acts = false;

    auto* prune = trace->add_subcommand("prune", "L1 filter pruning: each selected conv keeps C - floor(r*C) filters");
    prune->add_option("FILE", in, "Input trace")->required();
    prune->add_option("-o,--output", out, "Output trace")->required();
    prune->add_option("--ratio", ratios, "LAYERS=R, LAYERS a comma list of names or globs (repeatable)")->required();
    prune->add_option("--seed", seed, "Seed of synthetic weights (layers without tensor files)");
    prune->callback([] {
        const Network n = read_trace_file(in);
        const Network p = prune_filters(n, WeightStore::from_trace(n, seed), rules_of(ratios, "--ratio"));
        write_trace_file(out, p);
        fmt::print("{}: {} -> {} MACs, {} -> {} weights\n", out, network_macs(n), network_macs(p), network_weights(n),
                   network_weights(p));
    });

    auto* sp = trace->add_subcommand("sparsify", "Unstructured magnitude pruning: set per-layer weight density");
    sp->add_option("FILE", in, "Input trace")->required();
    sp->add_option("-o,--output", out, "Output trace")->required();
    sp->add_option("--density", densities, "LAYERS=D with D in (0, 1] (repeatable)")->required();
    sp->callback([] { write_trace_file(out, sparsify(read_trace_file(in), rules_of(densities, "--density"))); });

    auto* split = trace->add_subcommand("split", "LCP split into N narrow branches (and devices)");
    split->add_option("FILE", in, "Input trace")->required();
    split->add_option("-o,--output", out, "Output trace")->required();
    split->add_option("--lcp", lcp, "Number of branches N")->required();
    split->add_option("--fatten", fatten, "Fattening fraction F: branch width round(w/N*(1+F))");
    split->add_option("--devices", devices, "Assign branch b to device b mod D");
    split->callback([] {
        const Network n = read_trace_file(in);
        const Network s = split_lcp(n, lcp, fatten, devices);
        write_trace_file(out, s);
        fmt::print("{}: {} branches, {} MACs, {} weights\n", out, lcp, network_macs(s), network_weights(s));
    });

    static double alpha = 1.0;
    static int64_t res = 0;
    auto* sc = trace->add_subcommand("scale", "MobileNet-style width multiplier and input resolution");
    sc->add_option("FILE", in, "Input trace")->required();
    sc->add_option("-o,--output", out, "Output trace")->required();
    sc->add_option("--alpha", alpha, "Width multiplier: conv/fc widths floor(alpha*w), classifier kept");
    sc->add_option("--res", res, "Input resolution res x res (0: keep)");
    sc->callback([] {
        const Network s = scale_network(read_trace_file(in), alpha, res);
        write_trace_file(out, s);
        fmt::print("{}: {} MACs, {} weights\n", out, network_macs(s), network_weights(s));
    });

    auto* cmp = trace->add_subcommand("compress", "Assign storage formats per tensor and report bytes saved");
    cmp->add_option("FILE", in, "Input trace")->required();
    cmp->add_option("-o,--output", out, "Output trace")->required();
    cmp->add_option("--format", format_text, "One format for every tensor (fp32, e<E>m<M>b<B>, q<I>.<F>)");
    cmp->add_option("--coverage", coverage, "Per-tensor choice: fraction of values the exponent window covers")
        ->check(CLI::Range(0.0, 1.0));
    cmp->add_option("--mantissa", mantissa, "Per-tensor choice: mantissa bits")->check(CLI::Range(0, 23));
    cmp->add_option("--samples", samples, "Seeded inputs run to measure activations")->check(CLI::Range(1, 1000));
    cmp->add_option("--seed", seed, "Seed of synthetic weights and inputs");
    cmp->add_flag("--weights-only", only_weights, "Leave activation formats alone");
    cmp->add_flag("--activations-only", only_acts, "Leave weight formats alone");
    cmp->callback([] {
        const Network n = read_trace_file(in);
        CompressOptions o;
        if (!format_text.empty()) {
            std::string why;
            o.format = StorageFormat::parse(format_text, &why);
            if (!o.format) throw InputError(Diagnostic{{"<command line>", 0, 0}, "--format", format_text, why});
        }
        o.coverage = coverage;
        o.mantissa = mantissa;
        o.samples = samples;
        o.seed = seed;
        o.weights = !only_acts;
        o.activations = !only_weights;
        std::vector<CompressRow> rows;
        const Network c = compress(n, WeightStore::from_trace(n, seed), o, &rows);
        write_trace_file(out, c);
        uint64_t before = 0, after = 0;
        fmt::print("{:<28} {:>9} {:>12} {:>12} {:>9} {:>12} {:>12}\n", "layer", "w.format", "w.bytes", "w.saved",
                   "o.format", "out.bytes", "out.saved");
        for (const auto& r : rows) {
            fmt::print("{:<28} {:>9} {:>12} {:>12} {:>9} {:>12} {:>12}\n", r.layer, r.weight_format,
                       r.weight_bytes_after, int64_t(r.weight_bytes_before) - int64_t(r.weight_bytes_after),
                       r.out_format, r.out_bytes_after, int64_t(r.out_bytes_before) - int64_t(r.out_bytes_after));
            before += r.weight_bytes_before + r.out_bytes_before;
            after += r.weight_bytes_after + r.out_bytes_after;
        }
        fmt::print("total: {} -> {} bytes ({} saved)\n", before, after, int64_t(before) - int64_t(after));
    });
}

const bool registered = register_command("trace_transforms", 41, setup);

}  // namespace
}  // namespace edgesa
