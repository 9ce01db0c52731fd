"""--pdf and --thai-digits (issue 19).

- --pdf prints the city workbook and each office's workbook to a PDF
  beside it through LibreOffice, and writes nothing else: no temporary
  folder is left in the output folder and nothing lands in HOME (the
  test gives itabench an empty HOME and looks at it afterwards);
- without LibreOffice on PATH, --pdf says so, writes the workbooks, makes
  no PDF and exits 4;
- --thai-digits: the printed numbers read in Thai digits (the target
  85.00 prints as ๘๕.๐๐, the 50 offices as ๕๐), while the cells stay
  numbers (openpyxl reads the Target cell as the number 85) whose number
  format carries the Thai digits locale code; --thai-digits with
  --lang en is a usage error (exit 2);
- every page of both PDFs (the city workbook and an office's, with Thai
  digits, which are wider than Western ones) has no "###" (a number wider
  than its column) and no text under 9 pt (pdf_text_sizes)."""
import os
import shlex
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

import ita_reference as ref
from pdf_text_sizes import page_text_sizes

YEAR = 2564
OFFICE = "1015"
MIN_PT = 9.0 - 0.01   # as test_city_print


def run_itabench(out, *args, env=None):
    wrap = shlex.split(os.environ.get("ITABENCH_WRAP", ""))
    return subprocess.run(wrap + [ref.ITABENCH, "inputs/", "-o", out,
                                  "--office", OFFICE, *args],
                          cwd=ref.REPO, capture_output=True, text=True,
                          env=env, timeout=600)


def files_under(folder):
    return sorted(os.path.relpath(os.path.join(root, f), folder)
                  for root, _, files in os.walk(folder) for f in files)


class PdfExport(unittest.TestCase):

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itabench-pdf-")
        cls.home = os.path.join(cls.tmp, "home")
        os.makedirs(cls.home)
        cls.out = os.path.join(cls.tmp, "out")
        env = dict(os.environ, HOME=cls.home)
        cls.proc = run_itabench(cls.out, "--pdf", "--thai-digits", env=env)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_each_workbook_has_its_pdf_and_nothing_else_is_left(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        files = files_under(self.out)
        books = [f for f in files if f.endswith(".xlsx")]
        self.assertEqual(len(books), 2, files)   # the city and one office
        for book in books:
            self.assertIn(book[:-len(".xlsx")] + ".pdf", files)
        self.assertEqual([f for f in files if "itabench-pdf" in f], [])
        self.assertEqual(os.listdir(self.home), [])

    def pdfs(self):
        return [os.path.join(self.out, f) for f in files_under(self.out)
                if f.endswith(".pdf")]

    def test_no_hashes_and_no_text_under_9_pt(self):
        self.assertEqual(len(self.pdfs()), 2)
        for pdf in self.pdfs():
            text = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                                  capture_output=True, text=True,
                                  check=True).stdout
            pages = text.split("\f")
            self.assertEqual([i + 1 for i, p in enumerate(pages)
                              if "###" in p], [], pdf)
            small = [(i + 1, min(s)) for i, s in
                     enumerate(page_text_sizes(pdf)) if s and min(s) < MIN_PT]
            self.assertEqual(small, [], pdf)

    def pdf_text(self, name):
        pdf = os.path.join(self.out, name)
        return subprocess.run(["pdftotext", "-layout", "-l", "1", pdf, "-"],
                              capture_output=True, text=True,
                              check=True).stdout

    def test_thai_digits_print_and_the_cells_stay_numbers(self):
        text = self.pdf_text(f"ita_{YEAR}_city.pdf")
        self.assertIn("๘๕.๐๐", text)      # Target, 85.00
        self.assertIn("๕๐", text)         # offices assessed, 50
        wb = openpyxl.load_workbook(
            os.path.join(self.out, f"ita_{YEAR}_city.xlsx"))
        sheet, cell = next(iter(wb.defined_names["Target"].destinations))
        target = wb[sheet][cell.replace("$", "")]
        self.assertEqual(target.value, 85)
        self.assertIn("[$-D00041E]", target.number_format)

    def test_thai_digits_are_for_thai_workbooks(self):
        with tempfile.TemporaryDirectory(prefix="itabench-pdf-") as out:
            proc = run_itabench(out, "--thai-digits", "--lang", "en",
                                "--no-office-books")
            self.assertEqual(proc.returncode, 2, proc.stderr)
            self.assertIn("--thai-digits", proc.stderr)

    def test_without_libreoffice(self):
        with tempfile.TemporaryDirectory(prefix="itabench-pdf-") as tmp:
            out = os.path.join(tmp, "out")
            empty = os.path.join(tmp, "bin")
            os.makedirs(empty)
            env = dict(os.environ, PATH=empty)
            proc = run_itabench(out, "--pdf", "--no-office-books", env=env)
            self.assertEqual(proc.returncode, 4, proc.stderr)
            self.assertIn("LibreOffice (soffice) is not installed",
                          proc.stderr)
            files = files_under(out)
            self.assertIn(f"ita_{YEAR}_city.xlsx", files)
            self.assertEqual([f for f in files if f.endswith(".pdf")], [])


if __name__ == "__main__":
    unittest.main()
