"""Property test of the plan cycle's round trip (issue 18): the sample's
office workbooks are written, edited at random the way districts edit them
(openpyxl on the file, one workbook a round re-saved by LibreOffice), and
the output folder rerun into itself with the same target, another target
and --lang en.  After every rerun, for every cell the test typed, the new
workbook holds the typed value (or its documented normalisation, below) or
data_quality_<year>.csv lists it; every XML part of every workbook is
well-formed.

Documented normalisations (README, "The plan cycle"): a status understood
(the dropdown's words and their synonyms, any language, any case, SARA AM
composed or not) is written as the dropdown's word in the new workbook's
language; a due date understood (a date cell or text in one of the forms
below) is a date cell of that day; a target score "90%" or "90.0" is the
number 90; an item code in another case is the item's code.

The size: ITABENCH_ROUNDTRIP_EDITS edits (default 300) over
ITABENCH_ROUNDTRIP_OFFICES workbooks (default 6), seed
ITABENCH_ROUNDTRIP_SEED (default 18); `make fuzz` runs it longer."""
import csv
import datetime
import glob
import os
import random
import shutil
import subprocess
import tempfile
import unittest
import xml.dom.minidom
import zipfile

import openpyxl

import ita_reference as ref
from libreoffice import ERRORS, recalculate

INPUTS = os.path.join(ref.REPO, "inputs")
N_EDITS = int(os.environ.get("ITABENCH_ROUNDTRIP_EDITS", "300"))
N_OFFICES = int(os.environ.get("ITABENCH_ROUNDTRIP_OFFICES", "6"))
SEED = int(os.environ.get("ITABENCH_ROUNDTRIP_SEED", "18"))
YEAR = 2564

PLAN = {"th": "แผนปฏิบัติการ", "en": "Action plan"}
# header of each column the test edits, Thai and English
HEAD = {
    "item": ("ข้อ", "Item"),
    "goal": ("เป้าหมาย", "Target score"),
    "measure": ("มาตรการ/แนวทางปฏิบัติ", "Measures"),
    "budget": ("งบประมาณ", "Budget"),
    "due": ("กำหนดเสร็จ", "Due date"),
    "status": ("สถานะ", "Status"),
    "owner": ("ผู้ดำเนินการ", "Owner"),
}
# the dropdown, by language, and the synonyms the README lists
STATUS_WORDS = {
    "th": {"not_started": "ยังไม่เริ่ม", "in_progress": "กำลังดำเนินการ",
           "done": "ดำเนินการแล้ว"},
    "en": {"not_started": "not started", "in_progress": "in progress",
           "done": "done"},
}
SYNONYMS = {
    "done": ["เสร็จแล้ว", "เสร็จสิ้น", "ดำเนินการเสร็จแล้ว", "Done", "DONE",
             "completed", "finished", " ดำเนินการแล้ว "],
    "in_progress": ["อยู่ระหว่างดำเนินการ", "กำลังทำ", "In Progress",
                    "ongoing", "กำลังดำเนินการ"],
    "not_started": ["ยังไม่ได้ดำเนินการ", "ยังไม่ดำเนินการ", "Not started",
                    "not yet started"],
}
FREE_STATUS = ["รอผู้บริหารอนุมัติ", "?", "50%", "ส่งแล้วรอตอบ",
               "blocked by audit"]
THAI_MONTHS_SHORT = ["ม.ค.", "ก.พ.", "มี.ค.", "เม.ย.", "พ.ค.", "มิ.ย.",
                     "ก.ค.", "ส.ค.", "ก.ย.", "ต.ค.", "พ.ย.", "ธ.ค."]
THAI_MONTHS_LONG = ["มกราคม", "กุมภาพันธ์", "มีนาคม", "เมษายน", "พฤษภาคม",
                    "มิถุนายน", "กรกฎาคม", "สิงหาคม", "กันยายน", "ตุลาคม",
                    "พฤศจิกายน", "ธันวาคม"]
