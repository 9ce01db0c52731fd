"""The printed length of Thon Buri's action plan (1015, 74 rows in the
sample): printed by LibreOffice to PDF, it takes at most PLAN_PAGES A4
pages at a print scale of at least MIN_SCALE % (TH Sarabun New 14 pt then
prints at 11.9 pt or more), read from the sheet's page setup with
openpyxl.  Pages are counted with pdfinfo (the whole workbook) and by the
footer of each page (pdftotext), which starts with the sheet's name.

The plan took 25 pages at about 60 % before its layout was reworked, then
12 at 85 %.  It takes 27 at 85 % since it became the document a district
signs (issue 19): under each question the weakness it names and the
numbers in words (score against the target, rank, offices below), four to
six printed lines a row where the code string took one, and 76 rows with
O42 and O43 in every plan (one page of slack below).  The workbook also
gained the Analysis and O43 report sheets (16 pages)."""
import os
import re
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

from libreoffice import print_pdf
from test_office_books import SHEETS_TH, YEAR, run

OFFICE = "1015"
BOOK = f"ita_{YEAR}_{OFFICE}_thon-buri.xlsx"
MIN_SCALE = 85
PLAN_PAGES = 28
# the Profile prints on two pages since nothing may print under 9 pt
# (it was one page at 6.6 pt)
BOOK_PAGES = 68


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


if __name__ == "__main__":
    unittest.main()
