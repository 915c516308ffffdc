"""Drive Debian's chromium through a list of pages in a separate process, for the property and center
browser tests.

Why a process of its own: tests/browser/conftest.py keeps one Playwright sync session open for the whole
test session, and a second sync session in the same process is refused ("using Playwright Sync API inside
the asyncio loop"); the browser fixtures cannot be shared outside tests/browser/. So the test starts this
script with a plan on stdin (base URL, account, viewport, pages with the selectors that must be visible and
the screenshot to take) and reads a JSON verdict on stdout: what was missing, and any Content-Security-Policy
violation the browser reported.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--headless",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


def drive(plan: dict[str, Any]) -> dict[str, Any]:
    """Run `plan` in a child process; returns {"missing": [...], "violations": [...], "errors": [...]}."""
    if shutil.which("chromium") is None:
        raise AssertionError(
            "chromium is not installed: run `make system-deps` (Debian packages chromium, fonts-noto-cjk)"
        )
    done = subprocess.run(
        [sys.executable, __file__],
        input=json.dumps(plan),
        capture_output=True,
        text=True,
        timeout=240,
        check=False,
    )
    if done.returncode != 0:
        raise AssertionError(f"browser driver failed:\n{done.stderr[-3000:]}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _run(plan: dict[str, Any]) -> dict[str, Any]:
    from playwright.sync_api import sync_playwright

    base, out = plan["base"], Path(plan["artifacts"])
    out.mkdir(exist_ok=True)
    missing: list[str] = []
    violations: list[str] = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=shutil.which("chromium"), args=CHROMIUM_ARGS)
        context = browser.new_context(viewport=plan["viewport"], locale="zh-CN")
        page = context.new_page()
        page.on(
            "console", lambda m: violations.append(m.text) if "Content Security Policy" in m.text else None
        )
        page.goto(f"{base}/login/")
        page.fill("#id_username", plan["username"])
        page.fill("#id_password", plan["password"])
        page.click(".login-card button[type=submit]")
        page.wait_for_url(f"{base}/")
        for step in plan["pages"]:
            page.goto(f"{base}{step['path']}")
            for selector in step.get("visible", []):
                if not page.locator(selector).first.is_visible():
                    missing.append(f"{step['path']}: {selector}")
            for text in step.get("texts", []):
                if text not in page.content():
                    missing.append(f"{step['path']}: {text}")
            if step.get("screenshot"):
                page.screenshot(path=out / step["screenshot"], full_page=True)
        browser.close()
    return {"missing": missing, "violations": violations}


if __name__ == "__main__":
    sys.stdout.write(json.dumps(_run(json.loads(sys.stdin.read())), ensure_ascii=False) + "\n")