THAI_DIGITS = str.maketrans("0123456789", "๐๑๒๓๔๕๖๗๘๙")
DUP_TAG = "แถวที่สอง-"
# target scores kept as typed: not a number, or outside 0-100
BAD_GOALS = ["ประมาณ 90", "เต็ม", 150, -5]
BAD_DATES = ["ภายในไตรมาส 3", "ASAP", "31/02/2565", "ก.ย."]


def run(*args):
    return subprocess.run([ref.ITABENCH, *args], capture_output=True,
                          text=True, cwd=ref.REPO, timeout=600)


def random_text(rnd):
    """Text of 0 to 5000 characters: Thai with its combining marks and SARA
    AM in both forms, Latin, emoji, spaces, tabs and line breaks (the
    control characters a cell can hold)."""
    size = rnd.choice([0, 1, 3, 12, 40, 300, 1023, 1024, 1025, 2000, 5000])
    pieces = ["ก", "ข", "ค", "น", "ม", "ั", "ิ", "ี", "ึ", "ื", "ุ", "ู", "่",
              "้", "๊", "๋", "็", "์", "ำ", "\u0e4d\u0e32", "เ", "แ", "a", "Z",
              "7", " ", "\n", "\t", "😀", "🇹🇭", "é", "&", "<", "\"", "'"]
    out = []
    while sum(len(p) for p in out) < size:
        out.append(rnd.choice(pieces))
    return "".join(out)[:size]


def date_forms(rnd, d):
    """(typed value, day it means) for a day d, in a random form."""
    be = d.year + 543
    forms = [
        datetime.datetime(d.year, d.month, d.day),
        f"{d.day} {THAI_MONTHS_SHORT[d.month - 1]} {be}",
        f"{d.day} {THAI_MONTHS_LONG[d.month - 1]} {be}",
        f"{d.day}/{d.month}/{be}",
        f"{d.day:02d}/{d.month:02d}/{be % 100:02d}",
        f"{d.day}/{d.month}/{d.year}",
        (f"{d.day} {THAI_MONTHS_SHORT[d.month - 1]} {be}")
        .translate(THAI_DIGITS),
        f"{d.year}-{d.month:02d}-{d.day:02d}",
    ]
    return rnd.choice(forms), d


def norm_item(text):
    return text.strip().upper() if isinstance(text, str) else text


def plan_table(ws):
    """(header row, {key: column index}) of a plan sheet."""
    for row in ws.iter_rows():
        # printed Thai headers are broken into lines ("กำหนด\nเสร็จ")
        names = {c.value.replace("\n", ""): c.column for c in row
                 if isinstance(c.value, str)}
        cols = {}
        for key, pair in HEAD.items():
            for h in pair:
                if h in names:
                    cols[key] = names[h]
        if "status" in cols and "item" in cols:
            return row[0].row, cols
    raise AssertionError("no plan header")


def plan_rows(ws, header, cols):
    """Sheet rows of plan rows: an Item cell and a Status cell filled, or
    (a row added by the district) an Owner cell filled."""
    out = []
    for r in range(header + 1, ws.max_row + 1):
        item = ws.cell(r, cols["item"]).value
        status = ws.cell(r, cols["status"]).value
        owner = ws.cell(r, cols["owner"]).value
        if (item and status) or (not item and owner and status is not None):
            out.append(r)
    return out


def sheet_of(wb):
    for lang, name in PLAN.items():
        if name in wb.sheetnames:
            return lang, wb[name]
    raise AssertionError(f"no plan sheet in {wb.sheetnames}")


def book_of(folder, code):
    found = [p for p in glob.glob(os.path.join(folder, "offices",
                                               f"ita_{YEAR}_{code}_*.xlsx"))
             if ".edited-" not in p]
    assert len(found) == 1, found
    return found[0]


class Edits:
    """What the test typed into one workbook, by row key and column.  A row
    key is the item code (upper case) or, for a row the test added without
    an item code, ("added", tag) where tag is its owner text."""

    def __init__(self, code):
        self.code = code
        self.cells = {}       # (key, column) -> (kind, typed, expected)
        self.deleted = set()  # items whose every row the test deleted
        self.added = []       # owner tags of rows added without item code
        self.duplicated = set()
        self.count = 0


