"""Builds the website files for production: the widget with content-hashed names and integrity hashes.

    .venv/bin/python -m scripts.build_widget            # writes build/web/
    .venv/bin/python -m scripts.build_widget --snippet  # prints the embedding snippet (README)

From web/ it writes build/web/: the widget's script, styles and the vendored socket.io
client as `name.<hash>.ext` (served by nginx with a year's cache lifetime, since a
change makes a new name), the script told those names and their Subresource Integrity
hashes, `widget/manifest.json`, and the demo pages pointing at the hashed script with
its hash and talking to their own origin (nginx fronts both).
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import json
import re
import shutil
from dataclasses import dataclass
from pathlib import Path

from actions.paths import PROJECT_ROOT as ROOT
from scripts.demo_pages import PAGES

SOURCE = ROOT / "web"
TARGET = ROOT / "build" / "web"
# Where the snippet in the README says the widget lives; the office's site serves build/web/widget/ there.
PUBLIC_BASE = "https://www.example.org/widget/"


@dataclass(frozen=True)
class Asset:
    name: str  # the content-hashed file name
    integrity: str  # sha384, as Subresource Integrity writes it


def integrity(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def hashed_name(name: str, data: bytes) -> str:
    """ "kth-assistant.js" -> "kth-assistant.<12 hex digits of its SHA-256>.js"."""
    stem, dot, extension = name.rpartition(".")
    return f"{stem}.{hashlib.sha256(data).hexdigest()[:12]}{dot}{extension}"


def _write(directory: Path, name: str, data: bytes) -> Asset:
    asset = Asset(hashed_name(name, data), integrity(data))
    (directory / asset.name).write_bytes(data)
    return asset


def _script(source: str, css: Asset, io: Asset) -> bytes:
    """The widget's script with the built names and hashes of what it loads."""
    assets = (
        f'css: "{css.name}", cssIntegrity: "{css.integrity}",\n' f'    io: "{io.name}", ioIntegrity: "{io.integrity}"'
    )
    built, count = re.subn(
        r'css: "kth-assistant\.css", cssIntegrity: "",\n\s+io: "vendor/socket\.io\.min\.js", ' r'ioIntegrity: ""',
        assets,
        source,
    )
    if count != 1:
        raise SystemExit("build_widget: the ASSETS block of kth-assistant.js has changed; update the build")
    return built.encode()


def build(source: Path = SOURCE, target: Path = TARGET) -> dict[str, Asset]:
    """Writes the production website files; returns the built widget files by their source name."""
    shutil.rmtree(target, ignore_errors=True)
    widget = target / "widget"
    widget.mkdir(parents=True)
    vendor = source / "widget" / "vendor" / "socket.io.min.js"
    if not vendor.is_file():
        raise SystemExit("build_widget: web/widget/vendor/socket.io.min.js is missing; run `make web` first")
    io = _write(widget, "socket.io.min.js", vendor.read_bytes())
    css = _write(widget, "kth-assistant.css", (source / "widget" / "kth-assistant.css").read_bytes())
    script = _write(
        widget,
        "kth-assistant.js",
        _script((source / "widget" / "kth-assistant.js").read_text(encoding="utf-8"), css, io),
    )
    assets = {"kth-assistant.js": script, "kth-assistant.css": css, "socket.io.min.js": io}
    (widget / "manifest.json").write_text(
        json.dumps({name: vars(asset) for name, asset in assets.items()}, indent=2) + "\n", encoding="utf-8"
    )
    shutil.copy(source / "site.css", target / "site.css")
    for page in PAGES:
        html = (source / page).read_text(encoding="utf-8")
        html, count = re.subn(
            r'<script src="/widget/kth-assistant\.js" data-server="[^"]*" defer></script>',
            f'<script src="/widget/{script.name}" integrity="{script.integrity}" crossorigin="anonymous" defer>'
            "</script>",
            html,
        )
        if count != 1:
            raise SystemExit(f"build_widget: {page} has no widget script tag to build")
        (target / page).parent.mkdir(parents=True, exist_ok=True)
        (target / page).write_text(html, encoding="utf-8")
    return assets


def snippet(script: Asset, base: str = PUBLIC_BASE) -> str:
    """The tag a page of the office's site embeds the widget with (README, "The chat widget")."""
    return (
        f'<script src="{base}{script.name}"\n'
        f'        integrity="{script.integrity}"\n'
        f'        crossorigin="anonymous" data-lang="sv" defer></script>'
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--snippet", action="store_true", help="print the embedding snippet after building")
    args = parser.parse_args()
    assets = build()
    if args.snippet:
        print(snippet(assets["kth-assistant.js"]))
    else:
        for name, asset in assets.items():
            print(f"{name} -> build/web/widget/{asset.name} ({asset.integrity})")


if __name__ == "__main__":
    main()
