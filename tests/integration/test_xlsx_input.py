"""Excel workbooks as input: the sample's CSV files saved as .xlsx (by
openpyxl and by LibreOffice) give byte-identical results CSVs to the CSV
sample, and bad workbooks are refused with a clear message and status 1."""
import csv
import glob
import os
import re
import shutil
import subprocess
import tempfile
import unittest
import zipfile

import openpyxl

import ita_reference as ref
from libreoffice import recalculate, soffice

INPUTS = os.path.join(ref.REPO, "inputs")
FIXTURES = os.path.join(ref.REPO, "tests", "fixtures", "xlsx")
YEARS = (2563, 2564)


def run(*args, out):
    return subprocess.run([ref.ITABENCH, *args, "-o", out, "--no-office-books",
                           "--no-city-book"],
                          capture_output=True, text=True, cwd=ref.REPO)


def cell(text, column):
    """A CSV field as a spreadsheet user would type it: numbers as numbers
    (year and office code as whole numbers), everything else as text."""
    if text == "":
        return None
    try:
        return int(text) if column in ("year", "office_code", "n") \
            else float(text)
    except ValueError:
        return text


def sample_csvs():
    return sorted(glob.glob(os.path.join(INPUTS, "*.csv")))


def openpyxl_workbook(path):
    """Every sample CSV as one sheet of a single workbook, plus a notes sheet
    and an empty sheet that must be skipped."""
    wb = openpyxl.Workbook()
    notes = wb.active
    notes.title = "Notes"
    notes.append(["These sheets hold the synthetic sample."])
    wb.create_sheet("Empty")
    for src in sample_csvs():
        ws = wb.create_sheet(os.path.basename(src)[10:31])
        with open(src, encoding="utf-8-sig", newline="") as f:
            rows = csv.reader(f)
            header = next(rows)
            ws.append(header)
            for row in rows:
                ws.append([cell(v, header[i]) for i, v in enumerate(row)])
    wb.save(path)


# The sample's columns as Thai users head them (README, Inputs).
THAI = {"year": "ปีงบประมาณ", "office_code": "สำนักงานเขต",
        "office_name": "ชื่อเขต", "item": "ข้อ", "score": "คะแนน",
        "tool": "เครื่องมือ", "n": "จำนวนผู้ตอบ", "measure": "ตัวชี้วัด",
        "value": "ค่า"}


def thai_workbook(path):
    """The sample with Thai headers, one sheet per CSV file; the wide sheet
    has a title merged across the columns above its header."""
    wb = openpyxl.Workbook()
    wb.remove(wb.active)
    for src in sample_csvs():
        ws = wb.create_sheet(os.path.basename(src)[10:31])
        with open(src, encoding="utf-8-sig", newline="") as f:
            rows = csv.reader(f)
            header = next(rows)
            if "wide" in src:
                ws.append(["ผลคะแนนรายข้อ ITA ปีงบประมาณ 2563 "
                           "สำนักงานเขตทั้ง 50 เขต"])
                ws.merge_cells(start_row=1, start_column=1, end_row=1,
                               end_column=len(header))
            ws.append([THAI.get(h, h) for h in header])
            for row in rows:
                ws.append([cell(v, header[i]) for i, v in enumerate(row)])
    wb.save(path)


def libreoffice_workbooks(out_dir, profile):
    """Every sample CSV converted to .xlsx by LibreOffice's own CSV import
    (UTF-8, comma), one workbook each."""
    os.makedirs(out_dir)
    proc = subprocess.run(
        [soffice(), "-env:UserInstallation=file://" + profile, "--headless",
         "--norestore", "--infilter=CSV:44,34,76,1", "--convert-to", "xlsx",
         "--outdir", out_dir, *sample_csvs()],
        capture_output=True, text=True, timeout=600)
    made = glob.glob(os.path.join(out_dir, "*.xlsx"))
    if proc.returncode != 0 or len(made) != len(sample_csvs()):
        raise AssertionError(f"LibreOffice failed: {proc.stdout}{proc.stderr}")


