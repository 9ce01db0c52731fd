"""The per-office workbooks (offices/ita_<year>_<code>_<slug>.xlsx), read back
with openpyxl and checked against values computed here, independently of the
C program, from the input CSVs and the model file (ita_reference.py, exact
rational arithmetic):

- for every office of the sample, the action plan lists exactly the items
  whose rounded score is below 85, in model order, grouped by tool and
  indicator, with the ITA points each would gain at its target score
  (the item's weight from the model times the missing points; disclosure
  items count at 100), and the path to target projects the ITA the same way;
  an office with nothing below 85 keeps up its 3 lowest items and the items
  the measures library puts in every plan (O42, O43), gaining nothing;
- the analysis, under each item's question, states the ITA points it
  gains, the office's rank and how many offices are below 85 (city-wide
  from a third), as computed here;
- one district report typed in through the long form
  (../fixtures/report_office) yields the items and points its own figures
  imply, and its path passes 85 at the second step;
- the options: --office, --lang en, --protect, --single-workbook, and a
  broken --measures file.
"""
import fractions
import os
import re
import shlex
import shutil
import subprocess
import tempfile
import unittest

import openpyxl

import ita_reference as ref

F = fractions.Fraction
YEAR = 2564
FULL_SCORE = 100
WRAP = shlex.split(os.environ.get("ITABENCH_WRAP", ""))
REPORT_OFFICE = os.path.join("tests", "fixtures", "report_office")

# Sheet and column headings the workbook promises (Thai, the default).
# The documents a district publishes (the analysis, the O43 report) come
# last, so that the sheets before them keep their places.
# the signed documents in the order they are signed: the analysis, the
# plan, the report on carrying it out (O43)
SHEETS_TH = ["ภาพรวม", "รายข้อ", "วิเคราะห์ผล", "แผนปฏิบัติการ",
             "รายงานผล O43", "เส้นทางสู่เป้าหมาย", "เทียบกลุ่มเขต"]
SHEETS_EN = ["Profile", "Items", "Analysis", "Action plan", "O43 report",
             "Path to target", "Peers"]
PLAN = {"item": "ข้อ", "score": "คะแนน",
        "analysis": "ข้อคำถามและผลการวิเคราะห์จุดอ่อน",
        "measure": "มาตรการ/แนวทางปฏิบัติ",
        "monitoring": "แนวทางการกำกับติดตาม",
        "units": "ฝ่ายที่รับผิดชอบ", "success": "ตัวชี้วัดความสำเร็จ",
        "gain": "คะแนน ITA ที่เพิ่มได้", "priority": "ความสำคัญ",
        "goal": "เป้าหมาย", "status": "สถานะ", "owner": "ผู้ดำเนินการ",
        "budget": "งบประมาณ", "due": "กำหนดเสร็จ"}
PATH = {"step": "ขั้น", "item": "ข้อ", "score": "คะแนนปัจจุบัน",
        "planned": "คะแนนที่วางแผน", "weight": "คะแนน ITA ต่อ 1 คะแนน",
        "gain": "คะแนน ITA ที่เพิ่ม", "projected": "ITA ที่คาดการณ์",
        "passes": "ถึงค่าเป้าหมาย"}
STEPS_LABEL = "จำนวนข้อที่ต้องยกระดับจนถึงค่าเป้าหมาย"
STATUS_TH = ["ยังไม่เริ่ม", "กำลังดำเนินการ", "ดำเนินการแล้ว"]
THAI = re.compile("[\u0e00-\u0e7f]")
STATUS_EN = ["not started", "in progress", "done"]
# fiscal year 2565: the last day of each quarter (C.E.)
QUARTER_END = {1: "2021-12-31", 2: "2022-03-31", 3: "2022-06-30",
               4: "2022-09-30"}


def run(*args, out):
    return subprocess.run(WRAP + [ref.ITABENCH, *args, "-o", out],
                          capture_output=True, text=True, cwd=ref.REPO)


def slug(name_en):
    return re.sub(r"[^a-z0-9]+", "-", name_en.lower()).strip("-")


def book_name(code, by_code):
    return f"ita_{YEAR}_{code}_{slug(by_code[code]['name_en'])}.xlsx"


def squeezed(text):
    """text without its white space (line breaks included)."""
    return re.sub(r"\s+", "", text)


def unbroken(header):
    """A header as written, without the line breaks of its print."""
    return header.replace("\n", "") if isinstance(header, str) else header


def header_row(ws, first_heading):
    """Index (1-based) of the row whose first cell is first_heading, and a
    heading -> column (0-based) map of that row.  A printed Thai header is
    broken into lines at libthai's words ("ฝ่ายที่\nรับผิดชอบ"): it is
    found by its text without the line breaks."""
    for r, row in enumerate(ws.iter_rows(values_only=True), start=1):
        if row and row[0] == first_heading:
            return r, {unbroken(v): c for c, v in enumerate(row)
                       if v is not None}
    raise AssertionError(f"no row headed {first_heading!r} in {ws.title}")


