"""Returned action plans: office workbooks written by itabench, edited with
openpyxl (one of them then re-saved by LibreOffice) and given back as input,
are counted in plan_progress_2564.csv exactly as the edits typed them."""
import csv
import datetime
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
from libreoffice import recalculate

INPUTS = os.path.join(ref.REPO, "inputs")
AS_OF = datetime.date(2022, 6, 30)          # --as-of 2565-06-30 (B.E.)
PAST, FUTURE = datetime.datetime(2022, 1, 15), datetime.datetime(2022, 9, 30)
COLUMNS = "year,office_code,office_name_th,office_name_en,rows,done," \
          "in_progress,not_started,not_understood,overdue,no_owner," \
          "projected_ita,file"
# the dropdown's values (Thai workbooks); a status outside them and their
# synonyms is kept as typed and counted as not understood (issue 18)
DONE, IN_PROGRESS, NOT_STARTED = "ดำเนินการแล้ว", "กำลังดำเนินการ", "ยังไม่เริ่ม"
STATUS_KIND = {DONE: "done", IN_PROGRESS: "in_progress",
               NOT_STARTED: "not_started", "done": "done",
               "in progress": "in_progress", "not started": "not_started"}


def run(*args):
    return subprocess.run([ref.ITABENCH, *args], capture_output=True,
                          text=True, cwd=ref.REPO, timeout=300)


def plan_table(ws):
    """The header row and {header text: column letter} of the plan sheet."""
    for row in ws.iter_rows():
        # printed Thai headers are broken into lines ("กำหนด\nเสร็จ")
        names = {c.value.replace("\n", ""): c.column_letter for c in row
                 if isinstance(c.value, str)}
        if "สถานะ" in names and "ข้อ" in names:
            return row[0].row, names
    raise AssertionError("no plan header")


def default_goal(model, item, score):
    """The target score a plan row starts with (src/plans.c): 100 for a
    disclosure item, the model's target for an item below it, else the
    score kept."""
    if model.nodes[item]["answer_type"].strip() == "published":
        return 100
    return model.target if ref.round2(score) < model.target else score


def edit(path, scheme, model, items):
    """Edits the plan rows of one workbook; returns what the test expects
    in its plan_progress line, worked out from what it typed and the
    reference scores of its office (items: item -> score, ita_reference)."""
    wb = openpyxl.load_workbook(path)
    ws = wb["แผนปฏิบัติการ"]
    header, col = plan_table(ws)
    want = dict(rows=0, done=0, in_progress=0, not_started=0,
                not_understood=0, overdue=0, no_owner=0)
    # the reference ITA, plus each item's reference weight times what its
    # goal (typed, or the default) lacks of its reference score
    projected = model.score(items)["ITA"]
    measures_changed = 0
    for r in range(header + 1, ws.max_row + 1):
        status_cell = ws[f"{col['สถานะ']}{r}"]
        if not status_cell.value:   # group rows and the sign-off block
            continue
        k = want["rows"]
        status, owner, due, planned, *measure = scheme(k)
        if measure:     # a measure of the office's own
            ws[f"{col['มาตรการ/แนวทางปฏิบัติ']}{r}"].value = measure[0]
            measures_changed += 1
        status_cell.value = status
        ws[f"{col['ผู้ดำเนินการ']}{r}"].value = owner
        ws[f"{col['กำหนดเสร็จ']}{r}"].value = due
        if planned is not None:
            ws[f"{col['เป้าหมาย']}{r}"].value = planned
        item = ws[f"{col['ข้อ']}{r}"].value
        score = items[item]
        goal = (ref.num(repr(planned)) if planned is not None
                else default_goal(model, item, score))
        projected += model.item_weight(item) * max(0, goal - score)
        kind = STATUS_KIND.get(status, "not_understood")
        want["rows"] += 1
        want[kind] += 1
        want["no_owner"] += not owner
        want["overdue"] += kind != "done" and due.date() < AS_OF
    wb.save(path)
    want["projected_ita"] = f"{float(projected):.2f}"
    return {k: str(v) for k, v in want.items()}, measures_changed


