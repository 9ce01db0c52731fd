"""Thon Buri's (1015) action plan edited in LibreOffice Calc as a district
would (through UNO): a target score typed, the rows of one indicator sorted,
a row moved, three rows deleted, a blank row inserted, a row cut to the end of
the table; then recalculated and saved.  Every formula must still hold:

- no cell of any sheet is an error;
- the plan's "items below Target" is still the office's count, computed
  here from the inputs (ita_reference.py);
- the plan's "ITA if every row meets its target", the Profile's "ITA points
  available" and Path to target's last projected ITA equal the sums made
  here from the rows left in the plan: ITA + sum of the item's reference
  weight x max(0, target score - score) over each row's cells;
- Path to target reads each step's planned score by item code: the moved
  and sorted rows' target scores, the typed one, and for the deleted rows'
  items the current score (they plan nothing now)."""
import fractions
import os
import shutil
import tempfile
import unittest

import openpyxl

import ita_reference as ref
from libreoffice import error_cells
from libreoffice_uno import calc, open_book, save_xlsx
from test_office_books import (PLAN, SHEETS_TH, YEAR, Reference, header_row,
                               path_table, run)

F = fractions.Fraction
OFFICE = "1015"
BOOK = f"ita_{YEAR}_{OFFICE}_thon-buri.xlsx"
TYPED_GOAL = 99.5
BELOW_LABEL = "ข้อที่ต่ำกว่าค่าเป้าหมาย"
ALL_MET_LABEL = "ITA หากทุกข้อถึงเป้าหมาย"
AVAILABLE_LABEL = "คะแนน ITA ที่เพิ่มได้ทั้งหมด"


def plan_rows(sheet, items):
    """{item: 0-based row} of the plan's item rows, read through UNO, and
    the 0-based header row."""
    header = None
    rows = {}
    used = sheet.createCursor()
    used.gotoEndOfUsedArea(False)
    for r in range(used.getRangeAddress().EndRow + 1):
        text = sheet.getCellByPosition(0, r).getString()
        if header is None and text == PLAN["item"]:
            header = r
        elif header is not None and text in items:
            rows[text] = r
    return rows, header


def column_of(sheet, header, heading):
    for c in range(64):
        # printed Thai headers are broken into lines ("กำหนด\nเสร็จ")
        text = sheet.getCellByPosition(c, header).getString()
        if text.replace("\n", "") == heading:
            return c
    raise AssertionError(f"no column headed {heading!r}")


def address(sheet, first_row, last_row, last_col=1023):
    a = sheet.getCellRangeByPosition(0, first_row, last_col,
                                     last_row).getRangeAddress()
    return a


def labelled(ws, label):
    """The first value right of the cell holding label."""
    for row in ws.iter_rows(values_only=True):
        if row and label in row:
            return next(v for v in row[row.index(label) + 1:]
                        if v is not None)
    raise AssertionError(f"no {label!r} in {ws.title}")


