"""Hostile edits of the plan's three text columns that a rerun carries
(measures, monitoring, responsible sections): typed by openpyxl and by
LibreOffice into Thai and English office workbooks, then rerun into the
same folder, twice.  Each case checks that the new workbook holds exactly
what was typed, or the library's text when nothing but line breaks
changed; that the edited file is kept as a backup; that stderr and
data_quality say what they should; and that LibreOffice finds no error
cell in the result.

What the district typed is worked out here from measures.csv (the
library's texts), never from what itabench wrote last."""
import csv
import glob
import os
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

import ita_reference as ref
from libreoffice import error_cells, recalculate
import test_returned_plans

INPUTS = os.path.join(ref.REPO, "inputs")
OFFICE = "1015"
SHEET = {"th": "แผนปฏิบัติการ", "en": "Action plan"}
HEAD = {"th": {"item": "ข้อ", "measure": "มาตรการ/แนวทางปฏิบัติ",
               "monitoring": "แนวทางการกำกับติดตาม",
               "units": "ฝ่ายที่รับผิดชอบ", "status": "สถานะ",
               "owner": "ผู้ดำเนินการ"},
        "en": {"item": "Item", "measure": "Measures",
               "monitoring": "Monitoring", "units": "Responsible sections",
               "status": "Status", "owner": "Owner"}}
TEXTS = ("measure", "monitoring", "units")
# Thai with its marks (tone marks, SARA AM, a vowel above and below), long
# enough for many printed lines: 10,000 characters
LONG = ("ผู้อำนวยการเขตกำชับให้ทุกฝ่ายปฏิบัติตามคู่มือ ๑๒ ข้อ "
        "และรายงานผลที่เกิดขึ้นจริงทุกสัปดาห์ ")
