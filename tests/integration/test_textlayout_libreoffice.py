"""The row-height estimator (src/textlayout.c) against LibreOffice's own
wrapping.  Real texts of the project (the measures library, whose character
frequencies weighted the glyph classes, and the model's item labels, which
did not) are written with openpyxl, a second writer, into cells of four
column widths, in TH Sarabun New 14 pt with the workbook's Normal font set
to it as the program's workbooks do, each in a row tall enough for all its
lines.  LibreOffice prints the workbook to PDF; pdftotext -bbox gives the
position of every word, and the lines of each cell are the distinct
heights of its words.  The estimate must give LibreOffice's count exactly
for most cells and be at most one line off for nearly all; so must it for
cells indented one level (the body cells of the workbooks), given the
column's width less TEXTLAYOUT_INDENT_WIDTH (1.5)."""
import collections
import csv
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import openpyxl
from openpyxl.styles import Alignment, Font

import ita_reference as ref
from libreoffice import print_pdf

FONT, PT = "TH Sarabun New", 14
WIDTHS = (14, 22, 35, 55)
INDENT_WIDTH = 1.5   # textlayout.h: TEXTLAYOUT_INDENT_WIDTH
# libxlsxwriter stores a column width w as w + 5/7 units
STORED_MARGIN = 5 / 7
MEASURES = os.path.join(ref.REPO, "inputs", "reference", "measures.csv")
MARKER = re.compile(r"R\d+")
WORD = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" '
                  r'yMax="[\d.]+">([^<]*)</word>')


def project_texts():
    """(calibration texts, held-out texts)."""
    with open(MEASURES, encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    calibration = [r[c] for r in rows for c in
                   ("measure_th", "measure_en", "monitoring_th",
                    "monitoring_en", "support_units_th") if r[c]]
    with open(ref.MODEL, encoding="utf-8") as f:
        held_out = [r[c] for r in csv.DictReader(f) if r["kind"] == "item"
                    for c in ("label_th", "label_en")]
    return calibration, held_out


def predict(probe, cases):
    """cases: (width, text, indent)."""
    escaped = (t.replace("\n", "\\n") for _, t, _ in cases)
    feed = "".join(f"{w - (INDENT_WIDTH if indent else 0)}\t{PT}\t{e}\n"
                   for (w, _, indent), e in zip(cases, escaped))
    out = subprocess.run([probe], input=feed, capture_output=True,
                         text=True, check=True).stdout.split()
    return [int(x) for x in out]


def write_book(path, cases, predicted):
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    wb._fonts[0] = Font(name=FONT, size=PT)   # the Normal style's font
    sheets = {}
    for k, ((w, text, indent), p) in enumerate(zip(cases, predicted)):
        ws = sheets.get((w, indent))
        if ws is None:
            ws = sheets[(w, indent)] = wb.create_sheet(
                f"W{w}" + ("i" if indent else ""))
            ws.column_dimensions["A"].width = 6
            ws.column_dimensions["B"].width = w + STORED_MARGIN
        r = ws.max_row + 1 if ws.max_row > 1 or ws["A1"].value else 1
        ws.cell(r, 1, f"R{k}").alignment = Alignment(vertical="top")
        cell = ws.cell(r, 2, text)
        cell.font = Font(name=FONT, size=PT)
        cell.alignment = Alignment(wrap_text=True, vertical="top",
                                   horizontal="left" if indent else None,
                                   indent=1 if indent else 0)
        ws.row_dimensions[r].height = min(400, 30 * p + 80)
    wb.save(path)


def libreoffice_lines(pdf):
    """Lines of each cell, by case number, from the words' positions."""
    words_by_case = collections.defaultdict(list)
    html = subprocess.run(["pdftotext", "-bbox", pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    for page in html.split("<page")[1:]:
        words = [(float(x), float(y), float(xm), t)
                 for x, y, xm, t in WORD.findall(page)]
        marks = sorted((y, int(t[1:])) for _, y, _, t in words
                       if MARKER.fullmatch(t))
        if not marks:
            continue
        text_x = max(xm for _, _, xm, t in words if MARKER.fullmatch(t))
        for x, y, _, t in words:
            if x <= text_x:
                continue
            owners = [k for my, k in marks if my <= y + 2]
            if owners:
                words_by_case[owners[-1]].append(y)
    lines = {}
    for k, ys in words_by_case.items():
        ys.sort()
        lines[k] = 1 + sum(1 for a, b in zip(ys, ys[1:]) if b - a > 4)
    return lines


class EstimatorAgainstLibreOffice(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        # built by `make unit` (Makefile, PROBE_BIN) with the build's flags
        probe = os.path.join(ref.REPO, ref.BUILD, "tests", "textlayout_probe")
        calibration, held_out = project_texts()
        cls.sets = {"calibration": (calibration, False),
                    "held-out": (held_out, False),
                    "indented": (calibration[::2], True)}
        cases = [(w, t, indent) for name, (texts, indent) in cls.sets.items()
                 for w in WIDTHS for t in texts]
        cls.cases = cases
        cls.predicted = predict(probe, cases)
        book = os.path.join(cls.tmp, "layout.xlsx")
        write_book(book, cases, cls.predicted)
        profile = os.path.join(cls.tmp, "profile")
        cls.actual = libreoffice_lines(print_pdf(book, cls.tmp, profile))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def agreement(self, texts, indent):
        chosen = set(texts)
        diffs = collections.Counter(
            p - self.actual.get(k, 0)
            for k, ((_, t, ind), p) in enumerate(zip(self.cases,
                                                      self.predicted))
            if t in chosen and ind == indent)
        n = sum(diffs.values())
        return n, diffs[0] / n, (diffs[0] + diffs[1] + diffs[-1]) / n, diffs

    def test_every_cell_was_found_in_the_pdf(self):
        missing = [k for k in range(len(self.cases)) if k not in self.actual]
        self.assertEqual(missing, [])

    def test_estimate_agrees_with_libreoffice(self):
        for name, (texts, indent) in self.sets.items():
            n, exact, within_one, diffs = self.agreement(texts, indent)
            print(f"\n{name}: {n} cells, estimate - LibreOffice lines: "
                  f"{sorted(diffs.items())}, exact {exact:.1%}, within one "
                  f"line {within_one:.1%}")
            with self.subTest(texts=name):
                self.assertGreaterEqual(exact, 0.80)
                self.assertGreaterEqual(within_one, 0.98)


if __name__ == "__main__":
    unittest.main()
