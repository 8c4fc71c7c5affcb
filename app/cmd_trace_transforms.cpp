// `edgesa trace prune|sparsify|split|compress`: transforms that read a trace and write a new one
// (docs/transforms.md). They attach to the `trace` subcommand made in cmd_trace.cpp.
#include <fmt/format.h>

#include "command.h"
#include "diag/diagnostic.h"
#include "io/output_paths.h"
#include "trace/trace_io.h"
#include "trace/trace_tensors.h"
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

    auto* prune = trace->add_subcommand(
        "prune", "L1 filter pruning: each selected conv keeps C - floor(r*C) filters");
    prune->add_option("FILE", in, "Input trace")->required();
    prune->add_option("-o,--output", out, "Output trace")->required();
    prune
        ->add_option("--ratio", ratios,
                     "LAYERS=R, LAYERS a comma list of names or globs (repeatable)")
        ->required();
    prune->add_option("--seed", seed, "Seed of synthetic weights (layers without tensor files)");
    prune->callback([] {
        check_output_path(out, "--output", {in});
        const Network n = read_trace_file(in);
        WeightStore t(seed);
        const bool carry =
            has_tensor_files(n);  // then every conv/fc of the result carries its tensors
        const Network p = prune_filters(n, WeightStore::from_trace(n, seed),
                                        rules_of(ratios, "--ratio"), carry ? &t : nullptr);
        write_trace_with_tensors(out, p, t);
        fmt::print("{}: {} -> {} MACs, {} -> {} weights\n", out, network_macs(n), network_macs(p),
                   network_weights(n), network_weights(p));
    });

    auto* sp = trace->add_subcommand(
        "sparsify", "Unstructured magnitude pruning: set per-layer weight density");
    sp->add_option("FILE", in, "Input trace")->required();
    sp->add_option("-o,--output", out, "Output trace")->required();
    sp->add_option("--density", densities, "LAYERS=D with D in (0, 1] (repeatable)")->required();
    sp->callback([] {
        check_output_path(out, "--output", {in});
        write_trace_file(out, sparsify(read_trace_file(in), rules_of(densities, "--density")));
    });

    static int model_parallel = 0;
    static std::string conv_mode = "out", fc_mode = "out", layers;
    static bool tensors = false;
    auto* split = trace->add_subcommand(
        "split", "LCP split into N narrow branches, or model-parallel split over N devices");
    split->add_option("FILE", in, "Input trace")->required();
    split->add_option("-o,--output", out, "Output trace")->required();
    split->add_option("--lcp", lcp, "LCP: number of branches N");
    split->add_option("--fatten", fatten,
                      "LCP: fattening fraction F, branch width round(w/N*(1+F))");
    split->add_option("--devices", devices, "LCP: assign branch b to device b mod D");
    split->add_option("--model-parallel", model_parallel, "Model-parallel split over N devices");
    split->add_option(
        "--conv-mode", conv_mode,
        "Model parallel: conv split by out (channels), in (channels) or spatial (row bands)");
    split->add_option("--fc-mode", fc_mode,
                      "Model parallel: fc split by out (units) or in (inputs)");
    split->add_option(
        "--layers", layers,
        "Model parallel: layers to split (names or globs; default every ungrouped conv and fc)");
    split->add_flag(
        "--tensors", tensors,
        "Model parallel: write every conv/fc's weights as .npy (synthetic ones from --seed)");
    split->add_option("--seed", seed,
                      "Model parallel: seed of synthetic weights (layers without tensor files)");
    split->callback([] {
        check_output_path(out, "--output", {in});
        const SourcePos cli{"<command line>", 0, 0};
        if ((lcp != 0) == (model_parallel != 0))
            throw InputError(Diagnostic{cli, "--lcp/--model-parallel", "",
                                        "give exactly one of --lcp N and --model-parallel N"});
        if (lcp != 0 && (conv_mode != "out" || fc_mode != "out" || !layers.empty() || tensors))
            throw InputError(Diagnostic{
                cli, "--lcp", std::to_string(lcp),
                "--conv-mode, --fc-mode, --layers and --tensors apply to --model-parallel"});
        if (model_parallel != 0 && (fatten != 0 || devices != 0))
            throw InputError(Diagnostic{
                cli, "--model-parallel", std::to_string(model_parallel),
                "--fatten and --devices apply to --lcp (model parallel uses devices 0..N-1)"});
        const Network n = read_trace_file(in);
        if (lcp != 0) {
            const Network s = split_lcp(n, lcp, fatten, devices);
            write_trace_file(out, s);
            fmt::print("{}: {} branches, {} MACs, {} weights\n", out, lcp, network_macs(s),
                       network_weights(s));
            return;
        }
        ModelParallelOptions o;
        o.devices = model_parallel;
        if (!parse_conv_split(conv_mode, &o.conv))
            throw InputError(
                Diagnostic{cli, "--conv-mode", conv_mode, "must be out, in or spatial"});
        if (!parse_fc_split(fc_mode, &o.fc))
            throw InputError(Diagnostic{cli, "--fc-mode", fc_mode, "must be out or in"});
        o.layers = layers;
        const WeightStore ws = WeightStore::from_trace(n, seed);
        WeightStore t(seed);
        const bool carry = tensors || has_tensor_files(n);
        const Network s = split_model_parallel(n, ws, o, carry ? &t : nullptr);
        write_trace_with_tensors(out, s, t);
        uint64_t link = 0;
        int transfers = 0;
        for (const auto& l : s.layers)
            if (l.is_transfer()) link += layer_out_bytes(l), ++transfers;
        fmt::print("{}: {} devices, {} MACs, {} weights, {} transfers of {} bytes\n", out,
                   model_parallel, network_macs(s), network_weights(s), transfers, link);
        std::string whole;  // conv/fc layers the mode cannot split over N (default selection)
        for (const auto& l : s.layers)
            if ((l.type == LayerType::kConv2d || l.type == LayerType::kFc) && n.find(l.name))
                whole += (whole.empty() ? "" : ", ") + l.name;
        if (!whole.empty()) fmt::print("left whole on device 0: {}\n", whole);
    });

    static double rank_in = 0, rank_out = 0;
    auto* tk =
        trace->add_subcommand("tucker", "Tucker-2: each selected k x k conv -> 1x1, k x k, 1x1");
    tk->add_option("FILE", in, "Input trace")->required();
    tk->add_option("-o,--output", out, "Output trace")->required();
    tk->add_option("--rank-in", rank_in,
                   "R1: a fraction in (0, 1) of the input channels, or an integer rank")
        ->required();
    tk->add_option("--rank-out", rank_out,
                   "R2: a fraction in (0, 1) of the output channels, or an integer rank")
        ->required();
    tk->add_option(
        "--layers", layers,
        "Layers to decompose (names or globs; default every ungrouped k x k conv, k > 1)");
    tk->add_flag(
        "--tensors", tensors,
        "Write every conv/fc's weights as .npy, factors from the synthetic weights of --seed");
    tk->add_option("--seed", seed, "Seed of synthetic weights (layers without tensor files)");
    tk->callback([] {
        check_output_path(out, "--output", {in});
        const Network n = read_trace_file(in);
        TuckerOptions o;
        o.rank_in = rank_in;
        o.rank_out = rank_out;
        o.layers = layers;
        WeightStore t(seed);
        const bool carry = tensors || has_tensor_files(n);  // then the factors come from an HOSVD
        const Network s = tucker(n, WeightStore::from_trace(n, seed), o, carry ? &t : nullptr);
        write_trace_with_tensors(out, s, t);
        fmt::print("{}: {} -> {} MACs, {} -> {} weights\n", out, network_macs(n), network_macs(s),
                   network_weights(n), network_weights(s));
    });

    static double alpha = 1.0;
    static int64_t res = 0;
    auto* sc =
        trace->add_subcommand("scale", "MobileNet-style width multiplier and input resolution");
    sc->add_option("FILE", in, "Input trace")->required();
    sc->add_option("-o,--output", out, "Output trace")->required();
    sc->add_option("--alpha", alpha,
                   "Width multiplier: conv/fc widths floor(alpha*w), classifier kept");
    sc->add_option("--res", res, "Input resolution res x res (0: keep)");
    sc->callback([] {
        check_output_path(out, "--output", {in});
        const Network s = scale_network(read_trace_file(in), alpha, res);
        write_trace_file(out, s);
        fmt::print("{}: {} MACs, {} weights\n", out, network_macs(s), network_weights(s));
    });

    auto* cmp = trace->add_subcommand("compress",
                                      "Assign storage formats per tensor and report bytes saved");
    cmp->add_option("FILE", in, "Input trace")->required();
    cmp->add_option("-o,--output", out, "Output trace")->required();
    cmp->add_option("--format", format_text,
                    "One format for every tensor (fp32, e<E>m<M>b<B>, q<I>.<F>)");
    cmp->add_option("--coverage", coverage,
                    "Per-tensor choice: fraction of values the exponent window covers")
        ->check(CLI::Range(0.0, 1.0));
    cmp->add_option("--mantissa", mantissa, "Per-tensor choice: mantissa bits")
        ->check(CLI::Range(0, 23));
    cmp->add_option("--samples", samples, "Seeded inputs run to measure activations")
        ->check(CLI::Range(1, 1000));
    cmp->add_option("--seed", seed, "Seed of synthetic weights and inputs");
    cmp->add_flag("--weights-only", only_weights, "Leave activation formats alone");
    cmp->add_flag("--activations-only", only_acts, "Leave weight formats alone");
    cmp->callback([] {
        check_output_path(out, "--output", {in});
        const Network n = read_trace_file(in);
        CompressOptions o;
        if (!format_text.empty()) {
            std::string why;
            o.format = StorageFormat::parse(format_text, &why);
            if (!o.format)
                throw InputError(
                    Diagnostic{{"<command line>", 0, 0}, "--format", format_text, why});
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
        fmt::print("{:<28} {:>9} {:>12} {:>12} {:>9} {:>12} {:>12}\n", "layer", "w.format",
                   "w.bytes", "w.saved", "o.format", "out.bytes", "out.saved");
        for (const auto& r : rows) {
            fmt::print("{:<28} {:>9} {:>12} {:>12} {:>9} {:>12} {:>12}\n", r.layer, r.weight_format,
                       r.weight_bytes_after,
                       int64_t(r.weight_bytes_before) - int64_t(r.weight_bytes_after), r.out_format,
                       r.out_bytes_after, int64_t(r.out_bytes_before) - int64_t(r.out_bytes_after));
            before += r.weight_bytes_before + r.out_bytes_before;
            after += r.weight_bytes_after + r.out_bytes_after;
        }
        fmt::print("total: {} -> {} bytes ({} saved)\n", before, after,
                   int64_t(before) - int64_t(after));
    });
}

const bool registered = register_command("trace_transforms", 41, setup);

}  // namespace
}  // namespace edgesa
