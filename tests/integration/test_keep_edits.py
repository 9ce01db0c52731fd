"""A rerun never destroys an edit (issue 11): office workbooks edited in
place in the output folder (with openpyxl, one then re-saved by LibreOffice)
are found edited by the manifest, their edits carried by item into the new
workbooks, and the edited files kept as dated backups; an unedited workbook
is simply rewritten; a row no longer below the target is kept and marked;
--force writes over without carrying and says so; a workbook of other
results is left alone and a damaged one kept; -j 1 and -j 2 write the same
bytes."""
import csv
import datetime
import glob
import hashlib
import os
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

import ita_reference as ref
from libreoffice import recalculate
import test_returned_plans

INPUTS = os.path.join(ref.REPO, "inputs")
PLAN = "แผนปฏิบัติการ"
DONE, IN_PROGRESS, NOT_STARTED = "ดำเนินการแล้ว", "กำลังดำเนินการ", "ยังไม่เริ่ม"
PAST = datetime.datetime(2022, 1, 15)
# what the test types into the first plan row of workbook A
EDITS_A = {"สถานะ": DONE, "ผู้ดำเนินการ": "นาย ก", "กำหนดเสร็จ": PAST,
           "งบประมาณ": 50000, "มาตรการ/แนวทางปฏิบัติ":
           "อบรมเจ้าหน้าที่ทุกไตรมาส (แก้ไขโดยเขต)", "เป้าหมาย": 97,
           "แนวทางการกำกับติดตาม": "ผู้อำนวยการเขตทบทวน\nทุกเดือน",
           "ฝ่ายที่รับผิดชอบ": "ฝ่ายการคลัง\nฝ่ายทะเบียน ฝ่ายปกครอง"}
EDITS_B = {"สถานะ": IN_PROGRESS, "ผู้ดำเนินการ": "ฝ่ายปกครอง",
           "ฝ่ายที่รับผิดชอบ": "ฝ่ายรายได้ (แก้ไขใน LibreOffice)"}
# columns whose default itabench writes and a district may edit
TEXTS = ("มาตรการ/แนวทางปฏิบัติ", "แนวทางการกำกับติดตาม", "ฝ่ายที่รับผิดชอบ")
KEPT_MARK = "คงไว้จากแผนที่แก้ไข"


def run(*args):
    return subprocess.run([ref.ITABENCH, *args], capture_output=True,
                          text=True, cwd=ref.REPO, timeout=300)


def sha256(path):
    with open(path, "rb") as f:
        return hashlib.sha256(f.read()).hexdigest()


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()




def plan_rows(path):
    """{item: {header: value}} of the plan rows of a workbook, in order."""
    ws = openpyxl.load_workbook(path)[PLAN]
    header, col = test_returned_plans.plan_table(ws)
    rows = {}
    for r in range(header + 1, ws.max_row + 1):
        if not ws[f"{col['สถานะ']}{r}"].value:   # group and sign-off rows
            continue
        rows[ws[f"{col['ข้อ']}{r}"].value] = {
            name: ws[f"{letter}{r}"].value for name, letter in col.items()}
    return rows


def library_units(item, alternatives=True):
    """The Thai names of the units measures.csv names for item: its lead
    and supporting units, and the alternatives to its lead."""
    with open(os.path.join(INPUTS, "reference", "measures.csv"),
              encoding="utf-8") as f:
        row = next(r for r in csv.DictReader(f) if r["item"] == item)
    fields = ["lead_unit_th", "support_units_th"] + \
        (["lead_alternatives_th"] if alternatives else [])
    return {n.strip() for k in fields for n in row[k].split(";")
            if n.strip()}


def edit_first_row(path, edits):
    """Types edits into the first plan row; returns its item and score."""
    wb = openpyxl.load_workbook(path)
    ws = wb[PLAN]
    header, col = test_returned_plans.plan_table(ws)
    for r in range(header + 1, ws.max_row + 1):
        if ws[f"{col['สถานะ']}{r}"].value:
            for name, value in edits.items():
                ws[f"{col[name]}{r}"].value = value
            wb.save(path)
            return ws[f"{col['ข้อ']}{r}"].value, ws[f"{col['คะแนน']}{r}"].value
    raise AssertionError("no plan row")


def set_marker_year(path, year):
    """Rewrites the hidden marker cell as if the plan were of another
    results year."""
    wb = openpyxl.load_workbook(path)
    for row in wb[PLAN].iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith("itabench-plan"):
                c.value = c.value.replace("year=2564", f"year={year}")
                wb.save(path)
                return
    raise AssertionError("no marker")


MANIFEST = ".itabench-manifest"


