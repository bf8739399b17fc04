"""Generators of the living documentation: ``python -m docs.tools.generate`` (``make docs``)."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DOCS = ROOT / "docs"
FEATURES = ROOT / "features"