def expected_status(kind_or_text, lang):
    if kind_or_text in STATUS_WORDS["th"]:
        return STATUS_WORDS[lang][kind_or_text]
    return kind_or_text


class Editor:
    def __init__(self, rnd):
        self.rnd = rnd

    def edit_book(self, path, edits, n):
        wb = openpyxl.load_workbook(path)
        lang, ws = sheet_of(wb)
        # rows move below: merged group rows are unmerged first, as a
        # district inserting rows in a merged table does
        for rng in list(ws.merged_cells.ranges):
            ws.unmerge_cells(str(rng))
        header, cols = plan_table(ws)
        for _ in range(n):
            rows = plan_rows(ws, header, cols)
            if not rows:
                break
            op = self.rnd.choices(
                ["cell", "insert", "delete", "duplicate", "lower", "sort"],
                [80, 5, 4, 4, 4, 1])[0]
            getattr(self, "op_" + op)(ws, header, cols, rows, edits, lang)
            edits.count += 1
        wb.save(path)

    def key(self, ws, r, cols):
        item = ws.cell(r, cols["item"]).value
        if item:
            return norm_item(item)
        return ("added", ws.cell(r, cols["owner"]).value)

    def op_cell(self, ws, header, cols, rows, edits, lang):
        rnd = self.rnd
        r = rnd.choice(rows)
        key = self.key(ws, r, cols)
        owner = ws.cell(r, cols["owner"]).value
        if isinstance(key, tuple) or (isinstance(owner, str) and
                                      owner.startswith(DUP_TAG)):
            # rows added or duplicated keep their owner tag
            column = rnd.choice(["status", "measure", "budget", "due",
                                 "goal"])
        else:
            column = rnd.choice(["status", "owner", "measure", "budget",
                                 "due", "goal"])
        if column == "status":
            pick = rnd.random()
            if pick < 0.4:
                kind = rnd.choice(list(STATUS_WORDS["th"]))
                typed, exp = STATUS_WORDS[lang][kind], kind
            elif pick < 0.8:
                kind = rnd.choice(list(SYNONYMS))
                typed, exp = rnd.choice(SYNONYMS[kind]), kind
            else:
                typed = rnd.choice(FREE_STATUS)
                exp = typed
        elif column in ("owner", "measure"):
            typed = random_text(rnd)
            exp = typed if typed else None
        elif column == "budget":
            if rnd.random() < 0.5:
                typed = rnd.randrange(0, 10 ** 7)
            else:
                typed = random_text(rnd) or "ไม่ใช้งบประมาณ"
            exp = typed
        elif column == "due":
            if rnd.random() < 0.15:
                typed = rnd.choice(BAD_DATES)
                exp = typed
            else:
                d = datetime.date(2021, 10, 1) + datetime.timedelta(
                    days=rnd.randrange(0, 365))
                typed, exp = date_forms(rnd, d)
        elif rnd.random() < 0.15:   # a goal kept as typed
            typed = rnd.choice(BAD_GOALS)
            exp = typed
        else:   # goal
            value = rnd.choice([90, 95, 100, 88.5, 99.25])
            typed = rnd.choice([value, f"{value}%", f"{float(value):.1f}"])
            exp = float(str(typed).rstrip("%"))
        ws.cell(r, cols[column]).value = typed
        edits.cells[(key, column)] = (column, typed, exp)

    def op_insert(self, ws, header, cols, rows, edits, lang):
        """A row without item code after a plan row, with an owner tag."""
        r = self.rnd.choice(rows) + 1
        ws.insert_rows(r)
        tag = f"เพิ่มเอง-{edits.code}-{len(edits.added)}"
        ws.cell(r, cols["owner"]).value = tag
        ws.cell(r, cols["status"]).value = STATUS_WORDS[lang]["in_progress"]
        ws.cell(r, cols["measure"]).value = "มาตรการที่เขตเพิ่ม " + tag
        edits.added.append(tag)
        edits.cells[(("added", tag), "status")] = ("status", None,
                                                   "in_progress")
        edits.cells[(("added", tag), "measure")] = (
            "measure", None, "มาตรการที่เขตเพิ่ม " + tag)

    def op_duplicate(self, ws, header, cols, rows, edits, lang):
        """A second row for the same item, right under it."""
        candidates = [r for r in rows if ws.cell(r, cols["item"]).value]
        if not candidates:
            return
        r = self.rnd.choice(candidates)
        ws.insert_rows(r + 1)
        for c in range(1, ws.max_column + 1):
            ws.cell(r + 1, c).value = ws.cell(r, c).value
        item = norm_item(ws.cell(r, cols["item"]).value)
        tag = f"{DUP_TAG}{edits.code}-{item}-{edits.count}"
        ws.cell(r + 1, cols["owner"]).value = tag
        edits.duplicated.add(item)
        edits.cells[((item, "dup"), tag)] = ("owner", tag, tag)

    def op_delete(self, ws, header, cols, rows, edits, lang):
        candidates = [r for r in rows if ws.cell(r, cols["item"]).value]
        if len(candidates) < 3:
            return
        r = self.rnd.choice(candidates)
        item = norm_item(ws.cell(r, cols["item"]).value)
        ws.delete_rows(r)
        left = [x for x in plan_rows(ws, header, cols)
                if norm_item(ws.cell(x, cols["item"]).value) == item]
        if not left:
            edits.deleted.add(item)
        # which of an item's rows held an edit is not tracked: the
        # item's expectations go with any of its rows
        for k in [k for k in edits.cells if k[0] == item or
                  (isinstance(k[0], tuple) and k[0][0] == item)]:
            del edits.cells[k]

    def op_lower(self, ws, header, cols, rows, edits, lang):
        candidates = [r for r in rows if ws.cell(r, cols["item"]).value]
        if candidates:
            r = self.rnd.choice(candidates)
            ws.cell(r, cols["item"]).value = \
                ws.cell(r, cols["item"]).value.lower()

    def op_sort(self, ws, header, cols, rows, edits, lang):
        """The plan rows sorted by item code, descending, in the places the
        plan rows take (group rows stay)."""
        values = [[ws.cell(r, c).value for c in range(1, ws.max_column + 1)]
                  for r in rows]
        values.sort(key=lambda v: str(v[cols["item"] - 1] or ""),
                    reverse=True)
        for r, v in zip(rows, values):
            for c, x in enumerate(v, 1):
                ws.cell(r, c).value = x


