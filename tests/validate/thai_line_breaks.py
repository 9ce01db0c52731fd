#!/usr/bin/python3
"""Where LibreOffice breaks a Thai sentence in a wrapped cell (issue 19,
"no word broken inside").  Writes one workbook: the same sentence in
columns 8 to 22 wide, as typed, with U+200B ZERO WIDTH SPACE at libthai's
word breaks, and with U+2060 WORD JOINER between the characters of each
libthai word; prints LibreOffice's PDF text, one line per printed line.

Usage: tests/validate/thai_line_breaks.py OUT_DIR   (needs soffice,
openpyxl, pdftotext).  The libthai words are written out below (libthai
0.1.29 breaks the sentence so)."""
import os
import subprocess
import sys
import unicodedata

import openpyxl
from openpyxl.styles import Alignment

WORDS = "มุ่ง|ผล|สำเร็จ|ของ|งาน|และ|รับผิดชอบ|ต่อ|ความ|ผิดพลาด".split("|")
WIDTHS = [8, 10, 12, 14, 16, 18, 20, 22]


def joined(word):
    """WORD JOINER between the clusters of a word (never before a mark)."""
    out = ""
    for i, ch in enumerate(word):
        if i and unicodedata.category(ch) != "Mn" and ch != "\u0e33":
            out += "\u2060"
        out += ch
    return out


VARIANTS = {"typed": "".join(WORDS), "zwsp": "\u200b".join(WORDS),
            "wj": "".join(joined(w) for w in WORDS)}


def main(out):
    os.makedirs(out, exist_ok=True)
    wb = openpyxl.Workbook()
    ws = wb.active
    for c, w in enumerate(WIDTHS, start=1):
        ws.column_dimensions[openpyxl.utils.get_column_letter(c)].width = w
        for r, (name, text) in enumerate(VARIANTS.items()):
            ws.cell(row=2 * r + 1, column=c, value=f"{name}/{w}")
            cell = ws.cell(row=2 * r + 2, column=c, value=text)
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            ws.row_dimensions[2 * r + 2].height = 120
    book = os.path.join(out, "thai_line_breaks.xlsx")
    wb.save(book)
    profile = "file://" + os.path.abspath(os.path.join(out, "profile"))
    subprocess.run(["soffice", f"-env:UserInstallation={profile}",
                    "--headless", "--convert-to", "pdf", "--outdir", out,
                    book], check=True, capture_output=True)
    text = subprocess.run(["pdftotext", "-raw",
                           os.path.join(out, "thai_line_breaks.pdf"), "-"],
                          capture_output=True, text=True, check=True).stdout
    print(text.replace("\u200b", "").replace("\u2060", ""))


if __name__ == "__main__":
    main(sys.argv[1])
