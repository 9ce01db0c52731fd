"""The city workbook in a second spreadsheet program: LibreOffice (headless,
with a private profile that recalculates every formula on load) opens it,
recalculates it and saves it again; then no cell anywhere may hold an error
value.  Then the Target cell is set to 90 (with openpyxl, formulas kept),
LibreOffice recalculates, and every pass flag, gap and pass count must
follow the new target: an office at 87 now fails."""
import os
import shlex
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

import ita_reference as ref
from libreoffice import error_cells, recalculate

YEAR = 2564
BOOK = f"ita_{YEAR}_city.xlsx"
class CityBookInLibreOffice(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        wrap = shlex.split(os.environ.get("ITABENCH_WRAP", ""))
        cls.proc = subprocess.run(
            wrap + [ref.ITABENCH, "inputs/", "-o", cls.tmp, "--no-office-books",
                    "-q"], capture_output=True, text=True, cwd=ref.REPO)
        cls.book = os.path.join(cls.tmp, BOOK)
        cls.profile = os.path.join(cls.tmp, "profile")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def recalculate(self, path, name):
        """LibreOffice's recalculated copy of path (as xlsx)."""
        return recalculate(path, os.path.join(self.tmp, name), self.profile)

    def assert_no_error_cell(self, path):
        self.assertEqual(error_cells(path), [])
        return openpyxl.load_workbook(path, data_only=True)

    def ranking(self, wb):
        ws = wb.worksheets[1]
        cells = ws[ws.tables["Ranking"].ref]
        col = {c.value: i for i, c in enumerate(cells[0])}
        return [(r[col["รหัส"]].value, r[col["ITA"]].value,
                 r[col["ผ่านเป้าหมาย"]].value, r[col["ขาดจากเป้าหมาย"]].value)
                for r in cells[1:]]

    def pass_count(self, wb):
        ws = wb.worksheets[0]
        for row in ws.iter_rows():
            if row[0].value == "ผ่านเป้าหมาย (เขต)":
                return row[1].value
        self.fail("no pass count on the Summary sheet")

    def test_recalculated_without_errors_and_target_90(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        wb = self.assert_no_error_cell(self.recalculate(self.book, "as_is"))
        rows = self.ranking(wb)
        self.assertEqual(len(rows), 50)
        for code, ita, passed, gap in rows:
            self.assertEqual(passed, 1 if ita >= 85 else 0, code)
            self.assertAlmostEqual(gap, max(0.0, 85 - ita), places=9)

        # the target to 90, in the named cell, formulas kept
        edit = openpyxl.load_workbook(self.book)
        (sheet, cell), = list(edit.defined_names["Target"].destinations)
        edit[sheet][cell.replace("$", "")] = 90
        edited = os.path.join(self.tmp, "target90.xlsx")
        edit.save(edited)
        wb = self.assert_no_error_cell(self.recalculate(edited, "target90"))
        rows = self.ranking(wb)
        between = [code for code, ita, _, _ in rows if 85 <= ita < 90]
        self.assertTrue(between, "the sample has offices between 85 and 90")
        for code, ita, passed, gap in rows:
            self.assertEqual(passed, 1 if ita >= 90 else 0, code)
            self.assertAlmostEqual(gap, max(0.0, 90 - ita), places=9)
        self.assertEqual(self.pass_count(wb), sum(1 for r in rows if r[1] >= 90))
        # the gaps sheet follows too
        ws = wb["ส่วนที่ขาด"]
        cells = ws[ws.auto_filter.ref]  # no table: written in constant memory
        col = {c.value: i for i, c in enumerate(cells[0])}
        itas = {code: ita for code, ita, _, _ in rows}
        for r in cells[1:]:
            self.assertAlmostEqual(r[col["ขาด ITA"]].value,
                                   max(0.0, 90 - itas[r[col["รหัส"]].value]),
                                   places=9)


if __name__ == "__main__":
    unittest.main()
