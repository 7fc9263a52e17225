"""The peer benchmark's contract: any case file of that format, a JSON verdict per case in input
order, and a pair the engine cannot read is undecided with the reason, never a stopped run."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

SCRIPT = Path(__file__).resolve().parents[1] / "benchmarks" / "peer_equivalence.py"


def test_cases_file_to_json_verdicts(tmp_path):
    cases = {"cases": [
        {"a": "(x-1)**2", "b": "x**2-2*x+1", "equal": True},
        {"a": "log(a**2*b)", "b": "2*log(a)+log(b)", "equal": True, "domain": {"a": "positive", "b": "positive"}},
        {"a": "x", "b": "sqrt(x**2)", "equal": False, "domain": {"x": "real"}},
        {"a": "4*A*B**2*v", "b": "4*B*A*B*v", "equal": False, "matrices": {"A": [2, 2], "B": [2, 2], "v": [2, 1]}},
        {"a": "x", "b": "1.0005*x", "equal": True, "tolerance": {"rtol": 0.001}},
        {"a": "x[0]", "b": "x", "equal": True},
        {"a": "sign(-3)", "b": "-1", "equal": True},
        {"a": "sgn(-3)", "b": "-1", "equal": True},
        {"a": "x*(1 - x)", "b": "x(1 - x)", "equal": True},
    ]}
    source, out = tmp_path / "cases.json", tmp_path / "out.json"
    source.write_text(json.dumps(cases))
    run = subprocess.run([sys.executable, str(SCRIPT), str(source), "--json", str(out), "--no-baseline"],
                         capture_output=True, text=True, timeout=300)
    assert run.returncode == 0, run.stderr
    assert "agreement        7/9" in run.stdout and "disagreements with the peers: 2" in run.stdout
    rows = json.loads(out.read_text())["cases"]
    assert [row["a"] for row in rows] == [case["a"] for case in cases["cases"]]
    assert [row["verdict"] for row in rows] == ["equal", "equal", "not_equal", "not_equal", "equal", "undecided",
                                                "equal", "undecided", "equal"]
    assert rows[5]["method"].startswith("cannot read the pair: square brackets")
    assert rows[7]["method"].startswith("cannot read the pair: unknown function `sgn`")  # never sgn*(-3)
    assert all(set(row) == {"a", "b", "verdict", "method", "seconds"} for row in rows)
