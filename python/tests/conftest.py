# Shared fixtures of the Python API tests (run by CTest: python_api, and slow:python_api for the
# tests marked slow). The environment comes from python/CMakeLists.txt.
import json
import os
import subprocess

import pytest

SOURCE = os.environ.get("EDGESA_SOURCE_DIR", os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("EDGESA_BIN", os.path.join(SOURCE, "build", "app", "edgesa"))


def pytest_configure(config):
    config.addinivalue_line("markers", "slow: builds a Verilator runner (CTest label slow)")


def src(*parts):
    return os.path.join(SOURCE, *parts)


def cli(*args, check=True):
    """Runs the edgesa command line; returns the CompletedProcess (text)."""
    r = subprocess.run([BIN, *args], capture_output=True, text=True)
    if check and r.returncode != 0:
        raise AssertionError("edgesa {} failed ({}):\n{}".format(" ".join(args), r.returncode, r.stderr))
    return r


def cli_json(tmp_path, *args):
    out = tmp_path / "cli.json"
    cli(*args, "--json", str(out))
    with open(out) as f:
        return json.load(f)


@pytest.fixture
def seed_config():
    return src("configs", "seed_64x32_q3.13.yaml")