def plan_table(ws, model, headings=PLAN):
    """(item rows as dicts, group-row texts in order) of an action plan."""
    r0, cols = header_row(ws, headings["item"])
    rows, groups = [], []
    for row in ws.iter_rows(min_row=r0 + 1, values_only=True):
        first = row[0]
        if first in model.items:
            rows.append({k: row[cols[h]] for k, h in headings.items()})
        elif isinstance(first, str) and first.split(" ")[0] in model.nodes:
            groups.append(first)
    return rows, groups


def path_table(ws):
    r0, cols = header_row(ws, PATH["step"])
    steps = []
    for row in ws.iter_rows(min_row=r0 + 1, values_only=True):
        if row[0] is None:
            break
        steps.append({k: row[cols[h]] for k, h in PATH.items()})
    needed = None
    for row in ws.iter_rows(max_row=r0, values_only=True):
        if row[0] == STEPS_LABEL:
            needed = next(v for v in row[1:] if v is not None)
    return steps, needed


class Reference:
    """What the workbooks must say, computed from the inputs and the model."""

    def __init__(self, folder, year=YEAR):
        self.model = ref.Model()
        self.by_code, self.lookup = ref.districts()
        self.items = ref.load_item_scores(folder, self.model, self.lookup)[year]
        self.target = self.model.target
        self.scores = {c: self.model.score(s) for c, s in self.items.items()}
        self.every_plan = {r["item"] for r in ref.read_csv(os.path.join(
            ref.REPO, "inputs", "reference", "measures.csv"))
            if r["in_every_plan"].strip().lower() == "yes"}

    def goal(self, item, code=None):
        """The goal of a row: the target (100 for disclosure items); a row
        kept up (code given, the item not below the target) keeps its
        score."""
        published = self.model.nodes[item]["answer_type"] == "published"
        if published:
            return F(FULL_SCORE)
        if code is not None and item not in self.below(code):
            return self.items[code][item]
        return self.target

    def below(self, code):
        return [i for i in self.model.items
                if ref.round2(self.items[code][i]) < self.target]

    def plan_items(self, code):
        """The items of an office's plan, in model order: those below the
        target, or, when there are none, the 3 lowest; and in every plan
        O42 and O43 (the library's in_every_plan)."""
        below = self.below(code)
        items = self.model.items
        lowest = [] if below else sorted(
            items, key=lambda i: (ref.round2(self.items[code][i]),
                                  items.index(i)))[:3]
        return [i for i in items
                if i in below or i in lowest or i in self.every_plan]

    def gain(self, code, item):
        if item not in self.below(code):   # a row kept up gains nothing
            return F(0)
        return self.model.item_weight(item) * (self.goal(item) -
                                               self.items[code][item])

    def path(self, code):
        """[(item, gain, projected ITA)] most points first, ties in model
        order, and the steps needed to reach the target: the items below
        the target (rows kept up gain nothing and are not steps)."""
        below = self.below(code)
        order = sorted(below, key=lambda i: (-self.gain(code, i),
                                             below.index(i)))
        ita = self.scores[code]["ITA"]
        needed = 0 if ref.round2(ita) >= self.target else None
        out = []
        for k, item in enumerate(order, start=1):
            ita += self.gain(code, item)
            out.append((item, self.gain(code, item), ita))
            if needed is None and ref.round2(ita) >= self.target:
                needed = k
        return out, needed

    def rank(self, code, item):
        values = {c: ref.round2(s[item]) for c, s in self.items.items()}
        return ref.competition_ranks(values)[code]

    def n_below(self, item):
        return sum(1 for s in self.items.values()
                   if ref.round2(s[item]) < self.target)

    def best(self, item):
        """Code of the best office on an item, ties to the lower code."""
        return min(self.items, key=lambda c: (-self.items[c][item], c))


