# edgesa.Trace: zoo, files, transforms (the CLI's library calls: identical trace text), numpy weights.
import numpy as np
import pytest

import edgesa
from conftest import cli


def test_zoo_and_unknown_name():
    t = edgesa.Trace.zoo("lenet5")
    assert t.macs > 0 and len(t) == len(t.layer_names)
    assert "lenet5" in edgesa.Trace.zoo_names()
    with pytest.raises(edgesa.InputError) as e:
        edgesa.Trace.zoo("lenet")
    assert "lenet5" in str(e.value)


def test_transforms_match_the_cli(tmp_path):
    base = tmp_path / "vgg16.yaml"
    cli("trace", "zoo", "vgg16", "-o", str(base))
    cases = [
        (["prune", "--ratio", "conv1_2,conv2_1=0.5"], lambda t: t.prune({"conv1_2,conv2_1": 0.5})),
        (["split", "--lcp", "2", "--devices", "2"], lambda t: t.split_lcp(2, devices=2)),
        (["split", "--model-parallel", "2"], lambda t: t.split_model_parallel(2)),
        (["compress", "--format", "e4m3b7"], lambda t: t.compress(format="e4m3b7")),
        (["scale", "--alpha", "0.5"], lambda t: t.scale(alpha=0.5)),
        (["tucker", "--rank-in", "0.25", "--rank-out", "0.25"], lambda t: t.tucker(0.25, 0.25)),
    ]
    t = edgesa.Trace.load(str(base))
    for args, fn in cases:
        out = tmp_path / "out.yaml"
        cli("trace", args[0], str(base), *args[1:], "-o", str(out))
        assert fn(t).text == out.read_text(), args


def test_transform_errors_are_input_errors():
    t = edgesa.Trace.zoo("lenet5")
    with pytest.raises(edgesa.InputError) as e:
        t.prune({"nonexistent": 0.5})
    assert "nonexistent" in str(e.value)
    with pytest.raises(edgesa.InputError):
        t.split_model_parallel(2, conv_mode="diagonal")


def test_weights_in_and_out():
    t = edgesa.Trace.zoo("lenet5")
    name = t.layer_names[0]
    w, b = t.weights(name)
    assert w.ndim == 4 and w.dtype == np.float32
    w2 = np.full_like(w, 0.25)
    t2 = t.with_weights(name, w2, b)
    assert np.array_equal(t2.weights(name)[0], w2) and np.array_equal(t.weights(name)[0], w)
    assert t2.carries_tensors and not t.carries_tensors
    with pytest.raises(edgesa.InputError):
        t.with_weights(name, w2[:1], b)


def test_bad_trace_file_raises_the_cli_diagnostics(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("edgesa_trace: 1\nname: bad\ninput: {shape: [3, 8, 8], format: fp32}\nlayers:\n"
                   "  - name: c\n    type: conv2d\n    inputs: [inptu]\n    filters: 4\n    kernel: 3\n")
    r = cli("trace", "check", str(bad), check=False)
    assert r.returncode == 2
    with pytest.raises(edgesa.InputError) as e:
        edgesa.Trace.load(str(bad))
    assert str(e.value) + "\n" == r.stderr
    assert e.value.diagnostics[0]["line"] > 0 and "inptu" in str(e.value)
