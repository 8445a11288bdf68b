"""Writes password-protected.xlsx: the tidy fixture encrypted with the password
"itamemo", as Excel does when a file is saved with a password (Agile encryption).

Run with `just password-fixture` (needs `pip install msoffcrypto-tool`); the file is
committed, so tests need neither Python nor the network.
"""
import pathlib

import msoffcrypto.format.ooxml

here = pathlib.Path(__file__).parent
plain = here.parent.parent / "fixtures" / "chumphon-ita-2564-2565.xlsx"
with open(plain, "rb") as source, open(here / "password-protected.xlsx", "wb") as target:
    msoffcrypto.format.ooxml.OOXMLFile(source).encrypt("itamemo", target)
