# edgesa.run: the report equals `edgesa run --json` exactly; runs repeat in one process (each in a
# forked child); functional tensors in and out as numpy arrays; errors as InputError.
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest

import edgesa
from conftest import cli, cli_json, src


@pytest.mark.parametrize("mode", ["timing", "functional"])
def test_report_is_the_cli_report(tmp_path, seed_config, mode):
    cfg = edgesa.Config.load(seed_config).with_(array__rows=16)
    r = edgesa.run(cfg, edgesa.Trace.zoo("lenet5"), mode=mode, images=2)
    expected = cli_json(tmp_path, "run", "--config", seed_config, "--workload", "lenet5", "--mode", mode,
                        "--images", "2", "--set", "array.rows=16")
    assert r.report == expected
    assert r.cycles == expected["totals"]["cycles"] > 0
    assert r.text.startswith("layer ")


def test_many_runs_in_one_process(seed_config):
    cfg = edgesa.Config.load(seed_config)
    t = edgesa.Trace.zoo("lenet5")
    cycles = [edgesa.run(cfg.with_(array__rows=rows), t).cycles for rows in (8, 64, 8)]
    assert cycles[0] == cycles[2] != cycles[1]
    with ThreadPoolExecutor(2) as pool:  # concurrent runs from threads: one child each
        par = list(pool.map(lambda rows: edgesa.run(cfg.with_(array__rows=rows), t).cycles, (8, 64)))
    assert par == cycles[:2]


def test_views_and_dataframes(seed_config):
    r = edgesa.run(edgesa.Config.load(seed_config), edgesa.Trace.zoo("lenet5"))
    assert [l["name"] for l in r.layers] == edgesa.Trace.zoo("lenet5").layer_names
    c = r.counters
    assert c and all({"value", "unit", "description"} <= set(v) for v in c.values())
    df = r.layers_df()
    assert list(df["name"]) == [l["name"] for l in r.layers]
    assert df["cycles"].sum() > 0 and "stall_cycles.memory" in df.columns
    assert r.totals_df()["cycles"][0] == r.cycles
    assert len(r.counters_df()) == len(c)


FC_TRACE = """edgesa_trace: 1
name: one_fc
input: {shape: [24, 1, 1], format: fp32}
layers:
  - name: fc
    type: fc
    inputs: [input]
    units: 10
    bias: true
    weight_format: fp32
    out_format: fp32
"""


def test_functional_numpy_in_and_out(tmp_path):
    path = tmp_path / "fc.yaml"
    path.write_text(FC_TRACE)
    rng = np.random.default_rng(7)
    w = rng.standard_normal((10, 24)).astype(np.float32)
    b = rng.standard_normal(10).astype(np.float32)
    x = rng.standard_normal((24, 1, 1)).astype(np.float32)
    t = edgesa.Trace.load(str(path)).with_weights("fc", w, b)
    cfg = edgesa.Config.load(src("configs", "rtl_8x8_fp32.yaml"))
    r = edgesa.run(cfg, t, mode="functional", input=x)
    y = r.outputs["fc"]
    assert y.shape == (10, 1, 1) and y.dtype == np.float32
    # fp32 compute in the array's reduction order vs numpy in float64: equal to float rounding
    np.testing.assert_allclose(y[:, 0, 0], w.astype(np.float64) @ x[:, 0, 0] + b, rtol=1e-5, atol=1e-5)
    # a different input gives a different output; the seeded default is neither
    r2 = edgesa.run(cfg, t, mode="functional", input=-x)
    np.testing.assert_allclose(r2.outputs["fc"][:, 0, 0], -(w.astype(np.float64) @ x[:, 0, 0]) + b, rtol=1e-5, atol=1e-5)


def test_run_errors(seed_config):
    cfg = edgesa.Config.load(seed_config)
    t = edgesa.Trace.zoo("lenet5")
    with pytest.raises(edgesa.InputError) as e:
        edgesa.run(cfg, t, images=0)
    assert str(e.value) == "--images: --images = 0: must be between 1 and 4096"
    with pytest.raises(edgesa.InputError) as e:
        edgesa.run(cfg, t, mode="fast")
    assert e.value.diagnostics[0]["key"] == "--mode"
    with pytest.raises(edgesa.InputError) as e:
        edgesa.run(cfg, t, mode="functional", input=np.zeros(5, np.float32))
    assert "C*H*W" in str(e.value)


def test_onnx_weights_reach_the_child(tmp_path, seed_config):
    # In memory (Python) and through files (CLI: trace import, then run): the same output codes.
    onnx = src("tests", "data", "onnx", "tiny.onnx")
    path = tmp_path / "tiny.yaml"
    cli("trace", "import", onnx, "-o", str(path))
    expected = cli_json(tmp_path, "run", "--config", seed_config, "--workload", str(path), "--mode", "functional")
    t = edgesa.Trace.import_onnx(onnx)
    assert t.carries_tensors
    r = edgesa.run(edgesa.Config.load(seed_config), t, mode="functional")
    assert [l["output_hash"] for l in r.layers] == [l["output_hash"] for l in expected["layers"]]
    assert r.totals == expected["totals"]
    # other weights give other outputs: the given ones are used
    seeded = edgesa.run(edgesa.Config.load(seed_config), edgesa.Trace.load(str(path)).with_weights(
        t.layer_names[0], np.zeros_like(t.weights(t.layer_names[0])[0]), t.weights(t.layer_names[0])[1]),
        mode="functional")
    assert seeded.layers[0]["output_hash"] != r.layers[0]["output_hash"]
