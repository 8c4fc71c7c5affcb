# edgesa.Config: the CLI's loader, validation and diagnostics, and with_() as --set.
import json

import pytest

import edgesa
from conftest import cli, src


def test_load_resolves_like_config_check(seed_config):
    cfg = edgesa.Config.load(seed_config)
    expected = json.loads(cli("config", "check", "--json", seed_config).stdout)
    expected.pop("warnings", None)  # config check's advice (issue 18), not part of the config
    assert cfg.to_dict() == expected
    assert cfg.hash == expected["derived"]["config_hash"]


def test_bad_file_raises_the_cli_diagnostics(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_text("array:\n  rows: 8\n  width: 12\ndram:\n  latncy_ns: 5\n")
    r = cli("config", "check", str(bad), check=False)
    assert r.returncode == 2
    with pytest.raises(edgesa.InputError) as e:
        edgesa.Config.load(str(bad))
    assert str(e.value) + "\n" == r.stderr
    d = e.value.diagnostics
    width = [x for x in d if x["key"] == "array.width"]
    assert [(x["line"], x["column"]) for x in width] == [(3, 10)]
    assert width[0]["text"] == str(bad) + ":3:10: array.width = 12: must be a power of two"
    assert {x["key"] for x in d} == {"array.width", "dram.latncy_ns"}
    assert isinstance(e.value, ValueError)


def test_from_dict_validates_and_names_the_key():
    cfg = edgesa.Config.from_dict({"array": {"rows": 8, "width": 8}, "compute": {"type": "fp32"}})
    assert cfg.to_dict()["array"]["rows"] == 8
    with pytest.raises(edgesa.InputError) as e:
        edgesa.Config.from_dict({"array": {"rows": 8, "width": 12}})
    assert str(e.value) == "<dict>: array.width = 12: must be a power of two"


def test_with_is_set(seed_config, tmp_path):
    base = edgesa.Config.load(seed_config)
    a = base.with_(array__rows=8, dram__bandwidth_gbps=12.8)
    b = base.with_(**{"array.rows": 8, "dram.bandwidth_gbps": 12.8})
    expected = json.loads(cli("config", "check", "--json", seed_config).stdout)
    assert a.hash == b.hash != base.hash
    assert a.to_dict()["array"]["rows"] == 8 and base.to_dict()["array"]["rows"] == expected["array"]["rows"]
    assert a.overrides == [("array.rows", "8"), ("dram.bandwidth_gbps", "12.8")]
    with pytest.raises(edgesa.InputError) as e:
        base.with_(array__rowz=8)
    assert "array.rowz" in str(e.value) and "did you mean 'array.rows'" in str(e.value)
    with pytest.raises(edgesa.InputError):
        base.with_(array__rows=3)  # not a power of two... or out of range: rejected either way
