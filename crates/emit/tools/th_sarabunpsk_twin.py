"""Makes "TH SarabunPSK" for LibreOffice on machines that lack it, from
fonts-thai-tlwg's Laksaman, and a fontconfig file that shows it to LibreOffice.

Laksaman is TH SarabunPSK's Thai drawn 1.5 times larger (TLWG enlarged its fonts
to match Latin ones): its advances are TH SarabunPSK's over 0.665 (the digits 544
against 362, the space 324 against 216), and fontconfig's own rule for TH Sarabun
(89-tlwg-laksaman-synthetic.conf) scales Laksaman by 0.66. LibreOffice ignores
that rule's matrix and prints "TH SarabunPSK" in Laksaman at full size, so a
memo laid out for the real font took 14 pages there instead of 9. A larger em
(1504 units instead of 1000) shrinks every outline and metric by 0.665 alike.

    python3 th_sarabunpsk_twin.py OUTDIR    (needs fontTools: pip install fonttools)

writes OUTDIR/fonts/*.ttf and OUTDIR/fonts.conf; run LibreOffice with
FONTCONFIG_FILE=OUTDIR/fonts.conf. Used by the tests that print memos and by
font_advances.py; the files are never shipped.
"""

import os
import sys

from fontTools.ttLib import TTFont

TLWG = "/usr/share/fonts/truetype/tlwg/"
FAMILY = "TH SarabunPSK"
# Laksaman's em in TH SarabunPSK's: 1000 / 0.665.
UNITS_PER_EM = 1504
STYLES = [
    ("Laksaman.ttf", "Regular"),
    ("Laksaman-Bold.ttf", "Bold"),
    ("Laksaman-Italic.ttf", "Italic"),
    ("Laksaman-BoldItalic.ttf", "Bold Italic"),
]


def twin(source, style):
    """Laksaman's `source` scaled to TH SarabunPSK and named as it."""
    font = TTFont(TLWG + source)
    assert font["head"].unitsPerEm == 1000, source
    font["head"].unitsPerEm = UNITS_PER_EM
    full = FAMILY if style == "Regular" else f"{FAMILY} {style}"
    postscript = "THSarabunPSK" + ("" if style == "Regular" else "-" + style.replace(" ", ""))
    names = {1: FAMILY, 2: style, 3: f"{postscript} (Laksaman scaled by itamemo)",
             4: full, 6: postscript, 16: FAMILY, 17: style}
    for record in font["name"].names:
        if record.nameID in names:
            record.string = names[record.nameID]
    return font, postscript


def main(out):
    fonts = os.path.join(out, "fonts")
    os.makedirs(fonts, exist_ok=True)
    for source, style in STYLES:
        font, postscript = twin(source, style)
        font.save(os.path.join(fonts, postscript + ".ttf"))
    cache = os.path.join(out, "cache")
    with open(os.path.join(out, "fonts.conf"), "w", encoding="utf-8") as conf:
        conf.write(
            '<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n'
            "<fontconfig>\n"
            '  <include ignore_missing="yes">/etc/fonts/fonts.conf</include>\n'
            f"  <dir>{os.path.abspath(fonts)}</dir>\n"
            f"  <cachedir>{os.path.abspath(cache)}</cachedir>\n"
            "</fontconfig>\n"
        )


if __name__ == "__main__":
    main(sys.argv[1])
