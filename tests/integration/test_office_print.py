"""The office workbook's Profile and Items sheets printed through
LibreOffice (issue 19, "printing that reads"), read back with pdftotext:

- English headers print with their words whole ("media|n", "Percent|ile",
  "Chang|e since" were broken inside);
- the notes beside the Profile's key figures print whole, in Thai and
  English (the radar chart placed over them cut them: "Editable: the
  formulas of this file us...");
- every printed page of the Profile that holds rows of its tables starts
  them under that table's header (IND9-IND10 printed alone on a page
  without it; the year series' second row likewise);
- the O43 report's rows are as tall as the lines their questions print
  on (in English every row was two lines tall: "not | started").
The expected texts are the sheet's own labels, written here by hand."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

from libreoffice import print_pdf
from test_office_books import YEAR, run

OFFICE = "1015"
BOOK = f"ita_{YEAR}_{OFFICE}_thon-buri.xlsx"
PROFILE = {"en": "Profile", "th": "ภาพรวม"}
ITEMS = {"en": "Items", "th": "รายข้อ"}
# the notes beside the key figures, as office_sheet_profile.c writes them
NOTES = {
    "en": ["Editable: the formulas of this file use this cell",
           "in the order of the Path to target sheet"],
    "th": ["แก้ไขได้: สูตรในแฟ้มนี้อ้างอิงช่องนี้",
           "ตามลำดับในแผ่นงานเส้นทางสู่เป้าหมาย"],
}
# words of the English headers that printed broken inside
PROFILE_HEADER_WORDS = ["median", "Percentile", "interval,"]
ITEMS_HEADER_WORDS = ["median", "Percentile", "target"]
# a header of the headline table and of the year series, and a row label
# of each (the indicator's id followed by its name; a fiscal year)
TABLE_HEADER = {"en": "Percentile", "th": "ค่า z"}
TABLE_ROW = {"en": r"IND(9|10) [A-Z]", "th": r"IND(9|10) ?[\u0e00-\u0e7f]"}
SERIES_HEADER = {"en": "Fiscal year", "th": "ปีงบประมาณ"}
SERIES_ROW = r"^\s*25\d\d\s+\d+\.\d\d"
REPORT = {"en": "O43", "th": "รายงานผล"}
# a printed line of the body font (14 pt, the report prints at 100 %):
# TH Sarabun New's line pitch, 1.655 em, is 23.2 pt; a row of one line is
# the sheet's default 20 pt.  A row of n lines is at most n pitches and
# the 2 pt of padding (textlayout_row_height), with a point for rounding.
LINE_PITCH_PT = 23.2
ROW_PADDING_PT = 3.0
ITEM_CODE = re.compile(r"^[IEO]\d+$")


def squeezed(text):
    """text without white space and Thai marks above and below the line
    (pdftotext reorders them; a cut text loses its letters)."""
    return re.sub(r"[\s\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+", "", text)


def sheet_pages(pdf, sheet):
    """The texts (pdftotext -layout) of the pages whose footer starts
    with the sheet's name."""
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    pages = []
    for page in text.split("\f"):
        lines = [line for line in page.splitlines() if line.strip()]
        if lines and lines[-1].split()[0] == sheet:
            pages.append(page)
    return pages


