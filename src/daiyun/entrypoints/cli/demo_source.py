"""Where the demo's real listings file is: $DAIYUN_SHARED_DATA_DIR, or shared/ beside the repo."""

from __future__ import annotations

import os
from pathlib import Path

__all__ = ["LISTINGS_FILE", "find_listings_file"]

LISTINGS_FILE = "tmall_cosmetics_listings_2016.csv"


def find_listings_file() -> Path | None:
    """The listings file: $DAIYUN_SHARED_DATA_DIR, else ../shared/data/real beside the repo."""
    candidates: list[Path] = []
    if configured := os.environ.get("DAIYUN_SHARED_DATA_DIR"):
        candidates.append(Path(configured))
    repository = Path(__file__).resolve().parents[4]
    for base in (Path.cwd(), repository):
        candidates.append(base.parent / "shared" / "data" / "real")
    for folder in candidates:
        if (folder / LISTINGS_FILE).is_file():
            return folder / LISTINGS_FILE
    return None
