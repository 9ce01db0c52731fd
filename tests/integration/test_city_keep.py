"""A rerun into the same folder keeps the city workbook and the CSVs that
were edited since itabench wrote them (output_keep.h, README "Running
again"):

- unedited: written over, no backup, nothing said;
- the city workbook edited with openpyxl (a note in a cell, Target 90) and
  the results CSV edited as a spreadsheet saves it: each kept as
  <stem>.edited-<date>.<ext>, byte-identical to the edited file, both
  names said on stderr even with -q; the new city workbook is the one the
  input gives (Target 85, no note), and stderr says "Target was 90 in your
  edited workbook ...; this run used 85; pass -t 90 to keep it";
- the city workbook edited and saved by LibreOffice (through UNO): the same;
- edited again and rerun: a second backup, the first left as it was;
- -t 90 given: no word on Target; --force: written over, no backup, said."""
import glob
import hashlib
import os
import re
import shutil
import tempfile
import unittest

import openpyxl

import ita_reference as ref
from libreoffice_uno import calc, open_book, save_xlsx
from test_office_books import YEAR, run

CITY = f"ita_{YEAR}_city.xlsx"
RESULTS = f"results_{YEAR}.csv"
NOTE = "ตรวจสอบอีกครั้ง: analyst's note"
EDITED_TARGET = 90
TARGET_SAID = re.compile(r"Target was 90 in your edited workbook \((.+?)\); "
                         r"this run used 85; pass -t 90 to keep it")


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def backups(folder, name):
    stem, ext = os.path.splitext(name)
    return sorted(glob.glob(os.path.join(folder, f"{stem}.edited-*{ext}")))


def target_cell(wb):
    sheet, cell = list(wb.defined_names["Target"].destinations)[0]
    return wb[sheet][cell.replace("$", "")]


def edit_with_openpyxl(folder):
    """A note beside Target, Target 90; returns the edited bytes."""
    path = os.path.join(folder, CITY)
    wb = openpyxl.load_workbook(path)
    cell = target_cell(wb)
    cell.value = EDITED_TARGET
    cell.parent.cell(cell.row + 1, cell.column + 4).value = NOTE
    wb.save(path)
    return read_bytes(path)


def edit_results_csv(folder):
    """One score changed and a column added, as a spreadsheet saves it."""
    path = os.path.join(folder, RESULTS)
    with open(path, encoding="utf-8-sig") as f:
        lines = f.read().splitlines()
    lines = [lines[0] + ",note"] + [lines[1] + ",checked"] + lines[2:]
    with open(path, "w", encoding="utf-8-sig", newline="\r\n") as f:
        f.write("\n".join(lines) + "\n")
    return read_bytes(path)