LONG = (LONG * (10000 // len(LONG) + 1))[:10000]
# emoji (one with a skin tone, a flag, a ZWJ sequence) and combining marks
EMOJI = ("ตรวจสอบ 👍🏽 ทุกเดือน 🇹🇭 👩‍💻 e\u0301te\u0301 "
         "ก\u0e34\u0e4a\u0e4a ✅")


def run(*args):
    return subprocess.run([ref.ITABENCH, *args], capture_output=True,
                          text=True, cwd=ref.REPO, timeout=300)


def library():
    """{item: row of measures.csv}."""
    with open(os.path.join(INPUTS, "reference", "measures.csv"),
              encoding="utf-8") as f:
        return {r["item"]: r for r in csv.DictReader(f)}


def names(listed):
    return [n.strip() for n in listed.split(";") if n.strip()]


def library_text(entry, what, lang):
    """The library's text of a column as the plan joins it (plans.h:
    the lead on the first line, the supporting units on the second, joined
    by a space in Thai and ", " in English), no wrapping."""
    if what == "units":
        join = " " if lang == "th" else ", "
        lead = join.join(names(entry[f"lead_unit_{lang}"]))
        support = join.join(names(entry[f"support_units_{lang}"]))
        return lead + ("\n" + support if support else "")
    return entry[f"{what}_{lang}"]


def unbroken(text):
    """text without the line breaks the plan sheet puts in (in place of a
    space or between Thai words) and without trailing blanks."""
    return (text or "").replace("\r\n", "\n").rstrip(" \n")


def plan_rows(path, lang):
    """[(row number, {column: value})] of the plan's rows with a status or
    an item, and the header's {column: letter}."""
    ws = openpyxl.load_workbook(path)[SHEET[lang]]
    header, col = table(ws, lang)
    out = []
    for r in range(header + 1, ws.max_row + 1):
        cells = {k: ws[f"{col[k]}{r}"].value for k in col}
        if cells["status"] is not None or any(
                cells[k] is not None for k in TEXTS):
            out.append((r, cells))
    return out


def table(ws, lang):
    """The header row and {column: letter} of the plan sheet."""
    for row in ws.iter_rows():
        got = {c.value.replace("\n", ""): c.column_letter for c in row
               if isinstance(c.value, str)}
        if HEAD[lang]["status"] in got and HEAD[lang]["item"] in got:
            want = {k: h.replace(" ", "") if lang == "th" else h
                    for k, h in HEAD[lang].items()}
            return row[0].row, {k: got[v] for k, v in want.items()
                                if v in got}
    raise AssertionError("no plan header")


def by_item(rows):
    return {cells["item"]: cells for _, cells in rows if cells["item"]}


def edit(path, lang, typed, added=None, header=None):
    """Types typed ({item: {column: value}}) into the plan of path with
    openpyxl; added ({column: value}) into the empty row right after the
    last plan row (a row the district added, no item code); header
    ({column: new header text or None}) over the header cells."""
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET[lang]]
    head, col = table(ws, lang)
    last = head
    for r in range(head + 1, ws.max_row + 1):
        item = ws[f"{col['item']}{r}"].value
        if ws[f"{col['status']}{r}"].value:
            last = r
        for name, value in typed.get(item, {}).items():
            ws[f"{col[name]}{r}"].value = value
    for name, value in (added or {}).items():
        assert ws[f"{col[name]}{last + 1}"].value is None
        ws[f"{col[name]}{last + 1}"].value = value
    for name, value in (header or {}).items():
        ws[f"{col[name]}{head}"].value = value
    wb.save(path)


def book(folder):
    found = glob.glob(os.path.join(folder, "offices", f"ita_2564_{OFFICE}_*"
                                   ".xlsx"))
    found = [f for f in found if ".edited-" not in f]
    assert len(found) == 1, found
    return found[0]


def backups(folder):
    return sorted(glob.glob(os.path.join(folder, "offices",
                                         f"ita_2564_{OFFICE}_*.edited-*")))


def read_bytes(path):
    with open(path, "rb") as f:
        return f.read()


def data_quality(folder):
    with open(os.path.join(folder, "data_quality_2564.csv"),
              encoding="utf-8") as f:
        return f.read()


class CarryTexts(unittest.TestCase):
    """openpyxl edits of a Thai and an English workbook."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp(prefix="itabench-carry-")
        cls.lib = library()
        cls.th = cls.phase("th", cls.thai_edits)
        cls.en = cls.phase("en", cls.english_edits)
        cls.old = cls.phase("th", cls.old_layout_edits, "old")
        cls.recalculated = [
            recalculate(s["path"], os.path.join(cls.tmp, "lo-" + name),
                        os.path.join(cls.tmp, "profile"))
            for name, s in (("th", cls.th), ("en", cls.en))]

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def phase(cls, lang, edits, name=None):
        """Writes the office's workbook, lets edits type into it, reruns
        twice and keeps what each step wrote."""
        out = os.path.join(cls.tmp, name or lang)
        args = [INPUTS, "-o", out, "--no-city-book", "--office", OFFICE,
                "-j", "1"] + (["--lang", "en"] if lang == "en" else [])
        first = run(*args)
        assert first.returncode == 0, first.stderr
        path = book(out)
        s = {"first": plan_rows(path, lang), "path": path, "out": out}
        s["typed"], s["added"], s["header"] = edits(
            lang, by_item(s["first"]))
        edit(path, lang, s["typed"], s["added"], s["header"])
        if name == "old":
            as_written_before(path)
        s["edited"] = read_bytes(path)
        s["rerun"] = run(*args)
        s["dq"] = data_quality(out)
        s["rows"] = plan_rows(path, lang)
        s["bytes1"] = read_bytes(path)
        s["rerun2"] = run(*args)
        s["rows2"] = plan_rows(path, lang)
        s["bytes2"] = read_bytes(path)
        s["rerun3"] = run(*args)
        s["bytes3"] = read_bytes(path)
        s["backups"] = backups(out)
        return s

    @classmethod
    def thai_edits(cls, lang, first):
        items = [i for i in first if i in cls.lib]
        lib = cls.lib
        typed = {}
        cls.case = {}

        def take(name, ok=lambda i: True):
            item = next(i for i in items if i not in typed and ok(i))
            typed[item] = {}
            cls.case[name] = item
            return item

        item = take("cleared")
        typed[item] = {k: None for k in TEXTS}
        item = take("number")
        typed[item] = {"units": 42, "monitoring": 3.5}
        item = take("formula")
        typed[item] = {"units": '="ฝ่าย"&"คลัง"', "monitoring": "=A1"}
        item = take("long")
        typed[item] = {"measure": LONG}
        item = take("spaces")
        written = first[item]
        typed[item] = {
            # \r\n for each break, a space added at the end, breaks
            # removed between Thai words (the library has none there)
            "measure": written["measure"].replace("\n", "\r\n"),
            "monitoring": written["monitoring"] + " ",
            "units": written["units"] + "\n"}
        item = take("joined")
        # the break between the lead and the supporting units removed:
        # two names run together, a text of the district's
        typed[item] = {"units": written_joined(first[item]["units"])}
        item = take("english")
        typed[item] = {k: library_text(lib[item], k, "en") for k in TEXTS}
        # the lead swapped with a supporting unit the library names as an
        # alternative to it: the schedule might have written it so, but
        # did not
        def swappable(i):
            lead, *rest = first[i]["units"].split()
            return rest and rest[0] in names(lib[i]["lead_alternatives_th"])
        item = take("swapped", swappable)
        lead, *rest = first[item]["units"].split()
        typed[item] = {"units": rest[0] + "\n" + " ".join([lead] + rest[1:])}
        item = take("semicolons")
        typed[item] = {"units": "; ".join(first[item]["units"].split())}
        item = take("emoji")
        typed[item] = {"measure": EMOJI, "monitoring": EMOJI,
                       "units": EMOJI}
        added = {"monitoring": "ติดตามผลทุกสัปดาห์ (แถวที่เขตเพิ่ม)"}
        return typed, added, None

    @classmethod
    def english_edits(cls, lang, first):
        items = [i for i in first if i in cls.lib]
        typed = {items[0]: {k: None for k in TEXTS},
                 items[1]: {k: library_text(cls.lib[items[1]], k, "th")
                            for k in TEXTS},
                 items[2]: {"measure": EMOJI},
                 items[3]: {"monitoring": "Reviewed weekly by the director",
                            "units": "Finance Section\nEveryone"}}
        cls.en_items = items[:4]
        # the district renamed one header and deleted the other
        return typed, None, {"monitoring": "Follow-up", "units": None}

    @classmethod
    def old_layout_edits(cls, lang, first):
        """An owner typed (as_written_before makes the layout the one
        plans had before the sign-off moved out of the units column)."""
        item = next(iter(first))
        cls.old_item = item
        return {item: {"owner": "นาย ก"}}, None, None

    # ---- helpers -----------------------------------------------------

    def new(self, s, item, rows="rows"):
        return by_item(s[rows])[item]

    def assert_typed(self, s, item, rows="rows"):
        """Every text typed into item's row is in the new workbook as
        typed (a number as the text it shows)."""
        got = self.new(s, item, rows)
        for k, value in s["typed"][item].items():
            want = None if value in (None, "") else (
                value if isinstance(value, str) else
                f"{value:g}")
            have = got[k]
            if isinstance(have, (int, float)):
                have = f"{have:g}"
            self.assertEqual(have, want, (item, k))

    # ---- the runs ----------------------------------------------------

    def test_reruns_succeed_and_keep_a_backup(self):
        for s in (self.th, self.en):
            for proc in (s["rerun"], s["rerun2"], s["rerun3"]):
                self.assertEqual(proc.returncode, 0, proc.stderr)
            # one backup, holding the edited file; the carried workbook is
            # no edit of the district's, so no second backup
            self.assertEqual(len(s["backups"]), 1, s["backups"])
            self.assertEqual(read_bytes(s["backups"][0]), s["edited"])

    def test_second_rerun_writes_the_same_bytes(self):
        for s in (self.th, self.en):
            self.assertEqual(s["bytes2"], s["bytes1"])
            self.assertEqual(s["bytes3"], s["bytes1"])

    def test_no_error_cell_after_recalculation(self):
        for path in self.recalculated:
            self.assertEqual(error_cells(path), [], path)

    def test_stderr_names_the_edited_workbook(self):
        for s in (self.th, self.en):
            self.assertIn(os.path.basename(s["path"]), s["rerun"].stderr)
            self.assertNotIn("error", s["rerun"].stderr.lower())

    # ---- Thai --------------------------------------------------------

    def test_cleared_cells_stay_empty(self):
        item = self.case["cleared"]
        for rows in ("rows", "rows2"):
            for k in TEXTS:
                self.assertIsNone(self.new(self.th, item, rows)[k], k)

    def test_number_kept(self):
        self.assert_typed(self.th, self.case["number"])
        self.assert_typed(self.th, self.case["number"], "rows2")

    def test_formula_never_calculated_kept_as_typed(self):
        """Formulas openpyxl typed (no value stored, so none to carry): kept
        as their text, not lost, on every rerun."""
        self.assert_typed(self.th, self.case["formula"])
        self.assert_typed(self.th, self.case["formula"], "rows2")

    def test_long_text_kept_whole(self):
        item = self.case["long"]
        self.assert_typed(self.th, item)
        self.assertEqual(len(self.new(self.th, item)["measure"]), 10000)

    def test_only_breaks_changed_is_the_default(self):
        """Breaks as \\r\\n, a space or a break added at the end: no edit,
        the library's text written again, as first written."""
        item = self.case["spaces"]
        first = by_item(self.th["first"])[item]
        for k in TEXTS:
            # what was typed differs from what was written only so
            self.assertEqual(unbroken(self.th["typed"][item][k]),
                             unbroken(first[k]), k)
            self.assertEqual(self.new(self.th, item)[k], first[k], k)

    def test_names_run_together_kept(self):
        self.assert_typed(self.th, self.case["joined"])
        self.assert_typed(self.th, self.case["joined"], "rows2")

    def test_other_language_default_kept(self):
        self.assert_typed(self.th, self.case["english"])
        self.assert_typed(self.th, self.case["english"], "rows2")

    def test_lead_swapped_kept(self):
        self.assert_typed(self.th, self.case["swapped"])
        self.assert_typed(self.th, self.case["swapped"], "rows2")

    def test_semicolons_kept(self):
        self.assert_typed(self.th, self.case["semicolons"])

    def test_emoji_and_marks_kept(self):
        self.assert_typed(self.th, self.case["emoji"])
        self.assert_typed(self.th, self.case["emoji"], "rows2")

    def test_added_row_with_monitoring_only_kept(self):
        """A row the district added without an item code, holding only a
        monitoring text: carried after the row above it (README), once,
        on every rerun."""
        text = self.th["added"]["monitoring"]
        for rows in ("rows", "rows2"):
            found = [(r, c) for r, c in self.th[rows]
                     if c["monitoring"] == text]
            self.assertEqual(len(found), 1, rows)
            self.assertIsNone(found[0][1]["item"])
        # stderr and data_quality count it
        self.assertIn("1 of them added", self.th["rerun"].stderr)
        self.assertIn("1 of them added", self.th["dq"])

    def test_untouched_rows_as_first_written(self):
        """Rows not typed into: their texts as the first workbook wrote
        them (none doubled, none taken for an edit)."""
        first = by_item(self.th["first"])
        for item, cells in by_item(self.th["rows2"]).items():
            if item in self.th["typed"] or item not in first:
                continue
            for k in ("measure", "monitoring"):
                self.assertEqual(cells[k], first[item][k], (item, k))
        self.assertEqual(sorted(by_item(self.th["rows2"])), sorted(first))

    # ---- a plan written before -------------------------------------

    def test_old_sign_off_is_no_added_row(self):
        """A plan of the layout before, its sign-off block in the units
        column: the sign-off's lines are not carried as rows the district
        added; the owner typed is."""
        first = [c["item"] for _, c in self.old["first"]]
        for rows in ("rows", "rows2"):
            got = [c["item"] for _, c in self.old[rows]]
            self.assertEqual(got, first, rows)
        self.assertEqual(by_item(self.old["rows"])[self.old_item]["owner"],
                         "นาย ก")
        self.assertIn("0 of them added", self.old["rerun"].stderr)

    # ---- English ---------------------------------------------------

    def test_renamed_headers_columns_carried(self):
        """Monitoring's header renamed, Responsible sections' deleted: the
        columns stand where itabench wrote them, are read as theirs, and
        the rerun says so."""
        item = self.en_items[3]
        self.assert_typed(self.en, item)
        self.assert_typed(self.en, item, "rows2")
        self.assertIn("Follow-up", self.en["rerun"].stderr)
        self.assertIn("Follow-up", self.en["dq"])

    # ------------------------------------------------

    def test_english_cleared_and_thai_typed_kept(self):
        cleared, thai, emoji, _ = self.en_items
        for rows in ("rows", "rows2"):
            for k in TEXTS:
                self.assertIsNone(self.new(self.en, cleared, rows)[k], k)
            self.assert_typed(self.en, thai, rows)
            self.assert_typed(self.en, emoji, rows)


def as_written_before(path):
    """Makes the plan of path as plans were written before the sign-off
    moved out of the columns read: its third block (approved by) starting
    in the units column, and a marker that does not say which rows have
    an alternative lead."""
    wb = openpyxl.load_workbook(path)
    ws = wb[SHEET["th"]]
    head, col = table(ws, "th")
    units = openpyxl.utils.column_index_from_string(col["units"])
    moved = 0
    # the second block ended before the units column
    for rng in list(ws.merged_cells.ranges):
        if rng.min_row > head and rng.min_col < units == rng.max_col:
            ws.unmerge_cells(str(rng))
            ws.merge_cells(start_row=rng.min_row, start_column=rng.min_col,
                           end_row=rng.max_row, end_column=units - 1)
    for rng in list(ws.merged_cells.ranges):
        text = ws.cell(rng.min_row, rng.min_col).value
        if (rng.min_row > head and isinstance(text, str) and
                (text == "ผู้อนุมัติ" or (rng.min_col == units + 1 and
                                           "....." in text))):
            ws.unmerge_cells(str(rng))
            ws.cell(rng.min_row, rng.min_col).value = None
            ws.cell(rng.min_row, units).value = text
            ws.merge_cells(start_row=rng.min_row, start_column=units,
                           end_row=rng.max_row, end_column=rng.max_col)
            moved += 1
    assert moved == 5, moved
    for row in ws.iter_rows():
        for c in row:
            if isinstance(c.value, str) and c.value.startswith(
                    "itabench-plan"):
                c.value = c.value[:c.value.index(" leads=")]
    wb.save(path)


def written_joined(units):
    """The units text with the break after the lead removed."""
    lead, _, rest = units.partition("\n")
    return lead + rest


def uno_table(sheet, lang):
    """{item: 0-based row} of the plan rows, the 0-based header row and
    {column: 0-based column}, read through UNO."""
    used = sheet.createCursor()
    used.gotoEndOfUsedArea(False)
    last = used.getRangeAddress().EndRow
    for r in range(last + 1):
        heads = {sheet.getCellByPosition(c, r).getString().replace("\n", ""):
                 c for c in range(24)}
        if HEAD[lang]["status"] in heads and HEAD[lang]["item"] in heads:
            col = {k: heads[h] for k, h in HEAD[lang].items()}
            rows = {}
            for q in range(r + 1, last + 1):
                item = sheet.getCellByPosition(col["item"], q).getString()
                if sheet.getCellByPosition(col["status"], q).getString():
                    rows[item] = q
            return rows, r, col
    raise AssertionError("no plan header")


class CarryLibreOffice(unittest.TestCase):
    """The same kinds of edits typed in LibreOffice (UNO) into a Thai and
    an English workbook, saved as .xlsx, rerun twice; the result
    recalculated by LibreOffice holds no error cell."""

    @classmethod
    def setUpClass(cls):
        from libreoffice_uno import calc, open_book, save_xlsx
        cls.tmp = tempfile.mkdtemp(prefix="itabench-carry-lo-")
        cls.lib = library()
        cls.s = {}
        with calc(os.path.join(cls.tmp, "profile")) as desktop:
            for name in ("th", "en", "deleted"):
                lang = "en" if name == "en" else "th"
                out = os.path.join(cls.tmp, name)
                args = [INPUTS, "-o", out, "--no-city-book", "--office",
                        OFFICE, "-j", "1"] + (
                            ["--lang", "en"] if lang == "en" else [])
                assert run(*args).returncode == 0
                path = book(out)
                s = {"args": args, "path": path, "out": out, "lang": lang,
                     "first": plan_rows(path, lang)}
                doc = open_book(desktop, path)
                sheet = doc.Sheets.getByName(SHEET[lang])
                s["typed"] = (cls.delete_monitoring(sheet, s)
                              if name == "deleted"
                              else cls.type_into(sheet, lang, s))
                save_xlsx(doc, path)
                s["edited"] = read_bytes(path)
                cls.s[name] = s
        for s in cls.s.values():
            s["rerun"] = run(*s["args"])
            s["dq"] = data_quality(s["out"])
            s["bytes1"] = read_bytes(s["path"])
            s["rerun2"] = run(*s["args"])
            s["bytes2"] = read_bytes(s["path"])
            s["backups"] = backups(s["out"])
        # the carried workbooks as LibreOffice recalculates them
        cls.recalculated = {
            name: recalculate(s["path"], os.path.join(cls.tmp, "lo-" + name),
                              os.path.join(cls.tmp, "profile-re"))
            for name, s in cls.s.items()}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp, ignore_errors=True)

    @classmethod
    def type_into(cls, sheet, lang, s):
        """Types the cases; returns {case: (item or None, {column: what
        the new workbook must hold})}."""
        rows, header, col = uno_table(sheet, lang)
        items = [i for i in rows if i in cls.lib]
        first = by_item(s["first"])
        typed = {}

        def cell(item, name):
            return sheet.getCellByPosition(col[name], rows[item])

        # cleared: the three texts deleted
        item = items[0]
        for k in TEXTS:
            cell(item, k).setString("")
        typed["cleared"] = (item, {k: None for k in TEXTS})
        # a number in the units cell, a formula in the others
        item = items[1]
        cell(item, "units").setValue(42)
        cell(item, "monitoring").setFormula('="ฝ่าย"&"คลัง"')
        cell(item, "measure").setFormula("=A1")
        title = sheet.getCellByPosition(0, 0).getString()
        # a formula is carried as the text it shows: its references would
        # point elsewhere in the rewritten sheet
        typed["number_formula"] = (item, {"units": "42",
                                          "monitoring": "ฝ่ายคลัง",
                                          "measure": title})
        # very long Thai, emoji with combining marks
        item = items[2]
        cell(item, "measure").setString(LONG)
        cell(item, "units").setString(EMOJI)
        typed["long_emoji"] = (item, {"measure": LONG, "units": EMOJI})
        # breaks only: \r\n for each break and a space at the end: the
        # library's text, as first written
        item = items[3]
        cell(item, "measure").setString(
            first[item]["measure"].replace("\n", "\r\n"))
        cell(item, "monitoring").setString(first[item]["monitoring"] + " ")
        typed["breaks"] = (item, {k: first[item][k]
                                  for k in ("measure", "monitoring")})
        # the other language's library texts
        item = items[4]
        other = "en" if lang == "th" else "th"
        for k in TEXTS:
            cell(item, k).setString(library_text(cls.lib[item], k, other))
        typed["other_language"] = (item, {
            k: library_text(cls.lib[item], k, other) for k in TEXTS})
        # a row inserted after items[5], only its units typed
        item = items[5]
        sheet.Rows.insertByIndex(rows[item] + 1, 1)
        added = "ฝ่ายการคลัง; ฝ่ายโยธา (แถวที่เพิ่ม)"
        sheet.getCellByPosition(col["units"], rows[item] + 1).setString(added)
        typed["added"] = (None, {"units": added, "after": item})
        if lang == "en":
            # the monitoring header renamed, a monitoring text typed
            item = items[6]
            sheet.getCellByPosition(col["monitoring"], header).setString(
                "Follow-up")
            cell_row = rows[item] + (rows[item] > rows[items[5]])
            sheet.getCellByPosition(col["monitoring"], cell_row).setString(
                "Checked weekly")
            typed["renamed"] = (item, {"monitoring": "Checked weekly"})
        return typed

    @classmethod
    def delete_monitoring(cls, sheet, s):
        """The whole Monitoring column deleted, a units text and an owner
        typed."""
        rows, _, col = uno_table(sheet, "th")
        item = next(i for i in rows if i in cls.lib)
        sheet.getCellByPosition(col["units"], rows[item]).setString(
            "ฝ่ายการคลัง")
        sheet.getCellByPosition(col["owner"], rows[item]).setString("นาง ข")
        sheet.Columns.removeByIndex(col["monitoring"], 1)
        return {"deleted": (item, {"units": "ฝ่ายการคลัง",
                                   "owner": "นาง ข"})}

    def assert_holds(self, name, rows):
        got = by_item(rows)
        for case, (item, want) in self.s[name]["typed"].items():
            if item is None:
                continue
            for k, value in want.items():
                have = got[item][k]
                if isinstance(have, (int, float)):
                    have = f"{have:g}"
                self.assertEqual(have, value, (name, case, k))

    def test_reruns_succeed_with_one_backup(self):
        for name, s in self.s.items():
            self.assertEqual(s["rerun"].returncode, 0, s["rerun"].stderr)
            self.assertEqual(s["rerun2"].returncode, 0, s["rerun2"].stderr)
            self.assertEqual(len(s["backups"]), 1, (name, s["backups"]))
            self.assertEqual(read_bytes(s["backups"][0]), s["edited"])
            self.assertEqual(s["bytes2"], s["bytes1"], name)

    def test_new_workbook_holds_what_was_typed(self):
        for name, s in self.s.items():
            self.assert_holds(name, plan_rows(s["path"], s["lang"]))

    def test_deleted_column_written_again_and_said(self):
        """The Monitoring column deleted: the rerun says so, writes the
        library's texts there as first written, and carries the rest."""
        s = self.s["deleted"]
        self.assertIn("แนวทางการกำกับติดตาม", s["rerun"].stderr)
        self.assertIn("plan_header", s["dq"])
        first = by_item(s["first"])
        for item, cells in by_item(plan_rows(s["path"], "th")).items():
            self.assertEqual(cells["monitoring"], first[item]["monitoring"],
                             item)

    def test_added_row_follows_its_row(self):
        for lang in ("th", "en"):
            s = self.s[lang]
            _, want = s["typed"]["added"]
            rows = plan_rows(s["path"], s["lang"])
            at = [k for k, (_, c) in enumerate(rows)
                  if c["units"] == want["units"]]
            self.assertEqual(len(at), 1, lang)
            self.assertIsNone(rows[at[0]][1]["item"])
            self.assertEqual(rows[at[0] - 1][1]["item"], want["after"])

    def test_renamed_header_said(self):
        self.assertIn("Follow-up", self.s["en"]["rerun"].stderr)
        self.assertIn("plan_header", self.s["en"]["dq"])

    def test_no_error_cell_after_recalculation(self):
        for name, path in self.recalculated.items():
            self.assertEqual(error_cells(path), [], name)


if __name__ == "__main__":
    unittest.main()
