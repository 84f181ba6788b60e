"""The CJK font embedded in PDF files: Noto Sans CJK SC from Debian's fonts-noto-cjk."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Final

__all__ = ["CJK_FONT_PACKAGE", "CjkFont", "CjkFontMissing", "find_cjk_font"]

CJK_FONT_PACKAGE: Final = "fonts-noto-cjk"


class CjkFontMissing(RuntimeError):
    """No font that can write Chinese is installed where we look for one."""


@dataclass(frozen=True, slots=True)
class CjkFont:
    """A font file (or a face in a .ttc collection) with Simplified Chinese glyphs."""

    regular: Path
    regular_index: int = 0  # the face's number inside a .ttc collection
    bold: Path | None = None
    bold_index: int = 0


# Noto Sans CJK ships as OpenType/CFF collections; face 2 is "Noto Sans CJK SC" (Simplified
# Chinese glyph forms). fpdf2 embeds CFF outlines as CIDFontType0C subsets.
_NOTO = "NotoSansCJK-{}.ttc"
_NOTO_SC_FACE: Final = 2
FONT_DIRECTORIES: Final[tuple[Path, ...]] = (
    Path("/usr/share/fonts/opentype/noto"),  # Debian, Ubuntu: fonts-noto-cjk
    Path("/usr/share/fonts/noto-cjk"),  # Arch: noto-fonts-cjk
    Path("/usr/share/fonts/google-noto-cjk"),  # Fedora: google-noto-sans-cjk-fonts
    Path("/opt/homebrew/share/fonts"),
)


def find_cjk_font(directories: Sequence[Path] = FONT_DIRECTORIES) -> CjkFont:
    """The first Noto Sans CJK collection found in `directories`; CjkFontMissing names the fix."""
    for directory in directories:
        regular = directory / _NOTO.format("Regular")
        if regular.is_file():
            bold = directory / _NOTO.format("Bold")
            return CjkFont(
                regular=regular,
                regular_index=_NOTO_SC_FACE,
                bold=bold if bold.is_file() else None,
                bold_index=_NOTO_SC_FACE,
            )
    looked_in = ", ".join(str(directory) for directory in directories)
    raise CjkFontMissing(
        f"no Chinese font for the PDF: {_NOTO.format('Regular')} is not in {looked_in}; "
        f"install Debian's {CJK_FONT_PACKAGE} (apt-get install {CJK_FONT_PACKAGE}) "
        "or pass a CjkFont with the path of another font that has Chinese glyphs"
    )
