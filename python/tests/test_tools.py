# edgesa.verify (errors cheaply; a real match in the slow set) and read_sweep (the CLI's export).
import csv
import io

import pytest

import edgesa
from conftest import cli, src


def test_verify_rejects_unknown_layers():
    cfg = edgesa.Config.load(src("configs", "rtl_4x4_q3.13.yaml"))
    t = edgesa.Trace.load(src("tests", "data", "verify", "q3.13", "lcp2.yaml"))
    with pytest.raises(edgesa.InputError) as e:
        edgesa.verify(cfg, t, layers=["b0/conv9"])
    assert "b0/conv9" in str(e.value) and "did you mean 'b0/conv1'" in str(e.value)


@pytest.mark.slow
def test_verify_matches():
    cfg = edgesa.Config.load(src("configs", "rtl_4x4_q3.13.yaml"))
    t = edgesa.Trace.load(src("tests", "data", "verify", "q3.13", "lcp2.yaml"))
    r = edgesa.verify(cfg, t, layers=["b0/conv1", "fc"])
    assert r["match"] and r["result"] == "match"
    assert [l["name"] for l in r["layers"]] == ["b0/conv1", "fc"]


def test_read_sweep_is_the_export(tmp_path):
    db = str(tmp_path / "r.sqlite")
    cli("sweep", src("sweeps", "small_lenet.yaml"), "--db", db, "-j", "2")
    df = edgesa.read_sweep(db)
    out = tmp_path / "r.csv"
    cli("sweep", "export", "--db", db, "--csv", str(out))
    rows = list(csv.DictReader(io.StringIO(out.read_text())))
    assert len(df) == len(rows) == 10
    assert list(df.columns) == list(rows[0].keys())
    assert list(df["point_id"]) == [r["point_id"] for r in rows]
    assert list(df["cycles"]) == [float(r["cycles"]) for r in rows]


def test_example_script_writes_its_plot(tmp_path):
    import subprocess
    import sys
    png = tmp_path / "plot.png"
    subprocess.run([sys.executable, src("examples", "python", "sweep_plot.py"), "-o", str(png), "--workload",
                    "lenet5", "--rows", "8,16", "--formats", "fp32,e4m3b7"], check=True, capture_output=True)
    assert png.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
