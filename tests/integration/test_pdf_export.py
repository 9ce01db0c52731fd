"""--pdf and --thai-digits (issue 19).

- --pdf prints the signed documents, each to a PDF beside its workbook
  through LibreOffice: the city's Summary (ita_2564_city-summary.pdf),
  each office's analysis and action plan (item O42: <book>-O42.pdf) and
  its report on carrying the plan out (O43: <book>-O43.pdf); and writes
  nothing else: no temporary folder or print copy is left in the output
  folder and nothing lands in HOME (the test gives itabench an empty
  HOME and looks at it afterwards);
- each PDF holds exactly its document's sheets: every page's footer
  names its sheet (the print setup's "&A"), and the names found are the
  document's, the analysis first in O42; none of Profile, Items, Path to
  target, Peers or the city's other sheets.  The page counts are sane:
  the footers' "of N" is the PDF's page count, and it is under a bound;
- no long Thai word is broken across lines in the printed analysis
  (O42's Analysis pages), action plan (O42's plan pages, its header
  included) and O43 report: LibreOffice breaks Thai at the words of its
  own dictionary (รับ|ผิด|ชอบ), so itabench breaks the lines of the
  analysis, of the plan's and the report's questions and of their
  printed headers itself at libthai's words (textlayout_wrap).  The words
  are ones libthai keeps whole; before that, Thon Buri's analysis printed
  "ขั้น|ตอน", its report "รับ|ผิดชอบ", its plan "ฝ่ายที่รับผิด|ชอบ" in
  the header and "ความผิด|พลาด" in a question;
- with --thai-digits the analysis' sentences write their numbers in Thai
  digits too ("๖๒.๔๖"; they are text, no number format reaches them),
  item and indicator codes apart (I4, IND1): no ASCII digit outside a
  code on its pages, but for LibreOffice's page numbers in the footer;
- a rerun with --pdf over the same folder writes the PDFs again and
  keeps no backup: the manifest lists the PDFs it printed
  (test_pdf_keep has the signed ones); it removes the
  temporary folder a killed run left (its process gone), not a live
  run's;
- a PDF's name is checked with every other output before anything is
  written: a link there (to a file outside the output folder) is refused,
  exit 3, nothing written, the link's target untouched;
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
import re
import shlex
import shutil
import subprocess
import tempfile
import unicodedata
import unittest

import openpyxl

import ita_reference as ref
import test_returned_plans as returned_plans
from pdf_text_sizes import page_text_sizes
from test_office_books import PLAN, Reference, header_row

YEAR = 2564
OFFICE = "1015"
BOOK = f"offices/ita_{YEAR}_1015_thon-buri"
CITY = f"ita_{YEAR}_city"
# The sheets of each document, in print order, as the sheets are named in
# a Thai workbook (the list of what a district signs).
DOCUMENTS = {
    f"{BOOK}-O42.pdf": ["วิเคราะห์ผล", "แผนปฏิบัติการ"],
    f"{BOOK}-O43.pdf": ["รายงานผล O43"],
    f"{CITY}-summary.pdf": ["สรุป"],
}
# Every sheet name of the two workbooks: none but the document's may print.
ALL_SHEETS = ["ภาพรวม", "รายข้อ", "แผนปฏิบัติการ", "เส้นทางสู่เป้าหมาย",
              "เทียบกลุ่มเขต", "วิเคราะห์ผล", "รายงานผล O43", "สรุป",
              "อันดับ", "ตัวชี้วัด", "การกระจาย", "ส่วนที่ขาด", "ข้อคำถาม",
              "OIT", "กลุ่มเขต", "แนวโน้ม", "คุณภาพข้อมูล", "วิธีการ",
              "โมเดลการให้คะแนน"]
# Long words of the analysis' sentences that libthai keeps whole (checked
# with th_brk by hand); none may be cut at a line's end.
LONG_WORDS = ["รับผิดชอบ", "สำเร็จ", "ติดตาม", "กำหนด", "มาตรการ", "วิเคราะห์",
              "ดำเนิน", "หลักฐาน", "ผิดพลาด", "ขั้นตอน", "เป้าหมาย", "มัธยฐาน",
              "บุคลากร", "ประสิทธิภาพ", "งบประมาณ", "เท่าเทียม", "สำนักงาน",
              "ทรัพย์สิน", "ผู้บังคับบัญชา", "โปร่งใส", "ตรวจสอบ", "เปิดเผย",
              "ประเมิน", "สะท้อน", "ปรับปรุง", "ปฏิบัติ", "คะแนน", "สาธารณะ",
              "ทุจริต"]
# A signed document of one office or the city summary: tens of pages, not
# the hundreds of a whole workbook.
MAX_PAGES = 60
MIN_PT = 9.0 - 0.01   # as test_city_print
# The plan's printed columns with a header (test_office_books.PLAN keys).
PRINTED = ["item", "analysis", "score", "goal", "measure", "monitoring",
           "units", "success", "priority", "due"]
THAI_TO_WESTERN = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")
WESTERN_TO_THAI = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")


def squeezed(text):
    """text without white space and Thai marks above and below the line
    (pdftotext puts spaces inside Thai words and the marks in another
    order: as test_plan_pages)."""
    return re.sub(r"[\s\u0e31\u0e34-\u0e3a\u0e47-\u0e4e]+", "", text)


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

    def test_each_document_has_its_pdf_and_nothing_else_is_left(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        files = [f for f in files_under(self.out)
                 if not f.startswith(".itabench-manifest")]
        self.assertEqual(sorted(files), sorted(
            [f"{CITY}.xlsx", f"{BOOK}.xlsx", f"data_quality_{YEAR}.csv",
             f"results_{YEAR}.csv", *DOCUMENTS]))
        self.assertEqual(os.listdir(self.home), [])

    def pdfs(self):
        return [os.path.join(self.out, f) for f in files_under(self.out)
                if f.endswith(".pdf")]

    def footers(self, name):
        """Each page's sheet name (its footer: "<sheet>   หน้า n จาก N"),
        None when the page shows none, and the N of the footers."""
        text = subprocess.run(["pdftotext", "-layout",
                               os.path.join(self.out, name), "-"],
                              capture_output=True, text=True,
                              check=True).stdout
        sheets, totals = [], set()
        for page in text.split("\f"):
            lines = [l.strip() for l in page.splitlines() if l.strip()]
            if not lines:
                continue
            m = re.match(r"^(.*?)\s*หน้า\s+(\S+)\s+จาก\s+(\S+)$", lines[-1])
            self.assertIsNotNone(m, (name, lines[-1]))
            sheets.append(m.group(1) or None)
            totals.add(m.group(3))
        return sheets, totals

    def test_each_pdf_holds_exactly_its_documents_sheets(self):
        for name, document in DOCUMENTS.items():
            with self.subTest(name):
                sheets, totals = self.footers(name)
                named = [s for s in sheets if s]
                self.assertEqual(named[0], document[0])
                self.assertEqual(sorted(set(named)), sorted(document))
                # in print order: every page of a sheet before the next's
                order = [document.index(s) for s in named]
                self.assertEqual(order, sorted(order))
                self.assertEqual(
                    [s for s in named if s in ALL_SHEETS and
                     s not in document], [])
                pages = len(sheets)
                self.assertLessEqual(pages, MAX_PAGES)
                # "of N": N read in Thai or Western digits
                self.assertEqual(len(totals), 1, totals)
                total = totals.pop().translate(THAI_TO_WESTERN)
                self.assertEqual(int(total), pages)

    def raw_pages(self, pdf, sheet):
        """The pages of sheet in pdf, as pdftotext -raw reads them."""
        text = subprocess.run(["pdftotext", "-raw", os.path.join(
            self.out, pdf), "-"], capture_output=True, text=True,
            check=True).stdout
        # -raw: the footer ("<sheet> หน้า n จาก N") first on each page
        found = [p for p in text.split("\f")
                 if p.lstrip().startswith(f"{sheet} หน้า")]
        self.assertGreater(len(found), 3, sheet)
        return found

    def test_no_long_word_is_broken_in_the_printed_analysis_and_report(self):
        pages = self.raw_pages(f"{BOOK}-O42.pdf", "วิเคราะห์ผล") + \
            self.raw_pages(f"{BOOK}-O43.pdf", "รายงานผล O43")
        broken = []
        for page in pages:
            lines = [re.sub(r"\s+", "", l) for l in page.splitlines()]
            lines = [l for l in lines if l]
            for a, b in zip(lines, lines[1:]):
                broken += [(a[-15:], b[:15]) for w in LONG_WORDS
                           for i in range(1, len(w))
                           if a.endswith(w[:i]) and b.startswith(w[i:])]
        self.assertEqual(broken, [])

    def test_the_printed_plan_breaks_no_line_of_its_generated_text(self):
        """The plan is a table: pdftotext -raw puts the lines of its cells
        side by side, so rather than word pairs across lines, every line
        of the texts itabench generates there (its header, questions with
        their analysis, success indicators), as broken at libthai's words,
        must print whole on one line of a page.  LibreOffice breaking one
        inside (at its own dictionary's words, "ฝ่ายที่รับผิด|ชอบ",
        "ความผิด|พลาด", "เปิด|เผย") leaves no printed line holding it.
        The library's measures, monitoring and units, which the district
        may edit, are broken the same way where itabench writes them (the
        units between their names: "ฝ่ายสิ่งแวด|ล้อมฯ" printed before);
        what a district types prints as typed."""
        pages = self.raw_pages(f"{BOOK}-O42.pdf", "แผนปฏิบัติการ")
        printed = "\n".join(squeezed(l) for page in pages
                             for l in page.splitlines())
        ws = openpyxl.load_workbook(os.path.join(
            self.out, f"{BOOK}.xlsx"))["แผนปฏิบัติการ"]
        r0, cols = header_row(ws, PLAN["item"])
        header = [squeezed(l) for k in PRINTED
                  for l in ws.cell(r0, cols[PLAN[k]] + 1).value.split("\n")]
        self.assertIn(squeezed("รับผิดชอบ"), header)
        # the header a page repeats: the lines after the footer made of
        # header words only, up to the first row of the table
        for page in pages[1:]:
            region = []
            for line in page.strip().splitlines()[1:]:
                if not all(squeezed(w) in "".join(header)
                           for w in line.split()):
                    break
                region.append(squeezed(line))
            self.assertEqual([l for l in header
                              if not any(l in r for r in region)], [])
        items = ref.Model().items
        lines = [squeezed(l) for row in ws.iter_rows(
                     min_row=r0 + 1, values_only=True)
                 if row[0] in items
                 for k in ("analysis", "success", "measure", "monitoring",
                           "units")
                 for l in row[cols[PLAN[k]]].split("\n")]
        self.assertGreater(len(lines), 100)
        self.assertEqual([l for l in lines if l not in printed], [])

    def test_the_plans_first_page_holds_its_summary_and_rows(self):
        """The first page of the plan carries the title, the summary and
        the first rows (the issue: "the plan's first page holds one row"
        before the summary stood two figures to a line): the first two
        item codes of the table, read with openpyxl, print on it."""
        first = squeezed(self.raw_pages(f"{BOOK}-O42.pdf",
                                        "แผนปฏิบัติการ")[0])
        ws = openpyxl.load_workbook(os.path.join(
            self.out, f"{BOOK}.xlsx"))["แผนปฏิบัติการ"]
        r0, cols = header_row(ws, PLAN["item"])
        items = ref.Model().items
        codes = [row[0] for row in ws.iter_rows(min_row=r0 + 1,
                                                values_only=True)
                 if row[0] in items][:2]
        self.assertEqual(len(codes), 2)
        for text in ["มาตรการส่งเสริมคุณธรรมและความโปร่งใสภายในหน่วยงาน",
                     "ค่าเป้าหมาย(Target)", "ITAหากทุกข้อถึงเป้าหมาย",
                     "ข้อที่ต่ำกว่าค่าเป้าหมาย", "สิ้นไตรมาส"]:
            self.assertIn(squeezed(text), first)
        # the codes in the item column: a line of the page begins with each
        lines = [l.split()[0] for l in self.raw_pages(
            f"{BOOK}-O42.pdf", "แผนปฏิบัติการ")[0].splitlines()
            if l.split()]
        for code in codes:
            self.assertIn(code, lines)

    def test_the_analysis_writes_its_numbers_in_thai_digits(self):
        text = subprocess.run(["pdftotext", "-raw", os.path.join(
            self.out, f"{BOOK}-O42.pdf"), "-"], capture_output=True,
            text=True, check=True).stdout
        pages = [p.strip().splitlines() for p in text.split("\f")
                 if p.lstrip().startswith("วิเคราะห์ผล หน้า")]
        body = [l for p in pages for l in p[1:]]   # the footer apart
        # Thon Buri's ITA, recomputed from the inputs by the test's model
        scores = Reference(os.path.join(ref.REPO, "inputs")).scores[OFFICE]
        ita = f"{ref.round2(scores['ITA']):.2f}".translate(WESTERN_TO_THAI)
        self.assertIn(f"ITA ปี ๒๕๖๔ เท่ากับ {ita} คะแนน", " ".join(body))
        western = [l for l in body
                   if re.search(r"(?<![A-Za-z0-9])[0-9]", l)]
        self.assertEqual(western, [])

    def test_the_plan_and_report_write_their_numbers_in_thai_digits(self):
        """The plan's and the O43 report's texts too (the summary's labels,
        the notes, the groups' scores, the analysis under each question,
        the headings): every line printed on their pages is free of ASCII
        digits outside codes (I4, IND1), but the lines of the measures
        library's texts (measures, monitoring), which print as the library
        writes them."""
        ws = openpyxl.load_workbook(os.path.join(
            self.out, f"{BOOK}.xlsx"))["แผนปฏิบัติการ"]
        r0, cols = header_row(ws, PLAN["item"])
        library = {squeezed(l) for row in ws.iter_rows(min_row=r0 + 1,
                                                        values_only=True)
                   for k in ("measure", "monitoring")
                   if isinstance(row[cols[PLAN[k]]], str)
                   for l in row[cols[PLAN[k]]].split("\n")}
        western = []
        for pdf, sheet in ((f"{BOOK}-O42.pdf", "แผนปฏิบัติการ"),
                           (f"{BOOK}-O43.pdf", "รายงานผล O43")):
            for page in self.raw_pages(pdf, sheet):
                western += [l for l in page.strip().splitlines()[1:]
                            if re.search(r"(?<![A-Za-z0-9])[0-9]", l)
                            and not any(squeezed(l) in x or x in squeezed(l)
                                        for x in library if x)]
        self.assertEqual(western, [])

    def test_a_rerun_writes_the_pdfs_again_and_keeps_no_backup(self):
        before = files_under(self.out)
        # the temporary folders of a killed run (its process gone) and of
        # a live one (this test's): the rerun removes the first only
        dead = subprocess.Popen(["true"])
        dead.wait()
        gone = os.path.join(self.out, f".itabench-pdf-{dead.pid}-abcdef")
        live = os.path.join(self.out, f".itabench-pdf-{os.getpid()}-abcdef")
        for folder in (gone, live):
            os.makedirs(os.path.join(folder, "pdf"))
            with open(os.path.join(folder, "pdf", "x.pdf"), "w") as f:
                f.write("half")
        env = dict(os.environ, HOME=self.home)
        proc = run_itabench(self.out, "--pdf", "--thai-digits", env=env)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertNotIn("edited", proc.stderr)
        self.assertFalse(os.path.exists(gone))
        self.assertTrue(os.path.exists(live))
        shutil.rmtree(live)
        self.assertEqual(files_under(self.out), before)

    def test_no_hashes_and_no_text_under_9_pt(self):
        self.assertEqual(len(self.pdfs()), len(DOCUMENTS))
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
        text = self.pdf_text(f"{CITY}-summary.pdf")
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

    def test_a_link_at_a_pdf_name_is_refused_before_anything_is_written(self):
        with tempfile.TemporaryDirectory(prefix="itabench-pdf-") as tmp:
            out = os.path.join(tmp, "out")
            os.makedirs(os.path.join(out, "offices"))
            target = os.path.join(tmp, "elsewhere.pdf")
            with open(target, "w") as f:
                f.write("not ours")
            link = os.path.join(out, f"{BOOK}-O42.pdf")
            os.symlink(target, link)
            proc = run_itabench(out, "--pdf")
            self.assertEqual(proc.returncode, 3, proc.stderr)
            self.assertIn(f"{BOOK}-O42.pdf", proc.stderr)
            self.assertEqual(files_under(out), [f"{BOOK}-O42.pdf"])
            with open(target) as f:
                self.assertEqual(f.read(), "not ours")

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


class CityProgressPdf(unittest.TestCase):
    """With plans returned, --pdf prints the city's Plan progress sheet
    (the report on carrying the plans out, for the city: issue 19) as its
    own document, ita_2564_city-progress.pdf: its pages that sheet's
    only, naming the office whose plan came back with its counts; the
    summary prints as before.  Without returned plans there is no such
    sheet and no such PDF (PdfExport's list of files)."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itabench-pdf-")
        first = os.path.join(cls.tmp, "first")
        proc = run_itabench(first, "--no-city-book", "-q")
        assert proc.returncode == 0, proc.stderr
        returned = os.path.join(cls.tmp, "returned")
        os.makedirs(returned)
        path = shutil.copy(os.path.join(first, f"{BOOK}.xlsx"), returned)
        model = ref.Model()
        _, lookup = ref.districts()
        items = ref.load_item_scores(os.path.join(ref.REPO, "inputs"),
                                     model, lookup)[YEAR][OFFICE]
        cls.want, _ = returned_plans.edit(path, returned_plans.scheme_mixed,
                                          model, items)
        cls.out = os.path.join(cls.tmp, "out")
        cls.proc = run_itabench(cls.out, returned, "--pdf",
                                "--no-office-books", "--as-of", "2565-06-30")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_the_progress_sheet_prints_as_its_own_pdf(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        pdfs = sorted(f for f in files_under(self.out) if f.endswith(".pdf"))
        self.assertEqual(pdfs, [f"{CITY}-progress.pdf", f"{CITY}-summary.pdf"])
        text = subprocess.run(["pdftotext", "-layout", os.path.join(
            self.out, f"{CITY}-progress.pdf"), "-"], capture_output=True,
            text=True, check=True).stdout
        pages = [p for p in text.split("\f") if p.strip()]
        self.assertGreaterEqual(len(pages), 1)
        for page in pages:
            footer = [l.strip() for l in page.splitlines() if l.strip()][-1]
            self.assertTrue(footer.startswith("ความก้าวหน้าของแผน"), footer)
        by_code, _ = ref.districts()
        self.assertIn(by_code[OFFICE]["name_th"], text)
        # the office's row: its plan's rows, done, in progress, not started
        # as the test typed them
        row = next(l for l in text.splitlines()
                   if by_code[OFFICE]["name_th"] in l)
        numbers = [int(n) for n in re.findall(r"(?<![\d.])\d+(?![\d.])",
                                              row.split(
                                                  by_code[OFFICE]["name_th"])[1])]
        w = self.want
        self.assertEqual(numbers[:4], [int(w[k]) for k in (
            "rows", "done", "in_progress", "not_started")], row)
        # printed as the other documents: no ###, nothing under 9 pt
        pdf = os.path.join(self.out, f"{CITY}-progress.pdf")
        self.assertNotIn("###", text)
        self.assertEqual([(i + 1, min(s)) for i, s in
                          enumerate(page_text_sizes(pdf))
                          if s and min(s) < MIN_PT], [])


class EnglishPlanPdf(unittest.TestCase):
    """The English action plan prints no word broken inside: every
    column of the printed plan is at least as wide as the longest word its
    rows print (LibreOffice breaks a wider word between letters:
    "Administrati|on", "Whistlebl|owing", "Procurem|ent" before).  Every
    word of its printed pages (pdftotext) is one the sheet holds (its
    cells: headers, measures library texts, analysis), but for the
    footer's and the dates' (the sheet's name, "Page", "of", months): a
    word cut in two prints as two pieces the sheet does not hold."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itabench-pdf-")
        cls.out = os.path.join(cls.tmp, "out")
        cls.proc = run_itabench(cls.out, "--pdf", "--lang", "en",
                                "--no-city-book", "-q")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_no_english_word_is_broken_in_the_printed_plan(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        ws = openpyxl.load_workbook(os.path.join(
            self.out, f"{BOOK}.xlsx"))["Action plan"]
        held = {w for row in ws.iter_rows(values_only=True) for v in row
                if isinstance(v, str) for w in re.findall(r"[A-Za-z]+", v)}
        held |= {"Action", "plan", "Page", "of", "Oct", "Nov", "Dec",
                 "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug",
                 "Sep"}
        text = unicodedata.normalize("NFKC", subprocess.run(
            ["pdftotext", "-raw", os.path.join(self.out, f"{BOOK}-O42.pdf"),
             "-"], capture_output=True, text=True, check=True).stdout)
        pages = [p for p in text.split("\f")
                 if p.lstrip().startswith("Action plan Page")]
        self.assertGreater(len(pages), 10)
        printed = {w for p in pages for w in re.findall(r"[A-Za-z]+", p)}
        self.assertGreater(len(printed), 300)
        self.assertEqual(sorted(printed - held), [])

    def test_no_english_header_is_broken_in_the_printed_o43_report(self):
        """The O43 report's headers print whole in English ("Ite|m"
        printed in a column of five before its widths followed the
        English headers): every word of the header row, read with
        openpyxl, is a word of the PDF's text."""
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        ws = openpyxl.load_workbook(os.path.join(
            self.out, f"{BOOK}.xlsx"))["O43 report"]
        header = next(row for row in ws.iter_rows(values_only=True)
                      if "Item" in row)
        words = {w for v in header if isinstance(v, str)
                 for w in re.findall(r"[A-Za-z]+", v)}
        self.assertGreaterEqual(len(words), 8)
        text = unicodedata.normalize("NFKC", subprocess.run(
            ["pdftotext", "-raw", os.path.join(self.out, f"{BOOK}-O43.pdf"),
             "-"], capture_output=True, text=True, check=True).stdout)
        printed = set(re.findall(r"[A-Za-z]+", text))
        self.assertEqual(sorted(words - printed), [])


if __name__ == "__main__":
    unittest.main()
