"""The fork server's heap is collapsed into huge pages where the kernel can (fewer page-table
entries for every fork of it to copy), and nothing changes where it cannot."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest

SCRIPT = """
import json
from grader.sandbox.hugepages import collapse_heap

def huge_kb():
    with open("/proc/self/smaps_rollup") as rollup:
        return next(int(line.split()[1]) for line in rollup if line.startswith("AnonHugePages:"))

heap = [bytearray(4096) for _ in range(8192)]  # 32 MiB of small objects, as an imported library leaves
before = huge_kb()
collapsed = collapse_heap()
print(json.dumps({"collapsed": collapsed, "gained_kb": huge_kb() - before, "intact": all(len(b) == 4096 for b in heap)}))
"""


def test_the_heap_is_collapsed_into_huge_pages_and_stays_intact():
    done = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, check=True)
    report = json.loads(done.stdout)
    assert report["intact"]
    if report["collapsed"] == 0:
        pytest.skip("this kernel does not collapse anonymous memory (MADV_COLLAPSE, Linux 6.1+, THP enabled)")
    assert report["gained_kb"] >= 16 * 1024  # most of the 32 MiB is now in 2 MiB pages
