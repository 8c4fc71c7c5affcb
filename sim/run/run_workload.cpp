#include "run/run_workload.h"

#include "diag/diagnostic.h"

namespace edgesa::sim {

RunOutcome run_workload(const AccelConfig& cfg, const Network& net, const RunRequest& req) {
    if (req.images < 1 || req.images > 4096)
        throw InputError(Diagnostic{{"--images", 0, 0},
                                    "--images",
                                    std::to_string(req.images),
                                    "must be between 1 and 4096"});
    if (req.mode != "timing" && req.mode != "functional")
        throw InputError(
            Diagnostic{{"--mode", 0, 0}, "--mode", req.mode, "must be timing or functional"});
    if (req.scheduler != "clock" && req.scheduler != "per-unit")
        throw InputError(Diagnostic{
            {"--scheduler", 0, 0}, "--scheduler", req.scheduler, "must be clock or per-unit"});
    RunOutcome o;
    o.batch = batch_images(net, req.images);
    o.prog = Program::build(o.batch.net, cfg, o.batch.source, o.batch.image);
    SimOptions opt = req.sim;
    opt.functional = req.mode == "functional";
    opt.per_unit = req.scheduler == "per-unit";
    o.result = simulate(o.batch.net, cfg, o.prog, opt);
    o.report = run_report_json(cfg, o.batch.net, o.prog, o.result,
                               {req.workload, req.workload_hash, req.mode});
    return o;
}

}  // namespace edgesa::sim