class OfficePrint(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.pdf, cls.book = {}, {}
        for lang in ("en", "th"):
            out = os.path.join(cls.tmp, lang)
            proc = run("inputs/", "--no-city-book", "--office", OFFICE,
                       "--lang", lang, out=out)
            assert proc.returncode == 0, proc.stderr
            cls.book[lang] = os.path.join(out, "offices", BOOK)
            cls.pdf[lang] = print_pdf(cls.book[lang],
                                      os.path.join(cls.tmp, lang + "_pdf"),
                                      os.path.join(cls.tmp, "profile"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def pages(self, lang, sheet):
        pages = sheet_pages(self.pdf[lang], sheet[lang])
        self.assertTrue(pages, f"no page of {sheet[lang]} ({lang})")
        return pages

    def test_english_headers_print_their_words_whole(self):
        for sheet, words in ((PROFILE, PROFILE_HEADER_WORDS),
                             (ITEMS, ITEMS_HEADER_WORDS)):
            for n, page in enumerate(self.pages("en", sheet), 1):
                if not re.search(TABLE_ROW["en"], page) and sheet is PROFILE:
                    continue   # the key figures' page, or the series'
                for word in words:
                    self.assertRegex(page, rf"(^|\s){re.escape(word)}(\s|$)",
                                     f"{sheet['en']} page {n}: {word}")

    def test_series_header_whole_in_english(self):
        text = "\n".join(self.pages("en", PROFILE))
        for word in ("Fiscal", "Change", "Significant", "interval,"):
            self.assertRegex(text, rf"(^|\s){re.escape(word)}(\s|$)")

    def test_profile_notes_print_whole(self):
        for lang in ("en", "th"):
            text = squeezed("\n".join(self.pages(lang, PROFILE)))
            for note in NOTES[lang]:
                self.assertIn(squeezed(note), text, f"{lang}: {note}")

    def test_profile_tables_start_each_page_with_their_header(self):
        for lang in ("en", "th"):
            for n, page in enumerate(self.pages(lang, PROFILE), 1):
                if re.search(TABLE_ROW[lang], page):
                    self.assertIn(squeezed(TABLE_HEADER[lang]),
                                  squeezed(page), f"{lang} page {n}")
                if re.search(SERIES_ROW, page, re.M):
                    self.assertIn(squeezed(SERIES_HEADER[lang]),
                                  squeezed(page), f"{lang} page {n}")

    def test_series_header_has_no_blank_cells_between_columns(self):
        for lang in ("en", "th"):
            wb = openpyxl.load_workbook(self.book[lang])
            ws = wb[PROFILE[lang]]
            header = next(row for row in ws.iter_rows()
                          if row[0].value == SERIES_HEADER[lang])
            filled = [cell.column for cell in header if cell.value]
            # seven headers (fiscal year, ITA, grade, change, significant,
            # low, high), side by side from column A
            self.assertEqual(filled, list(range(1, 8)), lang)

    def test_report_rows_are_as_tall_as_their_questions(self):
        for lang in ("en", "th"):
            checked = 0
            for page in bbox_pages(self.pdf[lang], REPORT[lang]):
                codes = sorted((w for w in page if ITEM_CODE.match(w[4])
                                and w[0] < 70), key=lambda w: w[1])
                if not codes:
                    continue
                # each line of a question starts at its column's left
                # edge (left-aligned): the nearest words right of the codes
                question_x = min(w[0] for w in page
                                 if w[0] > max(c[2] for c in codes)
                                 and w[1] >= codes[0][1] - 1)
                for code, after in zip(codes, codes[1:]):
                    lines = {round(w[1]) for w in page
                             if abs(w[0] - question_x) < 1
                             and code[1] - 1 <= w[1] < after[1] - 1}
                    pitch = after[1] - code[1]
                    self.assertLessEqual(
                        pitch, len(lines) * LINE_PITCH_PT + ROW_PADDING_PT,
                        f"{lang} {code[4]}: {len(lines)} lines")
                    checked += 1
            self.assertGreater(checked, 40, lang)


def bbox_pages(pdf, sheet):
    """The words (xMin, yMin, xMax, yMax, text) above the footer of each
    page whose footer (its lowest words) starts with the sheet's name."""
    html = subprocess.run(["pdftotext", "-bbox", pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    word = re.compile(r'<word xMin="([\d.]+)" yMin="([\d.]+)" '
                      r'xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>')
    pages = []
    for page in html.split("<page ")[1:]:
        words = [(float(a), float(b), float(c), float(d), t)
                 for a, b, c, d, t in word.findall(page)]
        if not words:
            continue
        bottom = max(w[1] for w in words)
        footer = sorted((w for w in words if w[1] > bottom - 2),
                        key=lambda w: w[0])
        if footer[0][4] == sheet:
            pages.append([w for w in words if w[1] <= bottom - 2])
    return pages


if __name__ == "__main__":
    unittest.main()