class CityKeep(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.first = os.path.join(cls.tmp, "first")
        proc = run("inputs/", "--no-office-books", "-q", out=cls.first)
        assert proc.returncode == 0, proc.stderr
        cls.written = {n: read_bytes(os.path.join(cls.first, n))
                       for n in (CITY, RESULTS)}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def copy(self, name):
        """A copy of the first run's folder (its manifest too)."""
        folder = os.path.join(self.tmp, name)
        shutil.copytree(self.first, folder)
        return folder

    def rerun(self, folder, *args):
        proc = run("inputs/", "--no-office-books", "-q", *args, out=folder)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        return proc.stderr

    def assert_kept(self, folder, name, edited, stderr, before=()):
        """One backup of name more than before, holding the edited bytes;
        stderr names the file and that backup.  Returns its path."""
        new = sorted(set(backups(folder, name)) - set(before))
        self.assertEqual(len(new), 1, new)
        self.assertEqual(read_bytes(new[0]), edited)
        path = os.path.join(folder, name)
        self.assertIn(f"{path} was changed since itabench wrote it: the "
                      f"changed file is kept as {new[0]}", stderr)
        return new[0]

    def test_unedited_rerun_keeps_nothing(self):
        folder = self.copy("unedited")
        stderr = self.rerun(folder)
        self.assertEqual(glob.glob(os.path.join(folder, "*.edited-*")), [])
        self.assertNotIn("changed since", stderr)
        for name, data in self.written.items():
            self.assertEqual(read_bytes(os.path.join(folder, name)), data)

    def test_manifest_lists_the_city_outputs(self):
        with open(os.path.join(self.first, ".itabench-manifest"),
                  encoding="utf-8") as f:
            lines = [line.rstrip("\n").split("\t") for line in f
                     if not line.startswith("#")]
        names = {line[4]: line for line in lines}
        self.assertEqual(sorted(names), sorted(
            n for n in os.listdir(self.first) if not n.startswith(".")))
        for name, (sha, year, office, edits, _) in names.items():
            self.assertEqual(sha, hashlib.sha256(read_bytes(
                os.path.join(self.first, name))).hexdigest(), name)
            self.assertEqual((year, office, edits), (str(YEAR), "-", "new"))

    def test_openpyxl_edits_kept_and_target_said(self):
        folder = self.copy("openpyxl")
        edited_city = edit_with_openpyxl(folder)
        edited_csv = edit_results_csv(folder)
        stderr = self.rerun(folder)
        backup = self.assert_kept(folder, CITY, edited_city, stderr)
        self.assertIn("without the cells or sheets added", stderr)
        self.assert_kept(folder, RESULTS, edited_csv, stderr)
        said = TARGET_SAID.search(stderr)
        self.assertIsNotNone(said, stderr)
        self.assertEqual(said.group(1), backup)
        # the new files are what the input gives: Target 85, no note
        for name, data in self.written.items():
            self.assertEqual(read_bytes(os.path.join(folder, name)), data,
                             name)
        # the backup holds the edits
        wb = openpyxl.load_workbook(backup)
        self.assertEqual(target_cell(wb).value, EDITED_TARGET)
        # edited again the same day: a second backup, the first kept
        edited_again = edit_with_openpyxl(folder)
        stderr = self.rerun(folder)
        self.assert_kept(folder, CITY, edited_again, stderr,
                         before=[backup])
        self.assertEqual(read_bytes(backup), edited_city)

    def test_libreoffice_edit_kept_and_target_said(self):
        folder = self.copy("libreoffice")
        path = os.path.join(folder, CITY)
        saved = os.path.join(self.tmp, "lo-" + CITY)
        with calc(os.path.join(self.tmp, "profile")) as desktop:
            doc = open_book(desktop, path)
            target = doc.NamedRanges.getByName("Target").ReferredCells
            target.getCellByPosition(0, 0).setValue(EDITED_TARGET)
            addr = target.getCellAddress()
            sheet = doc.Sheets.getByIndex(addr.Sheet)
            sheet.getCellByPosition(addr.Column + 4,
                                    addr.Row + 1).setString(NOTE)
            save_xlsx(doc, saved)
        shutil.move(saved, path)
        edited = read_bytes(path)
        wb = openpyxl.load_workbook(path)
        self.assertEqual(target_cell(wb).value, EDITED_TARGET)
        stderr = self.rerun(folder)
        backup = self.assert_kept(folder, CITY, edited, stderr)
        said = TARGET_SAID.search(stderr)
        self.assertIsNotNone(said, stderr)
        self.assertEqual(said.group(1), backup)
        self.assertEqual(read_bytes(path), self.written[CITY])

    def test_target_given_is_not_questioned(self):
        folder = self.copy("target-given")
        edited = edit_with_openpyxl(folder)
        stderr = self.rerun(folder, "-t", "90")
        self.assert_kept(folder, CITY, edited, stderr)
        self.assertNotIn("Target was", stderr)
        wb = openpyxl.load_workbook(os.path.join(folder, CITY))
        self.assertEqual(target_cell(wb).value, EDITED_TARGET)

    def test_force_overwrites_without_backup(self):
        folder = self.copy("force")
        edit_with_openpyxl(folder)
        edit_results_csv(folder)
        stderr = self.rerun(folder, "--force")
        self.assertEqual(glob.glob(os.path.join(folder, "*.edited-*")), [])
        for name, data in self.written.items():
            path = os.path.join(folder, name)
            self.assertEqual(read_bytes(path), data, name)
            self.assertIn(f"--force: overwrote {path}, which was changed",
                          stderr)


if __name__ == "__main__":
    unittest.main()