def tree(folder):
    """{relative path: bytes} of every file under folder; the folder's own
    path, which data_quality_<year>.csv gives in the files it names (the
    edited workbooks read), as "{out}"."""
    found = {}
    for root, _, files in os.walk(folder):
        for f in files:
            path = os.path.join(root, f)
            found[os.path.relpath(path, folder)] = read_bytes(path).replace(
                folder.encode(), b"{out}")
    # the manifest's SHA-256 of a file that names the folder differs with
    # the folder: each must be the file's own, and is compared as the
    # SHA-256 of its bytes with the folder named "{out}"
    lines = []
    for line in found.get(MANIFEST, b"").decode().splitlines():
        fields = line.split("\t")
        if not line.startswith("#") and len(fields) == 5:
            raw = read_bytes(os.path.join(folder, fields[4]))
            assert fields[0] == hashlib.sha256(raw).hexdigest(), line
            fields[0] = hashlib.sha256(found[fields[4]]).hexdigest()
        lines.append("\t".join(fields))
    if MANIFEST in found:
        found[MANIFEST] = "\n".join(lines).encode()
    return found


def backups(folder, book):
    stem = os.path.basename(book)[:-len(".xlsx")]
    return sorted(glob.glob(os.path.join(folder, "offices",
                                         glob.escape(stem) + ".edited-*")))


def manifest(folder):
    """{file: (sha, year, office, edits)} of the folder's manifest."""
    entries = {}
    with open(os.path.join(folder, MANIFEST),
              encoding="utf-8") as f:
        for line in f:
            if line.startswith("#"):
                continue
            sha, year, office, edits, name = line.rstrip("\n").split("\t")
            entries[name] = (sha, year, office, edits)
    return entries