def scheme_mixed(k):
    """Statuses cycling through done, in progress, not started and one not
    among the choices; an owner on even rows; past dates on odd rows; a
    target score of 95 on the first row; measures of its own on the first
    two rows."""
    status = [DONE, IN_PROGRESS, NOT_STARTED, "เสร็จแล้วบางส่วน"][k % 4]
    own = (f"มาตรการของเขต ข้อ {k}",) if k < 2 else ()
    return (status, "นางสาว ข" if k % 2 == 0 else None,
            PAST if k % 2 else FUTURE, 95.0 if k == 0 else None, *own)


def scheme_all_done(k):
    return DONE, "ฝ่ายปกครอง", PAST, None


def scheme_english_overdue(k):
    """English choices (accepted in a Thai workbook too), every date past."""
    return ("in progress" if k % 3 else "done", None, PAST, None)


class ReturnedPlans(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itabench-returned-")
        first = os.path.join(cls.tmp, "first")
        proc = run(INPUTS, "-o", first, "--no-city-book", "-q")
        assert proc.returncode == 0, proc.stderr
        books = sorted(glob.glob(os.path.join(first, "offices", "*.xlsx")))
        returned = os.path.join(cls.tmp, "returned")
        os.makedirs(returned)
        cls.want, cls.measures = {}, {}
        model = ref.Model()
        _, lookup = ref.districts()
        items = ref.load_item_scores(INPUTS, model, lookup)[2564]
        schemes = (scheme_mixed, scheme_all_done, scheme_english_overdue)
        for book, scheme in zip(books[:3], schemes):
            path = shutil.copy(book, returned)
            code = os.path.basename(book).split("_")[2]
            cls.want[code], cls.measures[code] = edit(path, scheme, model,
                                                      items[code])
        # the third one saved again by LibreOffice
        third = os.path.join(returned, os.path.basename(books[2]))
        resaved = recalculate(third, os.path.join(cls.tmp, "lo"),
                              os.path.join(cls.tmp, "profile"))
        shutil.move(resaved, third)
        cls.out = os.path.join(cls.tmp, "second")
        cls.proc = run(INPUTS, returned, "-o", cls.out, "--as-of",
                       "2565-06-30", "--no-office-books")

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    def rows(self):
        path = os.path.join(self.out, "plan_progress_2564.csv")
        with open(path, encoding="utf-8", newline="") as f:
            return list(csv.DictReader(f))

    def test_runs(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)

    def test_columns(self):
        with open(os.path.join(self.out, "plan_progress_2564.csv"),
                  encoding="utf-8") as f:
            self.assertEqual(f.readline().rstrip("\n"), COLUMNS)

    def test_counts(self):
        got = {r["office_code"]: r for r in self.rows()}
        self.assertEqual(sorted(got), sorted(self.want))
        for code, want in self.want.items():
            self.assertEqual(got[code]["year"], "2564")
            for key, value in want.items():
                self.assertEqual(got[code][key], value, (code, key))

    def test_best_first_by_done_share(self):
        shares = [int(r["done"]) / int(r["rows"]) for r in self.rows()]
        self.assertEqual(shares, sorted(shares, reverse=True))

    def test_unknown_status_is_a_warning(self):
        with open(os.path.join(self.out, "data_quality_2564.csv"),
                  encoding="utf-8", newline="") as f:
            found = [r for r in csv.DictReader(f)
                     if r["check"] == "plan_status"]
        # rows 3 and 7 of the first plan (k % 4 == 3)
        self.assertEqual(len(found), int(self.want[min(self.want)]["rows"])
                         // 4)
        self.assertTrue(all(r["severity"] == "warning" and
                            "nor their synonyms: \"เสร็จแล้วบางส่วน\": kept "
                            "as typed" in r["message"] for r in found),
                        found)

    def progress_sheet(self, details=False):
        """The Plan progress sheet, or (details) the one after it with the
        chart, the offices not back and the overdue rows."""
        wb = openpyxl.load_workbook(
            os.path.join(self.out, "ita_2564_city.xlsx"))
        names = [n for n in wb.sheetnames if "ความก้าวหน้า" in n]
        self.assertEqual(names, ["ความก้าวหน้าของแผน",
                                 "ความก้าวหน้าของแผน รายละเอียด"])
        return wb[names[details]]

    def test_progress_sheet_counts(self):
        ws = self.progress_sheet()
        header = [c.value for c in ws[4]]
        keys = ["rows", "done", "in_progress", "not_started", "overdue",
                "no_owner"]
        got = {}
        for row in ws.iter_rows(min_row=5, max_row=4 + len(self.want),
                                values_only=True):
            got[row[0]] = [str(v) for v in row[2:8]]
        self.assertEqual(header[:3], ["รหัส", "สำนักงานเขต", "แถวของแผน"])
        self.assertEqual(got, {code: [w[k] for k in keys]
                               for code, w in self.want.items()})

    def test_measures_changed(self):
        ws = self.progress_sheet()
        header = [c.value for c in ws[4]]
        col = header.index("มาตรการที่ปรับจากค่าเริ่มต้น")
        got = {row[0]: row[col] for row in
               ws.iter_rows(min_row=5, max_row=4 + len(self.want),
                            values_only=True)}
        self.assertEqual(got, self.measures)
        self.assertEqual(sorted(self.measures.values()), [0, 0, 2])
        self.assertIn(f"{sum(self.measures.values())} measures changed from "
                      "the default", self.proc.stderr)

    def test_progress_sheet_lists(self):
        # the offices not back, then the overdue rows last (their header
        # repeats on the pages they continue on)
        ws = self.progress_sheet(details=True)
        cells = [[c.value for c in row] for row in ws.iter_rows()]
        firsts = [r[0] for r in cells]
        overdue_at = firsts.index("แถวที่เลยกำหนดเสร็จ")
        missing_at = firsts.index("สำนักงานเขตที่ยังไม่ส่งแผนคืน")
        overdue = [r for r in cells[overdue_at + 2:] if r[0]]
        self.assertEqual(len(overdue),
                         sum(int(w["overdue"]) for w in self.want.values()))
        self.assertTrue(all(r[4].date() < AS_OF for r in overdue))
        missing = [r for r in cells[missing_at + 1:overdue_at] if r[0]]
        # the sample scores 50 offices; three plans came back
        self.assertEqual(len(missing), 47)
        self.assertFalse({r[0] for r in missing} & set(self.want))

    def test_progress_sheet_has_a_stacked_bar_chart(self):
        with zipfile.ZipFile(os.path.join(self.out,
                                          "ita_2564_city.xlsx")) as z:
            charts = [z.read(n).decode() for n in z.namelist()
                      if n.startswith("xl/charts/chart")]
        bars = [c for c in charts if "<c:barDir val=\"bar\"/>" in c and
                "<c:grouping val=\"stacked\"/>" in c and
                "ความก้าวหน้า" in c]
        self.assertEqual(len(bars), 1)

    def test_progress_chart_series_are_the_status_columns(self):
        """Each bar part is named by, and counts, the column of its status
        (the header above it), and every bar is named by its office."""
        ws = self.progress_sheet()
        header = {c.value: c.column_letter for c in ws[4]}
        with zipfile.ZipFile(os.path.join(self.out,
                                          "ita_2564_city.xlsx")) as z:
            chart = next(c for c in (z.read(n).decode() for n in z.namelist()
                                     if n.startswith("xl/charts/chart"))
                         if "<c:barDir val=\"bar\"/>" in c)
        last = 4 + len(self.want)
        refs = []
        for ser in re.findall(r"<c:ser>(.*?)</c:ser>", chart, re.S):
            f = dict(re.findall(r"<c:(tx|cat|val)>.*?<c:f>[^!]*!(.*?)</c:f>",
                                ser, re.S))
            refs.append((f["tx"], f["cat"], f["val"]))
        name = header["สำนักงานเขต"]
        self.assertEqual(refs, [
            (f"${col}$4", f"${name}$5:${name}${last}",
             f"${col}$5:${col}${last}")
            for col in (header[DONE], header[IN_PROGRESS],
                        header[NOT_STARTED])])

    def test_same_as_of_same_bytes(self):
        again = os.path.join(self.tmp, "again")
        proc = run(INPUTS, os.path.join(self.tmp, "returned"), "-o", again,
                   "--as-of", "2022-06-30", "--no-office-books",
                   "--no-city-book")
        self.assertEqual(proc.returncode, 0, proc.stderr)
        with open(os.path.join(again, "plan_progress_2564.csv"), "rb") as a, \
                open(os.path.join(self.out, "plan_progress_2564.csv"),
                     "rb") as b:
            self.assertEqual(a.read(), b.read())


if __name__ == "__main__":
    unittest.main()