def same_day(cell, d):
    return isinstance(cell, datetime.datetime) and cell.date() == d


def holds(column, cell, exp, lang):
    """Whether a cell of the new workbook holds what was typed (exp)."""
    if column == "status":
        return cell == expected_status(exp, lang)
    if column == "due":
        if isinstance(exp, datetime.date):
            if isinstance(exp, datetime.datetime):
                exp = exp.date()
            return same_day(cell, exp)
        return cell == exp
    if column == "goal":
        if isinstance(exp, str):
            return cell == exp
        return isinstance(cell, (int, float)) and abs(cell - exp) < 1e-9
    if exp is None:
        return cell is None or cell == ""
    return cell == exp


def not_understood(kind, typed):
    """Whether a typed value is one the README says is kept as typed."""
    if kind == "status":
        return typed in FREE_STATUS
    if kind == "due":
        return typed in BAD_DATES
    if kind == "goal":
        return typed in BAD_GOALS
    return False


def well_formed(path):
    """The names of the XML parts of an .xlsx that do not parse."""
    bad = []
    with zipfile.ZipFile(path) as z:
        for name in z.namelist():
            if name.endswith(".xml") or name.endswith(".rels"):
                try:
                    xml.dom.minidom.parseString(z.read(name))
                except Exception as e:   # noqa: BLE001 - any parse error
                    bad.append(f"{name}: {e}")
    return bad