class SampleOfficeBooks(unittest.TestCase):
    """Every office of the synthetic sample."""

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.proc = run("inputs/", "--no-city-book", out=cls.tmp)
        cls.ref = Reference(os.path.join(ref.REPO, "inputs"))
        cls.books = {}
        folder = os.path.join(cls.tmp, "offices")
        for code in cls.ref.items:
            path = os.path.join(folder, book_name(code, cls.ref.by_code))
            if os.path.exists(path):
                cls.books[code] = openpyxl.load_workbook(path, data_only=True)

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_one_workbook_per_office_with_the_sheets_in_order(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        names = sorted(os.listdir(os.path.join(self.tmp, "offices")))
        self.assertEqual(len(self.ref.items), 50)
        self.assertEqual(names, sorted(book_name(c, self.ref.by_code)
                                       for c in self.ref.items))
        for code, wb in self.books.items():
            self.assertEqual(wb.sheetnames, SHEETS_TH, code)
            self.assertIn("Target", wb.defined_names, code)

    def test_item_weights_are_the_models(self):
        # By hand from the spec: IIT item 0.30/5/6, EIT 0.30/3/5, OIT
        # 0.40/2/m/k (m sub-indicators of the indicator, k items of the
        # sub-indicator); here m and k are counted in the model file.
        m = self.ref.model
        tools = {t: m.nodes[t]["weight"] / sum(m.nodes[x]["weight"]
                                               for x in m.tools)
                 for t in m.tools}
        self.assertEqual(tools, {"IIT": F(3, 10), "EIT": F(3, 10),
                                 "OIT": F(2, 5)})
        for item in m.items:
            # siblings at each level below the tool: k items, m subs, the
            # indicators of the tool (every weight in the file is 1 there)
            expected, node = None, item
            divisor = 1
            while True:
                parent = m.nodes[node]["parent"].strip() or None
                if parent is None:
                    expected = tools[node] / divisor
                    break
                self.assertEqual(m.nodes[node]["weight"], 1)
                divisor *= len(m.children[parent])
                node = parent
            self.assertEqual(m.item_weight(item), expected, item)
        self.assertEqual(m.item_weight("I1"), F(1, 100))
        self.assertEqual(m.item_weight("E7"), F(2, 100))
        self.assertEqual(m.item_weight("O42"), F(5, 100))
        self.assertEqual(m.item_weight("O36"), F(125, 10000))
        # ... and every office's Items sheet carries exactly those weights,
        # as the program computed them from the model file
        for code, wb in self.books.items():
            ws = wb[SHEETS_TH[1]]
            r0, cols = header_row(ws, "เครื่องมือ")
            written = {row[cols["ข้อ"]]: row[cols["คะแนน ITA ต่อ 1 คะแนน"]]
                       for row in ws.iter_rows(min_row=r0 + 1,
                                               values_only=True)
                       if row[cols["ข้อ"]] in m.items}
            self.assertEqual(set(written), set(m.items), code)
            for item, weight in written.items():
                self.assertAlmostEqual(weight, float(m.item_weight(item)),
                                       places=12, msg=f"{code} {item}")

    def test_action_plan_lists_exactly_the_items_below_target(self):
        self.assertEqual(len(self.books), 50)
        for code, wb in self.books.items():
            rows, groups = plan_table(wb[SHEETS_TH[3]], self.ref.model)
            below = self.ref.plan_items(code)
            self.assertEqual([r["item"] for r in rows], below, code)
            for r in rows:
                self.assertAlmostEqual(r["score"],
                                       float(self.ref.items[code][r["item"]]),
                                       places=9)
            # grouped: a tool row, then an indicator row, before the first
            # item of each
            m = self.ref.model
            expected_groups = []
            for item in below:
                ind = m.nodes[item]["parent"].strip()
                while m.nodes[ind]["kind"] != "indicator":
                    ind = m.nodes[ind]["parent"].strip()
                tool = m.nodes[ind]["parent"].strip()
                if tool not in expected_groups:
                    expected_groups.append(tool)
                if ind not in expected_groups:
                    expected_groups.append(ind)
            self.assertEqual([g.split(" ")[0] for g in groups],
                             expected_groups, code)

    def test_gains_and_target_scores_follow_the_model(self):
        n_rows = 0
        for code, wb in self.books.items():
            rows, _ = plan_table(wb[SHEETS_TH[3]], self.ref.model)
            for r in rows:
                item = r["item"]
                self.assertEqual(r["goal"], float(self.ref.goal(item, code)))
                self.assertAlmostEqual(r["gain"],
                                       float(self.ref.gain(code, item)),
                                       places=9, msg=f"{code} {item}")
                n_rows += 1
        self.assertGreater(n_rows, 100)

    def test_path_to_target_projects_the_ita(self):
        for code, wb in self.books.items():
            steps, needed = path_table(wb[SHEETS_TH[5]])
            path, expected_needed = self.ref.path(code)
            # step 0 is where the office stands
            self.assertEqual(steps[0]["step"], 0)
            self.assertAlmostEqual(steps[0]["projected"],
                                   float(self.ref.scores[code]["ITA"]),
                                   places=9)
            self.assertEqual(len(steps), len(path) + 1, code)
            for k, ((item, gain, ita), row) in enumerate(zip(path, steps[1:]),
                                                         start=1):
                self.assertEqual(row["step"], k)
                self.assertEqual(row["item"], item, f"{code} step {k}")
                self.assertAlmostEqual(row["weight"],
                                       float(self.ref.model.item_weight(item)),
                                       places=12)
                self.assertEqual(row["planned"],
                                 float(self.ref.goal(item, code)))
                self.assertAlmostEqual(row["gain"], float(gain), places=9)
                self.assertAlmostEqual(row["projected"], float(ita), places=9,
                                       msg=f"{code} step {k}")
                self.assertEqual(row["passes"],
                                 1 if ref.round2(ita) >= self.ref.target else 0)
            self.assertEqual(needed, expected_needed, code)

    def test_path_projection_is_a_formula_on_the_planned_scores(self):
        code = sorted(self.books)[0]
        path = os.path.join(self.tmp, "offices",
                            book_name(code, self.ref.by_code))
        ws = openpyxl.load_workbook(path)[SHEETS_TH[5]]
        r0, cols = header_row(ws, PATH["step"])
        row = r0 + 2    # step 1
        gain = ws.cell(row, cols[PATH["gain"]] + 1).value
        projected = ws.cell(row, cols[PATH["projected"]] + 1).value
        planned = ws.cell(row, cols[PATH["planned"]] + 1).coordinate
        weight = ws.cell(row, cols[PATH["weight"]] + 1).coordinate
        self.assertIn(planned, gain)
        self.assertIn(weight, gain)
        self.assertIn(ws.cell(row - 1, cols[PATH["projected"]] + 1).coordinate,
                      projected)
        # the planned score has one home: the plan's target score, typed
        # there (unlocked), read here by the item's code (rows may move),
        # the current score when the item's row was deleted; a target
        # score kept as typed (text) or below the current score gains
        # nothing, and none counts beyond 100
        home = ws.cell(row, cols[PATH["planned"]] + 1).value
        match = re.fullmatch(
            r"=IFERROR\(MAX\(([A-Z]+\d+),MIN\(100,N\("
            r"INDEX\('?(.+?)'?!\$([A-Z]+):\$\3,"
            r"MATCH\(([A-Z]+\d+),'?\2'?!\$([A-Z]+):\$\5,0\)\)\)\)\),"
            r"\1\)", home)
        self.assertIsNotNone(match, home)
        plan = ws.parent[match.group(2)]
        p0, pcols = header_row(plan, PLAN["item"])
        self.assertEqual(plan[f"{match.group(3)}{p0}"].value, PLAN["goal"])
        self.assertEqual(plan[f"{match.group(5)}{p0}"].value, PLAN["item"])
        self.assertEqual(match.group(4),
                         ws.cell(row, cols[PATH["item"]] + 1).coordinate)
        self.assertEqual(match.group(1),
                         ws.cell(row, cols[PATH["score"]] + 1).coordinate)
        item = ws.cell(row, cols[PATH["item"]] + 1).value
        goal_row = next(r for r in range(p0 + 1, plan.max_row + 1)
                        if plan.cell(r, 1).value == item)
        goal = plan[f"{match.group(3)}{goal_row}"]
        self.assertFalse(goal.protection.locked)

    def test_analysis_states_weakness_score_rank_and_spread(self):
        """Under each question, in words: the weakness it names (measures
        library) when below the target, then the score against the target,
        the rank among the 50 offices and how many are below the target
        (city-wide from a third), "*" when within sampling error."""
        weakness = {r["item"]: r["weakness_th"] for r in ref.read_csv(
            os.path.join(ref.REPO, "inputs", "reference", "measures.csv"))}
        for code, wb in self.books.items():
            rows, _ = plan_table(wb[SHEETS_TH[3]], self.ref.model)
            below = self.ref.below(code)
            for r in rows:
                # its lines broken at libthai's words for print: compared
                # with its white space, line breaks included, left out
                item, text = r["item"], squeezed(r["analysis"])
                n_below = self.ref.n_below(item)
                score = ref.round2(self.ref.items[code][item])
                label = self.ref.model.nodes[item]["label_th"]
                rank = f"ลำดับที่ {self.ref.rank(code, item)} จาก 50 เขต"
                spread = f"{n_below} เขตต่ำกว่าเป้าหมายในข้อนี้"
                if item not in below:
                    # kept up: no weakness to speak of
                    standing = "ต้องเผยแพร่ทุกปี" \
                        if item in self.ref.every_plan else "ไม่ต่ำกว่าเป้าหมาย"
                    self.assertEqual(text, squeezed(
                        f"{label}{score:.2f} {standing}; {rank}; {spread}"),
                        f"{code} {item}")
                    continue
                word = "จุดอ่อนร่วมของเมือง" if 3 * n_below >= 50 \
                    else "จุดอ่อนเฉพาะเขต"
                standing = "ยังไม่เผยแพร่ (0 คะแนน)" if score == 0 and \
                    self.ref.model.nodes[item]["answer_type"] == "published" \
                    else f"{score:.2f} ต่ำกว่าเป้าหมาย " \
                         f"{ref.round2(self.ref.target - score):.2f} คะแนน"
                self.assertRegex(text, "^" + re.escape(squeezed(
                    f"{label}จุดอ่อน: {weakness[item]}"
                    f"{standing}; {rank}; {spread} ({word})")) + r"\*?$",
                    f"{code} {item}")
                self.assertNotRegex(r["analysis"], r"ITA \+\d")

    def test_measures_timeframe_and_what_to_publish(self):
        wb = self.books[min(self.books, key=lambda c: self.ref.scores[c]["ITA"])]
        rows, _ = plan_table(wb[SHEETS_TH[3]], self.ref.model)
        measures = {r["item"]: r for r in ref.read_csv(os.path.join(
            ref.REPO, "inputs", "reference", "measures.csv"))}
        unpublished = 0
        for r in rows:
            lib = measures[r["item"]]
            # the library's texts, their lines broken at libthai's words
            # (the spaces before a break left out)
            for key in ("measure", "monitoring"):
                self.assertEqual(re.sub(r"\s", "", r[key]),
                                 re.sub(r"\s", "", lib[f"{key}_th"]), key)
            # success: what a disclosure item must publish, else the
            # evidence (said once in the indicator's heading when all its
            # rows share it)
            # the lead first, as the district writes it ("ฝ่าย" kept): the
            # library's lead or one of its alternatives (the schedule)
            leads = [lib["lead_unit_th"]] + \
                lib["lead_alternatives_th"].split("; ")
            # (a name wider than the column broken at libthai's words)
            self.assertTrue(any("".join(r["units"].split()).startswith(l)
                                for l in leads), r["units"])
            self.assertTrue(r["units"].startswith("ฝ่าย") or
                            r["units"].startswith("ทุกฝ่าย"), r["units"])
            self.assertEqual(r["status"], STATUS_TH[0])
            if self.ref.model.nodes[r["item"]]["answer_type"] == \
                    "published":
                # broken into lines at libthai's words for print
                self.assertEqual(squeezed(r["success"]),
                                 squeezed(lib["publish_th"]))
                unpublished += r["score"] == 0
            else:
                self.assertIn(squeezed(r["success"]),
                              (squeezed(lib["evidence_th"]),
                               "ตามหลักฐานของตัวชี้วัด"))
            self.assertIn(r["priority"].split("\n")[0],
                          ("สูง", "ปานกลาง", "ต่ำ"))
            # due by the end of a quarter of fiscal year 2565 (spread by
            # the schedule: test_plan_document)
            self.assertIn(r["due"].date().isoformat(), QUARTER_END.values())
        self.assertGreater(unpublished, 0)

    def test_status_dropdown_and_cells_to_fill_in(self):
        # an office with a plan to fill in: the weakest one
        code = min(self.books, key=lambda c: self.ref.scores[c]["ITA"])
        path = os.path.join(self.tmp, "offices",
                            book_name(code, self.ref.by_code))
        ws = openpyxl.load_workbook(path)[SHEETS_TH[3]]
        r0, cols = header_row(ws, PLAN["item"])
        lists = [dv for dv in ws.data_validations.dataValidation
                 if dv.type == "list"]
        self.assertTrue(lists)
        self.assertEqual(lists[0].formula1.strip('"').split(","), STATUS_TH)
        first_item = r0 + 3     # after the tool and indicator rows
        self.assertIn(ws.cell(first_item, 1).value, self.ref.model.items)
        status = ws.cell(first_item, cols[PLAN["status"]] + 1).coordinate
        self.assertTrue(any(status in str(dv.sqref) for dv in lists))
        for key in ("measure", "monitoring", "units", "status", "owner",
                    "due"):
            cell = ws.cell(first_item, cols[PLAN[key]] + 1)
            self.assertFalse(cell.protection.locked, key)
            self.assertTrue(cell.alignment.wrap_text or key == "due", key)
        for key in ("analysis", "gain"):
            self.assertTrue(ws.cell(first_item, cols[PLAN[key]] + 1)
                            .protection.locked, key)

    def test_profile_and_peers(self):
        for code, wb in self.books.items():
            ws = wb[SHEETS_TH[0]]
            values = {row[0]: row[1] for row in ws.iter_rows(values_only=True)
                      if row and row[0]}
            self.assertAlmostEqual(values["คะแนน ITA"],
                                   float(self.ref.scores[code]["ITA"]),
                                   places=9)
            self.assertEqual(values["ข้อที่ต่ำกว่าค่าเป้าหมาย"],
                             len(self.ref.below(code)))
            ranks = ref.competition_ranks(
                {c: ref.round2(s["ITA"]) for c, s in self.ref.scores.items()})
            self.assertEqual(values["อันดับในทุกเขต"], ranks[code])
            # the radar, and the line of the ITA over the sample's two
            # years (issue 20: the whole series)
            self.assertEqual(len(ws._charts), 2, code)
            self.check_peers(code, wb[SHEETS_TH[6]])

    def test_radar_labels_are_indicator_ids(self):
        """The radar's categories are the model's indicator ids alone, in
        its order (the labels "id name" overlapped round the chart; issue
        19), one for each of its values, whose rows are those indicators'
        rows of the table ("IND1 ..." in the label column)."""
        import zipfile
        code = min(self.books)
        path = os.path.join(self.tmp, "offices",
                            book_name(code, self.ref.by_code))
        with zipfile.ZipFile(path) as z:
            radar = [z.read(n).decode() for n in z.namelist()
                     if n.startswith("xl/charts/") and
                     "<c:radarChart>" in z.read(n).decode()]
        self.assertEqual(len(radar), 1)
        ws = self.books[code][SHEETS_TH[0]]
        ranges = re.findall(r"<c:(cat|val)>.*?<c:f>'ภาพรวม'!\$(\w+)\$(\d+):"
                            r"\$(\w+)\$(\d+)</c:f>", radar[0], re.S)
        self.assertEqual(len(ranges), 6)   # three series
        indicators = self.ref.model.indicators
        for kind, c0, r0, c1, r1 in ranges:
            cells = [ws[f"{c0}{r}"].value
                     for r in range(int(r0), int(r1) + 1)]
            self.assertEqual(c0, c1)
            if kind == "cat":
                self.assertEqual(cells, indicators)
            else:
                labels = [ws[f"A{r}"].value.split(" ")[0]
                          for r in range(int(r0), int(r1) + 1)]
                self.assertEqual(labels, indicators)
        # every text of the chart prints at 9 pt or more at the sheet's
        # scale (sz: hundredths of a point)
        scale = int(ws.page_setup.scale or 100)
        sizes = [int(sz) for sz in re.findall(r' sz="(\d+)"', radar[0])]
        self.assertTrue(sizes)
        self.assertGreaterEqual(min(sizes) * scale / 10000, 9, sizes)

    def check_peers(self, code, peers):
        """The office, then its zone's best office and the two offices
        ranked just above and below it in the zone (ITA rounded to 2
        decimals, best first, ties by code), in that ranking's order; the
        zone's quartiles of ITA as QUARTILE.INC; each office's zone rank."""
        r0, cols = header_row(peers, "ตัวชี้วัด")
        zone = self.ref.by_code[code]["zone_th"]
        ita = {c: ref.round2(s["ITA"]) for c, s in self.ref.scores.items()
               if self.ref.by_code[c]["zone_th"] == zone}
        ranking = sorted(ita, key=lambda c: (-ita[c], c))
        place = ranking.index(code)
        shown = [i for i in range(len(ranking)) if i != place and
                 (i == 0 or abs(i - place) <= 2)]
        expected = [code] + [ranking[i] for i in shown]
        headings = [h for h, c in sorted(cols.items(), key=lambda x: x[1])]
        names = headings[1:1 + len(expected)]
        self.assertEqual(names, [self.ref.by_code[c]["name_th"]
                                 for c in expected], code)
        self.assertEqual(headings[1 + len(expected):1 + len(expected) + 3],
                         ["ควอร์ไทล์ที่ 3 กลุ่มเขต", "มัธยฐานกลุ่มเขต",
                          "ควอร์ไทล์ที่ 1 กลุ่มเขต"])
        rows = {row[0]: row for row in peers.iter_rows(min_row=r0 + 1,
                                                       values_only=True)}
        ranks = ref.competition_ranks(ita)
        self.assertEqual(list(rows["อันดับ ITA ในกลุ่มเขต"][1:1 + len(expected)]),
                         [ranks[c] for c in expected])
        full = sorted(float(s["ITA"]) for c, s in self.ref.scores.items()
                      if c in ita)
        ita_row = rows["ITA"]
        for heading, p in (("ควอร์ไทล์ที่ 3 กลุ่มเขต", 0.75),
                           ("มัธยฐานกลุ่มเขต", 0.5),
                           ("ควอร์ไทล์ที่ 1 กลุ่มเขต", 0.25)):
            idx = (len(full) - 1) * p
            lo = int(idx)
            hi = min(lo + 1, len(full) - 1)
            want = full[lo] + (idx - lo) * (full[hi] - full[lo])
            self.assertAlmostEqual(ita_row[cols[heading]], want, places=9,
                                   msg=code)
        self.assertAlmostEqual(ita_row[1], float(self.ref.scores[code]["ITA"]),
                               places=9)


class ReportOffice(unittest.TestCase):
    """One district report typed in through the long form: the action plan
    and the path that its own figures imply (worked out by hand in
    ../fixtures/report_office/README.md)."""

    BELOW = ("I2 I3 I5 I7 I8 I11 I12 I13 I14 I15 I20 I23 I26 I27 I28 I30 "
             "E1 E2 E5 E6 E7 E9 E11 E12 E14 E15 "
             "O8 O16 O24 O28 O31 O36 O41").split()

    @classmethod
    def setUpClass(cls):
        cls.tmp = tempfile.mkdtemp()
        cls.proc = run(REPORT_OFFICE, "--no-city-book", out=cls.tmp)
        cls.ref = Reference(os.path.join(ref.REPO, REPORT_OFFICE))
        path = os.path.join(cls.tmp, "offices",
                            f"ita_{YEAR}_1021_bang-khun-thian.xlsx")
        cls.wb = openpyxl.load_workbook(path, data_only=True)
        cls.publish = {r["item"]: r["publish_th"] for r in ref.read_csv(
            os.path.join(ref.REPO, "inputs", "reference", "measures.csv"))}

    @classmethod
    def tearDownClass(cls):
        shutil.rmtree(cls.tmp)

    def test_flags_the_misprinted_tool_score(self):
        self.assertEqual(self.proc.returncode, 0, self.proc.stderr)
        with open(os.path.join(self.tmp, f"data_quality_{YEAR}.csv"),
                  encoding="utf-8") as f:
            self.assertIn("published_mismatch", f.read())
        self.assertIn("IIT 83.92", self.proc.stderr)

    def test_action_plan_items_and_points(self):
        rows, _ = plan_table(self.wb[SHEETS_TH[3]], self.ref.model)
        items = [r["item"] for r in rows]
        # the edge cases 84.995 (-> 85.00), 85.00 and 85.02 are not weak;
        # O42 and O43 are in every plan
        self.assertEqual(items, self.BELOW + ["O42", "O43"])
        self.assertEqual(self.BELOW, self.ref.below("1021"))
        gains = {r["item"]: r["gain"] for r in rows}
        # by hand: 10.1 has 8 items of 2 subs: 0.40/2/2/8 x 100 = 1.25
        self.assertAlmostEqual(gains["O36"], 1.25, places=12)
        self.assertAlmostEqual(gains["O41"], 1.25, places=12)
        self.assertAlmostEqual(gains["O28"], 1.00, places=12)   # 9.4, k = 4
        self.assertAlmostEqual(gains["O31"], 0.80, places=12)   # 9.5, k = 5
        self.assertAlmostEqual(gains["O24"], 0.40 / 2 / 5 / 7 * 100, places=12)
        self.assertAlmostEqual(gains["E14"], 0.02 * (85 - 73.92), places=12)
        self.assertAlmostEqual(gains["I15"], 0.01 * (85 - 76.88), places=12)
        self.assertAlmostEqual(sum(gains.values()), 7.8138730158730, places=9)
        # "high" is at most a fifth of the 35 rows (7): those of 3 points
        # or more with the most points, then the most ITA points gained
        # (one office: every rank is 1); the others of 3 points medium
        def rule_points(r):
            return (2 if r["gain"] >= 0.5 else 1 if r["gain"] >= 0.2
                    else 0) + (1 if 85 - ref.round2(r["score"]) >= 10
                               else 0)
        high = sorted((r for r in rows if rule_points(r) >= 3),
                      key=lambda r: (-rule_points(r), -r["gain"],
                                     items.index(r["item"])))[:len(rows) // 5]
        high = {r["item"] for r in high}
        # six rows reach 3 points: under the cap, all high
        self.assertEqual(len(high), 6)
        for r in rows:
            self.assertAlmostEqual(r["gain"], float(self.ref.gain("1021",
                                                                  r["item"])),
                                   places=9)
            if r["item"].startswith("O"):
                # what to publish is the success indicator
                self.assertEqual(squeezed(r["success"]),
                                 squeezed(self.publish[r["item"]]))
            # the priority rule of plans.h: +2 from 0.50 ITA points, +1
            # from 0.20, +1 from 10 points below the target; high from 3
            # points, medium from 2.  The only office is neither in the
            # lowest fifth nor last of others, and a third of one office is
            # city-wide (no points).  O8 (0.44, 85 below) is medium, E14
            # (0.22, 11.08 below) medium, I15 (0.08, 8.12 below) low.
            points = (2 if r["gain"] >= 0.5 else 1 if r["gain"] >= 0.2
                      else 0) + (1 if 85 - ref.round2(r["score"]) >= 10
                                 else 0)
            band = "สูง" if r["item"] in high else "ปานกลาง" \
                if points >= 2 else "ต่ำ"
            self.assertEqual(r["priority"].split("\n")[0], band, r["item"])
        self.assertEqual({r["item"]: r["priority"].split("\n")[0]
                          for r in rows}["O8"],
                         "ปานกลาง")

    def test_path_passes_85_at_the_second_step(self):
        steps, needed = path_table(self.wb[SHEETS_TH[5]])
        self.assertAlmostEqual(steps[0]["projected"], 83.7146769841, places=9)
        self.assertEqual([s["item"] for s in steps[1:4]], ["O36", "O41", "O28"])
        # 83.7147 + 1.25 = 84.9647 -> 84.96, not yet; + 1.25 = 86.2147
        self.assertEqual(ref.round2(steps[1]["projected"]), 84.96)
        self.assertEqual(steps[1]["passes"], 0)
        self.assertEqual(ref.round2(steps[2]["projected"]), 86.21)
        self.assertEqual(steps[2]["passes"], 1)
        self.assertEqual(needed, 2)
        self.assertEqual(self.ref.path("1021")[1], 2)
        self.assertEqual(ref.round2(steps[-1]["projected"]), 91.53)


class Options(unittest.TestCase):
    def setUp(self):
        self.tmp = tempfile.mkdtemp()

    def tearDown(self):
        shutil.rmtree(self.tmp)

    def test_office_by_code_and_names(self):
        proc = run("inputs/", "--no-city-book",
                   "--office", "1001,Bang Rak, สำนักงานเขตบางแค,1001",
                   out=self.tmp)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertEqual(sorted(os.listdir(os.path.join(self.tmp, "offices"))),
                         ["ita_2564_1001_phra-nakhon.xlsx",
                          "ita_2564_1004_bang-rak.xlsx",
                          "ita_2564_1040_bang-khae.xlsx"])

    def test_unknown_office_is_a_usage_error(self):
        out = os.path.join(self.tmp, "out")
        proc = run("inputs/", "--office", "1001,Atlantis", out=out)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("Atlantis", proc.stderr)
        self.assertFalse(os.path.exists(out))

    def test_office_without_scores_is_a_usage_error(self):
        out = os.path.join(self.tmp, "out")
        proc = run(REPORT_OFFICE, "--office", "1001", out=out)
        self.assertEqual(proc.returncode, 2)
        self.assertIn("--office 1001", proc.stderr)
        self.assertFalse(os.path.exists(os.path.join(out, "offices")))

    def test_same_input_same_bytes(self):
        books = []
        for run_no in (1, 2):
            out = os.path.join(self.tmp, str(run_no))
            proc = run("inputs/", "--no-city-book", "--office", "1040",
                       out=out)
            self.assertEqual(proc.returncode, 0, proc.stderr)
            with open(os.path.join(out, "offices",
                                   "ita_2564_1040_bang-khae.xlsx"), "rb") as f:
                books.append(f.read())
        self.assertEqual(books[0], books[1])

    def test_no_office_books(self):
        proc = run("inputs/", "--no-city-book", "--no-office-books",
                   out=self.tmp)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "offices")))

    def test_english(self):
        proc = run("inputs/", "--no-city-book", "--office", "1040",
                   "--lang", "en", out=self.tmp)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        wb = openpyxl.load_workbook(os.path.join(
            self.tmp, "offices", "ita_2564_1040_bang-khae.xlsx"))
        self.assertEqual(wb.sheetnames, SHEETS_EN)
        ws = wb["Action plan"]
        lists = [dv for dv in ws.data_validations.dataValidation
                 if dv.type == "list"]
        self.assertEqual(lists[0].formula1.strip('"').split(","), STATUS_EN)
        texts = [c.value for row in ws.iter_rows() for c in row
                 if isinstance(c.value, str)]
        self.assertTrue(any("\nWeakness: " in t and
                            " points below the target; rank " in t
                            for t in texts))
        self.assertIn("End of quarters 1–4, fiscal year 2565", texts)
        self.assertFalse(any(THAI.search(t) for t in texts))

    def test_protect_locks_all_but_the_cells_to_fill_in(self):
        proc = run("inputs/", "--no-city-book", "--office", "1040",
                   "--protect", out=self.tmp)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        wb = openpyxl.load_workbook(os.path.join(
            self.tmp, "offices", "ita_2564_1040_bang-khae.xlsx"))
        for name in SHEETS_TH:
            self.assertTrue(wb[name].protection.sheet, name)
        ws = wb[SHEETS_TH[3]]
        r0, cols = header_row(ws, PLAN["item"])
        self.assertFalse(ws.cell(r0 + 3, cols[PLAN["measure"]] + 1)
                         .protection.locked)
        self.assertTrue(ws.cell(r0 + 3, cols[PLAN["analysis"]] + 1)
                        .protection.locked)

    def test_single_workbook_adds_every_plan_to_the_city_book(self):
        proc = run("inputs/", "--no-office-books", "--single-workbook",
                   out=self.tmp)
        self.assertEqual(proc.returncode, 0, proc.stderr)
        self.assertFalse(os.path.exists(os.path.join(self.tmp, "offices")))
        wb = openpyxl.load_workbook(
            os.path.join(self.tmp, f"ita_{YEAR}_city.xlsx"), data_only=True)
        r = Reference(os.path.join(ref.REPO, "inputs"))
        plans = [n for n in wb.sheetnames if n.startswith("แผน ")]
        self.assertEqual(len(plans), 50)
        for code, row in r.by_code.items():
            rows, _ = plan_table(wb["แผน " + row["name_th"]], r.model)
            self.assertEqual([x["item"] for x in rows], r.plan_items(code),
                             code)

    def test_broken_measures_library_is_an_input_error(self):
        bad = os.path.join(self.tmp, "measures.csv")
        with open(os.path.join(ref.REPO, "inputs", "reference",
                               "measures.csv"), encoding="utf-8") as f:
            lines = f.read().splitlines()
        # line 3 names an item the model lacks; I2 is then missing
        lines[2] = "X99" + lines[2][lines[2].index(","):]
        with open(bad, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        out = os.path.join(self.tmp, "out")
        proc = run("inputs/", "--measures", bad, out=out)
        self.assertEqual(proc.returncode, 1)
        self.assertIn(f"{bad}:3:", proc.stderr)
        self.assertIn("X99", proc.stderr)
        self.assertIn("I2", proc.stderr)
        self.assertFalse(os.path.exists(out))


if __name__ == "__main__":
    unittest.main()
