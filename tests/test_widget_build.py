"""The production build of the website files: hashed names, integrity hashes, and a README that embeds
the present widget."""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path

from scripts.build_widget import ROOT, build, snippet


def sri(data: bytes) -> str:
    return "sha384-" + base64.b64encode(hashlib.sha384(data).digest()).decode()


def test_every_built_file_is_named_and_hashed_by_its_content(tmp_path: Path) -> None:
    assets = build(target=tmp_path / "web")
    widget = tmp_path / "web" / "widget"
    for asset in assets.values():
        data = (widget / asset.name).read_bytes()
        assert asset.integrity == sri(data)
        assert hashlib.sha256(data).hexdigest()[:12] in asset.name
    script = (widget / assets["kth-assistant.js"].name).read_text(encoding="utf-8")
    for loaded in ("kth-assistant.css", "socket.io.min.js"):  # the script loads them by name and hash
        assert f'"{assets[loaded].name}"' in script and f'"{assets[loaded].integrity}"' in script
    for page in ("index.html", "en/index.html"):
        html = (tmp_path / "web" / page).read_text(encoding="utf-8")
        assert (
            f'src="/widget/{assets["kth-assistant.js"].name}" integrity="{assets["kth-assistant.js"].integrity}"'
            in html
        )
        assert "data-server" not in html  # the pages talk to their own origin behind nginx


def test_the_readme_embeds_the_present_widget(tmp_path: Path) -> None:
    assets = build(target=tmp_path / "web")
    assert snippet(assets["kth-assistant.js"]) in (ROOT / "README.md").read_text(
        encoding="utf-8"
    ), "README's embedding snippet is out of date: python -m scripts.build_widget --snippet"
