"""edgesa from Python: configs, traces, cycle-level runs, RTL verification, sweep results.

The C++ extension ``_edgesa`` calls the same library functions as the ``edgesa`` command line.
Each ``run`` happens in a forked child of this process (the SystemC kernel cannot restart), see
docs/python.md.
"""
import io

from ._edgesa import Config, InputError, Trace, __version__, verify  # noqa: F401
from . import _edgesa

__all__ = ["Config", "Trace", "InputError", "Result", "run", "verify", "read_sweep", "__version__"]


def _pandas():
    try:
        import pandas
    except ImportError as e:  # pandas is optional: the dicts are always there
        raise ImportError("edgesa: DataFrames need pandas (Debian: python3-pandas)") from e
    return pandas


def _flatten_counters(tree, prefix=""):
    """The report's counter tree -> {"dev0.array.macs": {"value", "unit", "description"}}."""
    out = {}
    for key, node in tree.items():
        path = prefix + key
        if isinstance(node, dict) and "value" in node and "unit" in node:
            out[path] = node
        elif isinstance(node, dict):
            out.update(_flatten_counters(node, path + "."))
    return out


class Result:
    """One run. ``report`` is the document ``edgesa run --json`` writes, as dicts and lists (new
    report fields appear here without changes to this module); the other attributes are views of it.
    """

    def __init__(self, raw):
        self.report = raw["report"]
        self.text = raw["text"]  # the table `edgesa run` prints
        self.outputs = raw["outputs"]  # functional mode: layer name -> float32 array (C, H, W)

    @property
    def totals(self):
        return self.report["totals"]

    @property
    def layers(self):
        return self.report["layers"]

    @property
    def images(self):
        return self.report["images"]

    @property
    def counters(self):
        """Every counter: path -> {"value", "unit", "description"}."""
        return _flatten_counters(self.report["stats"])

    @property
    def cycles(self):
        return self.totals["cycles"]

    @property
    def energy_pj(self):
        return self.totals["energy_pj"]

    def totals_df(self):
        """The totals as a one-row DataFrame (nested fields as dotted columns)."""
        return _pandas().json_normalize(self.totals)

    def layers_df(self):
        """One row per layer, nested fields (stall_cycles, tiling, tensors, probes) as dotted columns."""
        return _pandas().json_normalize(self.layers)

    def counters_df(self):
        """One row per counter: path, value, unit, description."""
        rows = [dict(path=p, **c) for p, c in self.counters.items()]
        return _pandas().DataFrame(rows, columns=["path", "value", "unit", "description"])

    def __repr__(self):
        t = self.totals
        return "<edgesa.Result {} on config {}: {} cycles, {:.4g} uJ>".format(
            self.report["workload"], self.report["config_hash"], t["cycles"], t["energy_pj"] / 1e6)


def run(config, trace, mode="timing", images=1, input=None, max_cycles=0, skip_idle=True,
        scheduler="clock", vcd=""):
    """Simulate ``trace`` on ``config`` cycle by cycle, as ``edgesa run`` (in a forked child).

    mode: 'timing' or 'functional'; images: a batch run back to back; input: a float array of the
    network input's C*H*W values (functional mode; default the seeded input); max_cycles: deadlock
    guard; skip_idle=False is ``--no-skip``; scheduler: 'clock' or 'per-unit'; vcd: waveform file.
    """
    return Result(_edgesa._run(config, trace, mode, images, input, max_cycles, skip_idle, scheduler, vcd))


def read_sweep(db):
    """A sweep results database as a DataFrame: the table ``edgesa sweep export --csv`` writes,
    one row per point (identity, status, parameters, metrics)."""
    return _pandas().read_csv(io.StringIO(_edgesa._sweep_csv(db)))