def quality_notes(path):
    """(file, message) of every note of a data-quality file."""
    with open(path, encoding="utf-8", newline="") as f:
        return [(row["file"], row["message"]) for row in csv.DictReader(f)
                if row["severity"] == "note"]


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


class SampleAsWorkbooks(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.csv_out = {}
        for year in YEARS:
            out = os.path.join(cls.tmp, f"csv_{year}")
            proc = run("inputs/", "-y", str(year), out=out)
            assert proc.returncode == 0, proc.stderr
            cls.csv_out[year] = read_bytes(
                os.path.join(out, f"results_{year}.csv"))

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def assert_same_results(self, inputs, label):
        for year in YEARS:
            out = os.path.join(self.tmp, f"{label}_{year}")
            proc = run(*inputs, "-y", str(year), out=out)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            got = read_bytes(os.path.join(out, f"results_{year}.csv"))
            self.assertEqual(got, self.csv_out[year], f"{label} {year}")
        return proc

    def test_openpyxl_workbook(self):
        book = os.path.join(self.tmp, "sample_openpyxl.xlsx")
        openpyxl_workbook(book)
        self.assert_same_results([book], "openpyxl")
        # the notes and empty sheets are skipped with a note, the others read
        notes = quality_notes(os.path.join(self.tmp, "openpyxl_2564",
                                           "data_quality_2564.csv"))
        self.assertIn((f"{book}:Notes", "sheet skipped: no header of item "
                       "scores, respondents or published figures in its first "
                       "rows; the first has the columns A \"These sheets hold "
                       "the sy…\""), notes)
        self.assertIn((f"{book}:Empty", "sheet skipped: it is empty"), notes)

    def test_thai_headers_and_title_row_by_openpyxl_and_libreoffice(self):
        book = os.path.join(self.tmp, "thai.xlsx")
        thai_workbook(book)
        self.assert_same_results([book], "thai_openpyxl")
        # saved again as .xlsx by LibreOffice
        copy = recalculate(book, os.path.join(self.tmp, "thai_lo"),
                           os.path.join(self.tmp, "profile"))
        self.assertNotEqual(read_bytes(copy), read_bytes(book))
        self.assert_same_results([copy], "thai_libreoffice")

    def test_libreoffice_workbooks_in_a_folder(self):
        folder = os.path.join(self.tmp, "lo")
        libreoffice_workbooks(folder, os.path.join(self.tmp, "profile"))
        self.assert_same_results([folder], "libreoffice")


class BadWorkbooks(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def write(self, name, data):
        path = os.path.join(self.tmp, name)
        with open(path, "wb") as f:
            f.write(data)
        return path

    def assert_refused(self, path, message):
        proc = run(path, out=os.path.join(self.tmp, "out"))
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(f"{path}: error: {message}", proc.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "out")))

    def test_xls_and_encrypted(self):
        ole = b"\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1" + b"\0" * 504
        self.assert_refused(self.write("old.xls", ole),
                            "an Excel 97-2003 workbook (.xls) or other OLE "
                            "file, which itabench does not read: save it as "
                            ".xlsx or CSV UTF-8")
        enc = ole + "EncryptedPackage".encode("utf-16-le")
        self.assert_refused(self.write("secret.xlsx", enc),
                            "the workbook is encrypted")

    def test_ods(self):
        path = os.path.join(self.tmp, "book.ods")
        with zipfile.ZipFile(path, "w") as z:
            z.writestr("mimetype",
                       "application/vnd.oasis.opendocument.spreadsheet")
        self.assert_refused(path, "an OpenDocument spreadsheet (.ods), which "
                            "itabench does not read: save it as .xlsx or CSV "
                            "UTF-8")

    def test_damaged_zip(self):
        good = os.path.join(FIXTURES, "openpyxl_long.xlsx")
        data = read_bytes(good)
        self.assert_refused(self.write("cut.xlsx", data[: len(data) // 2]),
                            "not an Excel workbook (.xlsx): the file is not a "
                            "zip archive or its zip directory is damaged")

    def test_zip_bomb(self):
        path = os.path.join(self.tmp, "bomb.xlsx")
        with zipfile.ZipFile(FIXTURES + "/openpyxl_long.xlsx") as src, \
                zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for info in src.infolist():
                data = src.read(info)
                if info.filename == "xl/worksheets/sheet1.xml":
                    # 300 MiB of spaces inside the sheet: deflates ~1000:1
                    data = data.replace(b"<sheetData>",
                                        b"<sheetData>" + b" " * (300 << 20))
                z.writestr(info, data, zipfile.ZIP_DEFLATED)
        proc = run(path, out=os.path.join(self.tmp, "out"))
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn("expands beyond the limits", proc.stderr)

    def test_shared_string_repeated_across_a_row(self):
        # a 1,000,000-character shared string in 9 cells of one row: a few
        # bytes of sheet that would expand to 9 MB, past the 8 MiB a row
        # may hold
        path = os.path.join(self.tmp, "wide_row.xlsx")
        src = zipfile.ZipFile(os.path.join(FIXTURES, "libreoffice_long.xlsx"))
        with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
            for info in src.infolist():
                data = src.read(info)
                if info.filename == "xl/sharedStrings.xml":
                    data = data.replace(b">year<", b">" + b"x" * 1_000_000 +
                                        b"<")
                if info.filename == "xl/worksheets/sheet1.xml":
                    cells = b"".join(b'<c t="s"><v>0</v></c>'
                                     for _ in range(9))
                    data = re.sub(rb'<row r="1".*?</row>',
                                  b'<row r="1">' + cells + b"</row>", data)
                z.writestr(info, data)
        src.close()
        proc = run(path, out=os.path.join(self.tmp, "out"))
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(f"{path}:Scores!I1: error: the row is longer than 8 "
                      "MiB", proc.stderr)

    def test_value_error_names_the_cell(self):
        path = os.path.join(self.tmp, "bad_cell.xlsx")
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Scores"
        ws.append(["year", "office_code", "item", "score"])
        ws.append([2564, 1001, "I1", 85])
        ws.append([2564, 1001, "I2", "eighty"])
        wb.save(path)
        proc = run(path, out=os.path.join(self.tmp, "out"))
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(f"{path}:Scores!D3: error: score of I2 for office 1001 "
                      "in 2564 \"eighty\" in column D (4) is not a number",
                      proc.stderr)

    def test_percent_cell_is_not_a_score_of_0_85(self):
        path = os.path.join(self.tmp, "percent.xlsx")
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.title = "Scores"
        ws.append(["year", "office_code", "item", "score"])
        ws.append([2564, 1001, "I1", 0.8525])
        ws["D2"].number_format = "0.00%"
        wb.save(path)
        proc = run(path, out=os.path.join(self.tmp, "out"))
        self.assertEqual(proc.returncode, 1, proc.stderr)
        self.assertIn(f"{path}:Scores!D2: error: score of I1 for office 1001 "
                      "in 2564 \"85.25%\" in column D (4) has a '%' sign: write "
                      "the number alone (85.25)", proc.stderr)

    def test_own_workbook_is_skipped(self):
        path = os.path.join(self.tmp, "own.xlsx")
        wb = openpyxl.Workbook()
        wb.properties.creator = "itabench 0.1.0"
        wb.active.append(["year", "office_code", "item", "score"])
        wb.active.append([2564, 1001, "I1", "not read"])
        wb.save(path)
        out = os.path.join(self.tmp, "out")
        proc = run("inputs/", path, out=out)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertIn((path, "skipped: a workbook written by itabench "
                       "(itabench 0.1.0), not input data"),
                      quality_notes(os.path.join(out,
                                                 "data_quality_2564.csv")))


if __name__ == "__main__":
    unittest.main()