class KeepEdits(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itabench-keep-")
        cls.out = os.path.join(cls.tmp, "out")
        proc = run(INPUTS, "-o", cls.out, "--no-city-book", "-q", "-j", "1")
        assert proc.returncode == 0, proc.stderr
        cls.books = sorted(glob.glob(os.path.join(cls.out, "offices",
                                                  "*.xlsx")))
        cls.first = {b: read_bytes(b) for b in cls.books}
        a, b = cls.books[0], cls.books[1]
        cls.item_a, cls.score_a = edit_first_row(a, EDITS_A)
        cls.item_b, _ = edit_first_row(b, EDITS_B)
        resaved = recalculate(b, os.path.join(cls.tmp, "lo"),
                              os.path.join(cls.tmp, "profile"))
        shutil.move(resaved, b)
        cls.edited = {a: read_bytes(a), b: read_bytes(b)}
        cls.out_j2 = os.path.join(cls.tmp, "out_j2")
        shutil.copytree(cls.out, cls.out_j2)
        cls.rerun = run(INPUTS, "-o", cls.out, "--no-city-book", "-j", "1")
        cls.rerun_j2 = run(INPUTS, "-o", cls.out_j2, "--no-city-book", "-q",
                           "-j", "2")
        cls.target_phase()
        cls.force_phase()
        cls.odd_files_phase()
        cls.rename_phase()

    @classmethod
    def copy_of_rerun(cls, name):
        folder = os.path.join(cls.tmp, name)
        shutil.copytree(cls.out, folder)
        return folder, [os.path.join(folder, "offices", os.path.basename(b))
                        for b in cls.books]

    @classmethod
    def target_phase(cls):
        """A edited again, then a rerun at a target its first item's score
        reaches: the row must stay, marked."""
        cls.out_t, books = cls.copy_of_rerun("out_t")
        edit_first_row(books[0], {"ผู้ดำเนินการ": "นาง ค"})
        cls.old_items_t = list(plan_rows(books[0]))
        target = f"{ref.round2(cls.score_a):.2f}"
        cls.target_t = float(target)
        cls.run_t = run(INPUTS, "-o", cls.out_t, "--no-city-book", "-q",
                        "-t", target)
        cls.rows_t = plan_rows(books[0])
        # the reference scores of the office of that workbook
        cls.model = ref.Model()
        _, lookup = ref.districts()
        code = os.path.basename(books[0]).split("_")[2]
        cls.items_t = ref.load_item_scores(INPUTS, cls.model, lookup)[2564][code]

    @classmethod
    def force_phase(cls):
        cls.out_f, books = cls.copy_of_rerun("out_f")
        cls.book_c_f = books[2]
        edit_first_row(books[2], {"สถานะ": DONE, "ผู้ดำเนินการ": "นาย ง"})
        cls.run_f = run(INPUTS, "-o", cls.out_f, "--no-city-book", "-q",
                        "--force")

    @classmethod
    def odd_files_phase(cls):
        """D's plan claims another results year; E is damaged."""
        cls.out_o, books = cls.copy_of_rerun("out_o")
        cls.book_d, cls.book_e = books[3], books[4]
        set_marker_year(cls.book_d, 2563)
        cls.bytes_d = read_bytes(cls.book_d)
        with open(cls.book_e, "wb") as f:
            f.write(b"PK\x03\x04 not a workbook any more")
        cls.run_o = run(INPUTS, "-o", cls.out_o, "--no-city-book")

    @classmethod
    def rename_phase(cls):
        """F edited, then the registry renames its office: the edits go
        into the workbook under the new name (issue 18)."""
        cls.out_r, books = cls.copy_of_rerun("out_r")
        cls.book_f = books[5]
        cls.item_f, _ = edit_first_row(cls.book_f, {"ผู้ดำเนินการ": "นาย ร"})
        cls.bytes_f = read_bytes(cls.book_f)
        code = os.path.basename(cls.book_f).split("_")[2]
        # the inputs as they would be after the rename: every file names
        # the office by its new English name
        by_code, _ = ref.districts()
        old_name = by_code[code]["name_en"]
        inputs = os.path.join(cls.tmp, "inputs_renamed")
        shutil.copytree(INPUTS, inputs)
        for root, _, files in os.walk(inputs):
            for name in files:
                path = os.path.join(root, name)
                with open(path, encoding="utf-8") as f:
                    text = f.read()
                with open(path, "w", encoding="utf-8") as f:
                    f.write(text.replace(old_name, "Renamed District"))
        registry = os.path.join(inputs, "reference", "bangkok_districts.csv")
        cls.renamed = os.path.join(cls.out_r, "offices",
                                   f"ita_2564_{code}_renamed-district.xlsx")
        cls.run_r = run(inputs, "-o", cls.out_r, "--no-city-book",
                        "--districts", registry)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def test_reruns_succeed(self):
        for proc in (self.rerun, self.rerun_j2, self.run_t, self.run_f,
                     self.run_o, self.run_r):
            self.assertEqual(proc.returncode, 0, proc.stderr)

    def test_edits_carried_by_item(self):
        rows = plan_rows(self.books[0])
        got = rows[self.item_a]
        for name, value in EDITS_A.items():
            self.assertEqual(got[name], value, name)
        # the rows not edited keep itabench's texts: those of the workbook
        # first written (line breaks and all), none taken for an edit
        with tempfile.NamedTemporaryFile(suffix=".xlsx") as f:
            f.write(self.first[self.books[0]])
            f.flush()
            first = plan_rows(f.name)
        for item, row in rows.items():
            if item != self.item_a:
                self.assertEqual(row["สถานะ"], NOT_STARTED, item)
                self.assertIsNone(row["ผู้ดำเนินการ"], item)
                self.assertIsNone(row["งบประมาณ"], item)
                for name in TEXTS[:2]:
                    self.assertEqual(row[name], first[item][name],
                                     (item, name))
                # the units: the schedule may give a row another lead when
                # the edits load the units otherwise; the names are the
                # library's (a name wider than the column broken at
                # libthai's words: the lines joined, every name found and
                # nothing else)
                units = "".join(row[TEXTS[2]].split())
                named = {n for n in library_units(item) if n in units}
                self.assertLessEqual(library_units(item, alternatives=False),
                                     named, item)
                self.assertEqual(len(units), sum(map(len, named)), item)

    def test_libreoffice_edits_carried(self):
        got = plan_rows(self.books[1])[self.item_b]
        for name, value in EDITS_B.items():
            self.assertEqual(got[name], value, name)

    def test_backups_hold_the_edited_files(self):
        today = datetime.date.today().isoformat()
        for book, content in self.edited.items():
            found = backups(self.out, book)
            self.assertEqual([os.path.basename(f) for f in found],
                             [os.path.basename(book)[:-5] +
                              f".edited-{today}.xlsx"])
            self.assertEqual(read_bytes(found[0]), content)

    def test_unedited_rewritten_without_backup(self):
        for book in self.books[2:]:
            self.assertEqual(backups(self.out, book), [], book)
            self.assertEqual(read_bytes(book), self.first[book], book)

    def test_manifest_matches_the_files(self):
        entries = manifest(self.out)
        self.assertEqual(sorted(n for n in entries
                                if n.startswith("offices/")),
                         sorted("offices/" + os.path.basename(b)
                                for b in self.books))
        for name, (sha, year, office, edits) in entries.items():
            path = os.path.join(self.out, name)
            self.assertEqual(sha, sha256(path), name)
            self.assertEqual(year, "2564")
            if not name.startswith("offices/"):
                # the outputs of the whole city (test_city_keep.py)
                self.assertEqual((office, edits), ("-", "new"), name)
                continue
            self.assertIn(f"_{office}_", name)
            carried = path in self.edited
            self.assertEqual(edits, "carried" if carried else "new", name)

    def test_stderr_names_the_edited_files(self):
        for book in self.edited:
            self.assertIn(f"{book} was edited since itabench wrote it",
                          self.rerun.stderr)

    def test_jobs_write_the_same_bytes(self):
        self.assertEqual(tree(self.out), tree(self.out_j2))

    def test_row_no_longer_below_target_is_kept_and_marked(self):
        for item in self.old_items_t:
            self.assertIn(item, self.rows_t)
        row = self.rows_t[self.item_a]
        # the analysis column, whatever its header says beside that
        analysis = [v for k, v in row.items() if "ผลการวิเคราะห์จุดอ่อน" in k]
        self.assertEqual(len(analysis), 1, list(row))
        self.assertIn(KEPT_MARK, analysis[0])
        others = [v for item, r in self.rows_t.items() if item != self.item_a
                  for k, v in r.items() if "ผลการวิเคราะห์จุดอ่อน" in k]
        self.assertEqual(row["ผู้ดำเนินการ"], "นาง ค")
        self.assertEqual(row["สถานะ"], DONE)
        self.assertEqual(row["งบประมาณ"], 50000)
        self.assertEqual(row["เป้าหมาย"], 97)     # typed in: carried
        # rows still below the target are not marked
        self.assertTrue(any(KEPT_MARK not in v for v in others))
        # the target scores nobody typed follow the new target
        for item, other in self.rows_t.items():
            if item != self.item_a:
                self.assertNotEqual(other["เป้าหมาย"], 85, item)
        # row by row: marked exactly when it was in the old plan and its
        # (reference) score now reaches the new target; a row still below
        # it aims at the new target (a disclosure item at the full 100,
        # src/plans.c)
        still_below = 0
        for item, other in self.rows_t.items():
            if item == self.item_a:
                continue
            reaches = ref.round2(self.items_t[item]) >= self.target_t
            text, = [v for k, v in other.items()
                     if "ผลการวิเคราะห์จุดอ่อน" in k]
            # items in every plan (O42, O43) have their row anyway: not kept
            every_plan = {r["item"] for r in ref.read_csv(os.path.join(
                ref.REPO, "inputs", "reference", "measures.csv"))
                if r["in_every_plan"].strip().lower() == "yes"}
            self.assertEqual(KEPT_MARK in text,
                             item in self.old_items_t and reaches and
                             item not in every_plan, item)
            if not reaches:
                still_below += 1
                disclosure = \
                    self.model.nodes[item]["answer_type"].strip() == "published"
                self.assertEqual(other["เป้าหมาย"],
                                 100 if disclosure else self.target_t, item)
        self.assertGreater(still_below, 0)

    def test_force_overwrites_without_carrying(self):
        self.assertIn(f"--force: overwrote {self.book_c_f}", self.run_f.stderr)
        self.assertEqual(backups(self.out_f, self.book_c_f), [])
        first = plan_rows(self.book_c_f)
        self.assertTrue(first)      # all() of nothing would pass
        self.assertTrue(all(r["สถานะ"] == NOT_STARTED and
                            r["ผู้ดำเนินการ"] is None for r in first.values()))

    def test_other_year_left_alone(self):
        self.assertEqual(read_bytes(self.book_d), self.bytes_d)
        new = self.book_d[:-5] + "-2.xlsx"
        self.assertTrue(os.path.exists(new))
        self.assertIn("holds a plan of other results", self.run_o.stderr)
        self.assertIn("offices/" + os.path.basename(new), manifest(self.out_o))

    def test_damaged_kept_as_backup(self):
        found = backups(self.out_o, self.book_e)
        self.assertEqual(len(found), 1)
        self.assertTrue(read_bytes(found[0]).startswith(b"PK\x03\x04 not"))
        self.assertIn(f"{self.book_e} was changed since itabench wrote it",
                      self.run_o.stderr)
        self.assertEqual(openpyxl.load_workbook(self.book_e).sheetnames[3],
                         PLAN)

    def test_rename_carries_into_the_new_name(self):
        self.assertIn(os.path.basename(self.book_f) + " is this office's "
                      "workbook under its former name", self.run_r.stderr)
        self.assertEqual(plan_rows(self.renamed)[self.item_f]["ผู้ดำเนินการ"],
                         "นาย ร")
        self.assertEqual(read_bytes(self.book_f), self.bytes_f)


if __name__ == "__main__":
    unittest.main()
