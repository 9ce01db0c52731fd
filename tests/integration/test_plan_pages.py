"""The printed length of Thon Buri's action plan (1015, 74 rows in the
sample): printed by LibreOffice to PDF, it takes at most PLAN_PAGES A4
pages at a print scale of at least MIN_SCALE % (TH Sarabun New 14 pt then
prints at 10.5 pt or more), read from the sheet's page setup with
openpyxl, and no text of its pages prints under BODY_PT but the footer
(read from the PDF's content streams, pdf_text_sizes).  Pages are counted with pdfinfo (the whole workbook) and by the
footer of each page (pdftotext), which starts with the sheet's name.

The plan took 25 pages at about 60 % before its layout was reworked, then
12 at 85 %.  It takes 27 at 85 % since it became the document a district
signs (issue 19): under each question the weakness it names and the
numbers in words (score against the target, rank, offices below), four to
six printed lines a row where the code string took one, and 76 rows with
O42 and O43 in every plan (one page of slack below).  The workbook also
gained the Analysis and O43 report sheets (16 pages).  The analysis
column then took the width (the row's height is mostly its question,
weakness and numbers) and the plan came down to 22 pages; its question
and success cells broken at libthai's words for print (textlayout_wrap,
filling 0.92 of the column) take it to 26.  Printed at 75 % instead of
85 %, the analysis as wide as the page leaves it and the columns of texts
rebalanced (their widths those that printed the sample's plans on the
fewest pages), it takes 17: a page holds more rows, and the rows are
shorter (their numbers on fewer lines).

The same book with --thai-digits prints on about as many pages: the
analysis gives back the room that wider digits take (it printed on 102
pages when the table spilled over a second page's width).  And what the
PDF shows is whole: the Profile's labels (the value beside a label cut it:
"...ค่าเป้าห"), the offices' names heading the Peers columns, no ###; and
each Peers row as tall as its wrapped label (no word of it printed beside
the next measure's scores)."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

from libreoffice import print_pdf
from pdf_text_sizes import page_text_sizes
from test_office_books import SHEETS_TH, YEAR, run

OFFICE = "1015"
BOOK = f"ita_{YEAR}_{OFFICE}_thon-buri.xlsx"
MIN_SCALE = 75
# 22 before the plan's questions and success indicators were broken at
# libthai's words (textlayout_wrap fills 0.92 of the column, so that
# LibreOffice breaks no line again inside a word): 26; 17 at 75 % with the
# columns rebalanced; 19 once the library's measures, monitoring and units
# are broken at libthai's words too (at 0.92 of the column, a line more in
# 15 of the 74 rows: "ฝ่ายสิ่งแวด|ล้อมฯ" printed before)
PLAN_PAGES = 19
# the body font, 14 pt, at MIN_SCALE: no text of the plan prints smaller
# but the footer (12 pt, printed at no less than the 9 pt floor of every
# printed page, test_pdf_export)
BODY_PT = 10.5
FOOTER_PT = 9.0
FOOTER_RUNS = 8
# the Profile prints on two pages since nothing may print under 9 pt
# (it was one page at 6.6 pt); the O43 report's questions broken at
# libthai's word breaks (so that no word is cut in print) take one page,
# the plan's wrapped questions 4 more (61); the plan at 75 % 9 fewer; its
# wrapped library texts 2 more; the Profile's headline table and its year
# series each from the top of a page of their own (the table continued
# without its header), the radar under the key figures: 1 more
BOOK_PAGES = 55
# the plan with Thai digits, against the same plan with Western ones: 19
# against 17 (the analysis gives up the room the digits take)
THAI_EXTRA_PAGES = 2
PROFILE_LABELS = ["ค่าเป้าหมาย", "คะแนน ITA", "ระดับผลการประเมิน",
                  "ผ่านค่าเป้าหมาย", "ห่างจากค่าเป้าหมาย", "อันดับในทุกเขต",
                  "อันดับในกลุ่มเขต", "ข้อที่ต่ำกว่าค่าเป้าหมาย",
                  "ข้อที่ต้องยกระดับจนถึงค่าเป้าหมาย",
                  "คะแนน ITA ที่เพิ่มได้ทั้งหมด"]


def footer_sheet(page):
    """The sheet a page prints, named at the start of its footer (its
    last line of text), or None."""
    return next((line.split()[0] for line in reversed(page.splitlines())
                 if line.strip()), None)


def pages_of(pdf):
    """The text of each page (pdftotext -layout), by the sheet named at
    the start of its footer: {sheet: [page text, ...]}."""
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    sheets = {}
    for page in text.split("\f"):
        footer = footer_sheet(page)
        if footer:
            sheets.setdefault(footer, []).append(page)
    return sheets


def squeezed(text):
    """text without white space and Thai marks above and below the line:
    pdftotext puts spaces inside Thai words (before some vowels) and the
    marks in another order ("ทงั้" for "ทั้ง"); a cut text loses its
    letters."""
    return re.sub(r"[\s\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+", "", text)


class PlanPages(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        out = os.path.join(cls.tmp, "out")
        cls.proc = run("inputs/", "--no-city-book", "--office", OFFICE,
                       out=out)
        cls.book = os.path.join(out, "offices", BOOK)
        cls.pdf = print_pdf(cls.book, os.path.join(cls.tmp, "pdf"),
                            os.path.join(cls.tmp, "profile"))
        thai = os.path.join(cls.tmp, "thai")
        cls.thai_proc = run("inputs/", "--no-city-book", "--office", OFFICE,
                            "--thai-digits", out=thai)
        cls.thai_pdf = print_pdf(os.path.join(thai, "offices", BOOK),
                                 os.path.join(cls.tmp, "thai_pdf"),
                                 os.path.join(cls.tmp, "profile"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_plan_prints_at_a_legible_fixed_scale(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        ws = openpyxl.load_workbook(self.book)[SHEETS_TH[3]]
        self.assertFalse(ws.sheet_properties.pageSetUpPr.fitToPage)
        self.assertGreaterEqual(int(ws.page_setup.scale), MIN_SCALE)
        self.assertEqual(ws.page_setup.orientation, "landscape")
        self.assertEqual(int(ws.page_setup.paperSize), 9)   # A4
        # the header row is printed on every page
        self.assertRegex(str(ws.print_title_rows), r"^\$\d+:\$\d+$")

    def test_plan_takes_few_pages(self):
        info = subprocess.run(["pdfinfo", self.pdf], capture_output=True,
                              text=True, check=True).stdout
        pages = int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))
        self.assertLessEqual(pages, BOOK_PAGES)
        text = subprocess.run(["pdftotext", "-layout", self.pdf, "-"],
                              capture_output=True, text=True,
                              check=True).stdout
        plan = [p for p in text.split("\f")[:pages]
                if next((line.split()[0] for line in reversed(p.splitlines())
                         if line.strip()), "") == SHEETS_TH[3]]
        self.assertGreater(len(plan), 0)
        self.assertLessEqual(len(plan), PLAN_PAGES)
        # every row of the plan is printed once
        items = re.findall(r"^\s*([IEO]\d+)\s", "\n".join(plan), re.M)
        self.assertEqual(len(items), 76)
        self.assertEqual(len(set(items)), 76)

    def test_plan_prints_no_text_under_the_body_size(self):
        """Every run of text on the plan's pages prints at BODY_PT or more,
        but the footer's few runs (the sheet's name, the page number),
        which print at FOOTER_PT or more."""
        for pdf in (self.pdf, self.thai_pdf):
            text = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                                  capture_output=True, text=True,
                                  check=True).stdout.split("\f")
            sizes = page_text_sizes(pdf)
            plan = [i for i, page in enumerate(text[:len(sizes)])
                    if footer_sheet(page) == SHEETS_TH[3]]
            self.assertGreater(len(plan), 0)
            for i in plan:
                small = [s for s in sizes[i] if s < BODY_PT - 0.01]
                self.assertLessEqual(len(small), FOOTER_RUNS, (pdf, i))
                self.assertGreaterEqual(min(sizes[i]), FOOTER_PT - 0.01,
                                        (pdf, i))

    def test_thai_digits_print_on_as_many_pages(self):
        self.assertEqual(self.thai_proc.returncode, 0, self.thai_proc.stderr)
        plan = SHEETS_TH[3]
        western = len(pages_of(self.pdf)[plan])
        thai = pages_of(self.thai_pdf)
        self.assertLessEqual(len(thai[plan]), western + THAI_EXTRA_PAGES)
        # the table is not split across the page's width: every page of
        # the plan carries its first and its last printed column
        for page in thai[plan]:
            self.assertIn(squeezed("กำหนดเสร็จ"), squeezed(page))
            self.assertIn(squeezed("ข้อคำถาม"), squeezed(page))
        # and Thai digits it shows (๘๕.๐๐, the target score)
        self.assertIn("๘๕.๐๐", "".join(thai[plan]))

    def test_printed_text_is_whole(self):
        sheets = pages_of(self.pdf)
        profile = squeezed("".join(sheets[SHEETS_TH[0]]))
        for label in PROFILE_LABELS:
            self.assertIn(squeezed(label), profile)
        # the Peers columns are headed by whole office names (Thon Buri's
        # zone: the names of its peers, as the Peers sheet's header holds
        # them)
        ws = openpyxl.load_workbook(self.book)[SHEETS_TH[6]]
        header = next(row for row in ws.iter_rows(values_only=True)
                      if row[0] == "ตัวชี้วัด")
        names = [v for v in header[1:] if v and "ควอร์ไทล์" not in v
                 and "มัธยฐาน" not in v and "อันดับ" not in v]
        self.assertGreaterEqual(len(names), 3)
        peers = squeezed("".join(sheets[SHEETS_TH[6]]))
        for name in names:
            self.assertIn(squeezed(name), peers)
        for pdf in (self.pdf, self.thai_pdf):
            for pages in pages_of(pdf).values():
                self.assertNotIn("###", "".join(pages))

    def test_peers_rows_hold_their_own_labels(self):
        """Every row of the Peers sheet is as tall as its wrapped label: on
        the printed line of each measure's scores, the text left of the
        first score is part of that measure's label.  A row one line too
        short (the row height once ignored the label's indent) prints the
        label's last word on the next measure's line: "งาน" of IND6's
        "IND6 คุณภาพการดำเนินงาน" beside IND7's scores."""
        ws = openpyxl.load_workbook(self.book)[SHEETS_TH[6]]
        rows = list(ws.iter_rows(values_only=True))
        head = next(i for i, r in enumerate(rows) if r[0] == "ตัวชี้วัด")
        # under the header: the zone ranks (whole numbers), then a row of
        # scores per measure
        labels = [r[0] for r in rows[head + 2:] if r[0]]
        score = re.compile(r"\s\d+\.\d\d(?:\s|$)")
        lines = [line for line in
                 "\n".join(pages_of(self.pdf)[SHEETS_TH[6]]).splitlines()
                 if score.search(line)]
        self.assertEqual(len(lines), len(labels))
        for label, line in zip(labels, lines):
            left = score.split(line, maxsplit=1)[0]
            self.assertIn(squeezed(left), squeezed(label), line)


if __name__ == "__main__":
    unittest.main()
