"""Regenerate docs/report.png, the README's screenshot of the HTML class report.

Grades the bundled week08 examples with `grader grade --html`, opens the page in headless Chromium
(the distribution's package: `apt-get install chromium`) and captures the top of the page.

    .venv/bin/python scripts/report_screenshot.py [--chromium /usr/bin/chromium]
"""
from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--chromium", default=shutil.which("chromium") or "/usr/bin/chromium")
    parser.add_argument("--output", type=Path, default=ROOT / "docs" / "report.png")
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as work:
        page_path = Path(work) / "week08.html"
        subprocess.run([sys.executable, "-m", "grader", "grade", "assignments/week08.yaml", "examples/week08",
                        "--html", str(page_path)], cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=args.chromium, args=["--no-sandbox"])
            page = browser.new_page(viewport={"width": 1150, "height": 1500})
            page.goto(page_path.as_uri())
            args.output.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(args.output))
            browser.close()
    print(f"wrote {args.output}")


if __name__ == "__main__":
    main()