class RowEdits(unittest.TestCase):
    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        out = os.path.join(cls.tmp, "out")
        proc = run("inputs/", "--no-city-book", "--office", OFFICE, out=out)
        assert proc.returncode == 0, proc.stderr
        cls.ref = Reference(os.path.join(ref.REPO, "inputs"))
        cls.edited = os.path.join(cls.tmp, "edited.xlsx")
        cls.edits = cls.edit(os.path.join(out, "offices", BOOK), cls.edited)
        cls.wb = openpyxl.load_workbook(cls.edited, data_only=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    @classmethod
    def edit(cls, src, dst):
        """Edits the plan of src in LibreOffice, saves it as dst; returns
        what was done: {"typed": item, "deleted": [items], "moved": item,
        "to_end": item, "sorted": [items]}."""
        from com.sun.star.table import CellAddress, TableSortField
        from com.sun.star.sheet.CellDeleteMode import ROWS as DELETE_ROWS
        from libreoffice_uno import props
        items = set(cls.ref.model.items)
        done = {}
        with calc(os.path.join(cls.tmp, "profile")) as desktop:
            doc = open_book(desktop, src)
            sheet = doc.Sheets.getByName(SHEETS_TH[3])
            rows, header = plan_rows(sheet, items)
            score_col = column_of(sheet, header, PLAN["score"])
            goal_col = column_of(sheet, header, PLAN["goal"])
            by_row = sorted(rows, key=rows.get)
            # sort the longest run of adjacent item rows (one indicator's
            # rows: no group row inside), lowest score last
            runs, start = [], 0
            for k in range(1, len(by_row) + 1):
                if k == len(by_row) or rows[by_row[k]] != rows[by_row[k - 1]] + 1:
                    runs.append(by_row[start:k])
                    start = k
            block = max(runs, key=len)
            assert len(block) >= 3, runs
            field = TableSortField()
            field.Field = score_col
            field.IsAscending = False
            sheet.getCellRangeByPosition(
                0, rows[block[0]], 1023, rows[block[-1]]).sort(
                    props(SortFields=(field,), ContainsHeader=False))
            done["sorted"] = block
            # a target score typed into the first row
            typed = by_row[0]
            sheet.getCellByPosition(goal_col, rows[typed]).setValue(TYPED_GOAL)
            done["typed"] = typed
            others = [i for i in by_row if i not in block and i != typed]
            # three rows deleted: a hidden column of the office's scores in
            # the plan's rows (as before) would lose some below Target
            moved, deleted, to_end = others[0], others[1:4], others[-1]
            # move: a blank row above the last item row, the row moved
            # into it, its old place removed
            rows, _ = plan_rows(sheet, items)
            dest = max(rows.values())
            sheet.Rows.insertByIndex(dest, 1)
            rows, _ = plan_rows(sheet, items)
            sheet.moveRange(CellAddress(sheet.RangeAddress.Sheet, 0, dest),
                            address(sheet, rows[moved], rows[moved]))
            sheet.removeRange(address(sheet, rows[moved], rows[moved]),
                              DELETE_ROWS)
            done["moved"] = moved
            for item in deleted:
                rows, _ = plan_rows(sheet, items)
                sheet.Rows.removeByIndex(rows[item], 1)
            done["deleted"] = deleted
            # a blank row inserted in the middle of the table
            rows, _ = plan_rows(sheet, items)
            middle = sorted(rows.values())[len(rows) // 2]
            sheet.Rows.insertByIndex(middle, 1)
            # a row cut and pasted after the table's last row
            rows, _ = plan_rows(sheet, items)
            end = max(rows.values()) + 1
            sheet.Rows.insertByIndex(end, 1)
            rows, _ = plan_rows(sheet, items)
            sheet.moveRange(CellAddress(sheet.RangeAddress.Sheet, 0, end),
                            address(sheet, rows[to_end], rows[to_end]))
            sheet.removeRange(address(sheet, rows[to_end], rows[to_end]),
                              DELETE_ROWS)
            done["to_end"] = to_end
            save_xlsx(doc, dst)
        return done

    def remaining(self):
        """The plan's item rows after the edits: [(item, score, goal)] in
        sheet order."""
        ws = self.wb[SHEETS_TH[3]]
        r0, cols = header_row(ws, PLAN["item"])
        out = []
        for row in ws.iter_rows(min_row=r0 + 1, values_only=True):
            if row[0] in self.ref.model.items:
                out.append((row[0], row[cols[PLAN["score"]]],
                            row[cols[PLAN["goal"]]]))
        return out

    def all_met(self):
        """ITA + the gains of the rows left, from their cells."""
        ita = self.ref.scores[OFFICE]["ITA"]
        return float(ita + sum(
            self.ref.model.item_weight(item) *
            max(F(0), F(str(goal)) - F(str(score)))
            for item, score, goal in self.remaining()))

    def test_the_edits_were_made(self):
        """The rows left are the plan's rows but the deleted one, each
        once; the cut row is the last; the typed goal is there."""
        items = [r[0] for r in self.remaining()]
        # the items below the target and those the measures library puts
        # in every plan (O42, O43)
        every_plan = {r["item"] for r in ref.read_csv(os.path.join(
            ref.REPO, "inputs", "reference", "measures.csv"))
            if r["in_every_plan"].strip().lower() == "yes"}
        written = set(self.ref.below(OFFICE)) | every_plan
        self.assertEqual(sorted(items),
                         sorted(i for i in written
                                if i not in self.edits["deleted"]))
        self.assertEqual(items[-1], self.edits["to_end"])
        goals = {r[0]: r[2] for r in self.remaining()}
        self.assertEqual(goals[self.edits["typed"]], TYPED_GOAL)
        block = [i for i in items if i in self.edits["sorted"]]
        scores = {r[0]: r[1] for r in self.remaining()}
        self.assertEqual(block, sorted(block, key=lambda i: -scores[i]))

    def test_no_error_cell(self):
        self.assertEqual(error_cells(self.edited), [])

    def test_items_below_target_is_the_offices_count(self):
        self.assertEqual(labelled(self.wb[SHEETS_TH[3]], BELOW_LABEL),
                         len(self.ref.below(OFFICE)))

    def test_plan_total_is_the_rows_sum(self):
        self.assertAlmostEqual(labelled(self.wb[SHEETS_TH[3]], ALL_MET_LABEL),
                               self.all_met(), places=6)

    def test_profile_points_available_follow_the_rows(self):
        ita = float(self.ref.scores[OFFICE]["ITA"])
        self.assertAlmostEqual(labelled(self.wb[SHEETS_TH[0]],
                                        AVAILABLE_LABEL),
                               self.all_met() - ita, places=6)

    def test_path_reads_the_plan_by_item(self):
        steps, _ = path_table(self.wb[SHEETS_TH[5]])
        goals = {r[0]: r[2] for r in self.remaining()}
        for step in steps[1:]:
            want = goals.get(step["item"], step["score"])
            self.assertAlmostEqual(step["planned"], want, places=9,
                                   msg=step["item"])
        self.assertAlmostEqual(steps[-1]["projected"], self.all_met(),
                               places=6)


if __name__ == "__main__":
    unittest.main()