class RoundTrip(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itabench-roundtrip-")
        cls.out = os.path.join(cls.tmp, "out")
        cls.rnd = random.Random(SEED)
        by_code, _ = ref.districts()
        codes = sorted(by_code)
        cls.codes = cls.rnd.sample(codes, min(N_OFFICES, len(codes)))
        cls.office_arg = ",".join(cls.codes)
        first = run(INPUTS, "-o", cls.out, "--no-city-book", "-q", "-j", "1",
                    "--office", cls.office_arg)
        assert first.returncode == 0, first.stderr
        cls.findings = []

    @classmethod
    def tearDownClass(cls):
        if os.environ.get("ITABENCH_ROUNDTRIP_KEEP"):
            print("kept", cls.tmp)
        else:
            shutil.rmtree(cls.tmp, ignore_errors=True)

    def edit_round(self, n_edits, resave):
        editor = Editor(self.rnd)
        all_edits = {}
        per_book = max(1, n_edits // len(self.codes))
        for i, code in enumerate(self.codes):
            path = book_of(self.out, code)
            edits = Edits(code)
            if well_formed(path):     # reported by check() already
                continue
            editor.edit_book(path, edits, per_book)
            if resave and i == 0:
                lo = recalculate(path, os.path.join(self.tmp, "lo"),
                                 os.path.join(self.tmp, "profile"))
                shutil.move(lo, path)
            all_edits[code] = edits
        return all_edits

    def report_lines(self):
        path = os.path.join(self.out, f"data_quality_{YEAR}.csv")
        if not os.path.exists(path):
            return []
        with open(path, encoding="utf-8") as f:
            return f.read().splitlines()

    def check(self, all_edits, label):
        """Every typed cell is in the new workbook or in the report."""
        report = "\n".join(self.report_lines())
        failures = []
        for code, edits in all_edits.items():
            path = book_of(self.out, code)
            bad = well_formed(path)
            if bad:
                failures.append(f"{code}: XML not well-formed: {bad[:2]}")
                continue
            wb = openpyxl.load_workbook(path)
            lang, ws = sheet_of(wb)
            header, cols = plan_table(ws)
            rows = plan_rows(ws, header, cols)
            by_key = {}
            for r in rows:
                item = ws.cell(r, cols["item"]).value
                key = norm_item(item) if item else \
                    ("added", ws.cell(r, cols["owner"]).value)
                by_key.setdefault(key, []).append(r)
            owners = {ws.cell(r, cols["owner"]).value for r in rows}
            # the workbook's own report of what the rerun did
            changes = set()
            for name in ("การเปลี่ยนแปลง", "Changes"):
                if name in wb.sheetnames:
                    for row in wb[name].iter_rows(values_only=True):
                        changes.update(str(v) for v in row if v is not None)
            if not changes:
                failures.append(f"{code}: no Changes sheet in the workbook "
                                "that carries edits")
            for (key, column), (kind, typed, exp) in edits.cells.items():
                if isinstance(key, tuple) and key[1] == "dup":
                    ok = exp in owners or exp in report
                    if not ok:
                        failures.append(f"{code}: second row of {key[0]} "
                                        f"lost (owner {exp[:40]!r})")
                    continue
                cells = [ws.cell(r, cols[kind]).value
                         for r in by_key.get(key, [])]
                if any(holds(kind, c, exp, lang) for c in cells):
                    # kept as typed, not understood: the Changes sheet
                    # lists it too
                    if not_understood(kind, typed) and \
                            str(typed) not in changes:
                        failures.append(f"{code} {key} {kind}: {typed!r} "
                                        "kept but not in the Changes sheet")
                    continue
                shown = typed if isinstance(typed, str) else str(typed)
                if typed is not None and shown and shown in report:
                    continue
                failures.append(
                    f"{code} {key} {kind}: typed {str(typed)[:60]!r}, "
                    f"new workbook has {[str(c)[:60] for c in cells]}")
            for item in edits.deleted:
                if item in by_key and item not in report:
                    failures.append(f"{code}: deleted row {item} came back "
                                    "without a word")
                if item not in by_key and item not in changes:
                    failures.append(f"{code}: deleted row {item} not in the "
                                    "Changes sheet")
        if failures:
            self.findings.append((label, failures))
        return failures

    def test_round_trip(self):
        summary = [f"seed {SEED} (ITABENCH_ROUNDTRIP_SEED), "
                   f"{N_EDITS} edits"]
        reruns = [("same -t", []), ("-t 80", ["-t", "80"]),
                  ("--lang en", ["--lang", "en", "-t", "80"])]
        per_round = N_EDITS // len(reruns)
        for i, (label, args) in enumerate(reruns):
            edits = self.edit_round(per_round, resave=(i == 0))
            self.last_edits = edits
            proc = run(INPUTS, "-o", self.out, "--no-city-book", "-q", "-j",
                       "1", "--office", self.office_arg, *args)
            self.assertEqual(proc.returncode, 0, proc.stderr[-3000:])
            failures = self.check(edits, label)
            summary.append(f"{label}: {sum(e.count for e in edits.values())}"
                           f" edits, {len(failures)} lost")
            for f in failures[:15]:
                summary.append("  " + f)
        lost = sum(len(f) for _, f in self.findings)
        self.assertEqual(lost, 0, "\n".join(summary))
        self.check_counts()
        self.check_no_error_cells()

    def check_no_error_cells(self):
        """Recalculated by LibreOffice, no formula of the workbooks where a
        target score was last typed as text or outside 0-100 (two at most)
        gives an error."""
        books = [code for code, e in self.last_edits.items()
                 if any(kind == "goal" and typed in BAD_GOALS
                        for kind, typed, _ in e.cells.values())][:2]
        self.assertTrue(books, "no target score typed as text this run")
        for code in books:
            out = recalculate(book_of(self.out, code),
                              os.path.join(self.tmp, "lo_check"),
                              os.path.join(self.tmp, "profile"))
            wb = openpyxl.load_workbook(out, data_only=True)
            errors = [f"{ws.title}!{c.coordinate} {c.value}"
                      for ws in wb.worksheets for row in ws.iter_rows()
                      for c in row if isinstance(c.value, str) and
                      c.value.startswith(ERRORS)]
            self.assertEqual(errors, [], code)

    def check_counts(self):
        """The folder followed in place: plan_progress counts each edited
        workbook's rows as the test counts them from its cells."""
        out2 = os.path.join(self.tmp, "progress")
        proc = run(INPUTS, os.path.join(self.out, "offices"), "-o", out2,
                   "--no-city-book", "--no-office-books", "-q", "--as-of",
                   "2565-06-30")
        self.assertEqual(proc.returncode, 0, proc.stderr[-3000:])
        with open(os.path.join(out2, f"plan_progress_{YEAR}.csv"),
                  encoding="utf-8", newline="") as f:
            got = {r["office_code"]: r for r in csv.DictReader(f)}
        kinds = {}
        for lang in STATUS_WORDS:
            for kind, word in STATUS_WORDS[lang].items():
                kinds[word] = kind
        for kind, words in SYNONYMS.items():
            for word in words:
                kinds[word] = kind
        for code in self.codes:
            wb = openpyxl.load_workbook(book_of(self.out, code))
            _, ws = sheet_of(wb)
            header, cols = plan_table(ws)
            want = dict(rows=0, done=0, in_progress=0, not_started=0,
                        not_understood=0)
            for r in range(header + 1, ws.max_row + 1):
                status = ws.cell(r, cols["status"]).value
                if status is None:
                    continue
                want["rows"] += 1
                want[kinds.get(status, "not_understood")] += 1
            self.assertIn(code, got)
            for key, value in want.items():
                self.assertEqual(int(got[code][key]), value, (code, key))


if __name__ == "__main__":
    unittest.main()
