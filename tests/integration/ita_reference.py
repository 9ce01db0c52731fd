"""An independent reference scorer for the tests: reads the model file and
the input CSVs with Python's csv module and recomputes every score in exact
rational arithmetic (fractions.Fraction), following the ITA method (item ->
sub-indicator -> indicator -> tool -> ITA, weighted means).  Exact arithmetic
makes the 2-decimal rounding unambiguous: a mean of 86.635 is 86.635, not
86.63499999.  It shares no code with the C program; the tests compare them.
Scores are Fractions; compare with float() or round2().
"""
import csv
import decimal
import fractions
import glob
import os

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BUILD = os.environ.get("BUILD", "build")
ITABENCH = os.path.join(REPO, BUILD, "itabench")
MODEL = os.path.join(REPO, "inputs", "reference", "model_2564.csv")
DISTRICTS = os.path.join(REPO, "inputs", "reference", "bangkok_districts.csv")

THAI_DIGITS = str.maketrans("๐๑๒๓๔๕๖๗๘๙", "0123456789")


def num(text):
    """A score as typed (Thai digits allowed), exactly."""
    return fractions.Fraction(text.translate(THAI_DIGITS).strip())


def round2(x):
    """Half away from zero to 2 decimals, as the ITA method publishes."""
    x = fractions.Fraction(x) if not isinstance(x, float) else \
        fractions.Fraction(repr(x))
    scaled = abs(x) * 100
    r = (scaled.numerator * 2 + scaled.denominator) // (2 * scaled.denominator)
    return float(decimal.Decimal(r if x >= 0 else -r) / 100)


def read_csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


class Model:
    def __init__(self, path=MODEL):
        rows = read_csv(path)
        self.nodes = {}          # id -> row
        self.order = []          # node ids in file order
        self.grades = []         # (min, id), best first
        self.target = None
        for r in rows:
            kind = r["kind"].strip()
            if kind == "target":
                self.target = num(r["min_score"])
            elif kind == "source":   # the manual the model comes from
                self.source = (r["label_th"], r["label_en"])
            elif kind == "grade":
                self.grades.append((num(r["min_score"]), r["id"].strip()))
            else:
                r["weight"] = num(r["weight"] or "1")
                self.nodes[r["id"].strip()] = r
                self.order.append(r["id"].strip())
        self.grades.sort(reverse=True)
        self.children = {i: [] for i in self.order}
        self.children[None] = []
        for i in self.order:
            p = self.nodes[i]["parent"].strip() or None
            self.children[p].append(i)
        self.items = [i for i in self.order if self.nodes[i]["kind"] == "item"]
        self.tools = [i for i in self.order if self.nodes[i]["kind"] == "tool"]
        self.indicators = [i for i in self.order
                           if self.nodes[i]["kind"] == "indicator"]

    def score(self, item_scores):
        """item id -> score; returns node id -> score, with 'ITA'."""
        out = dict(item_scores)

        def node_score(i):
            if i in out:
                return out[i]
            kids = self.children[i]
            w = sum(self.nodes[k]["weight"] for k in kids)
            out[i] = sum(self.nodes[k]["weight"] * node_score(k)
                         for k in kids) / w
            return out[i]
        w = sum(self.nodes[t]["weight"] for t in self.tools)
        out["ITA"] = sum(self.nodes[t]["weight"] * node_score(t)
                         for t in self.tools) / w
        return out

    def item_weight(self, item):
        """ITA points per point of an item: product of sibling shares."""
        w = fractions.Fraction(1)
        i = item
        while i is not None:
            p = self.nodes[i]["parent"].strip() or None
            sib = self.children[p]
            w *= self.nodes[i]["weight"] / sum(self.nodes[s]["weight"]
                                               for s in sib)
            i = p
        return w

    def grade(self, score):
        for lo, g in self.grades:
            if score >= lo:
                return g
        return self.grades[-1][1]


def districts(path=DISTRICTS):
    """code -> row, plus a name lookup that strips the Thai prefixes."""
    rows = read_csv(path)
    by_code = {r["code"]: r for r in rows}
    lookup = {}
    for r in rows:
        for key in (r["code"], r["name_th"], r["name_en"].lower()):
            lookup[key] = r["code"]
    return by_code, lookup


def resolve(lookup, name):
    name = " ".join(name.translate(THAI_DIGITS).split())
    for prefix in ("สำนักงานเขต", "เขต"):
        if name.startswith(prefix) and len(name) > len(prefix):
            name = name[len(prefix):].strip()
            break
    return lookup.get(name, lookup.get(name.lower()))


def year_be(text):
    y = int(text.translate(THAI_DIGITS))
    return y + 543 if y < 2400 else y


def load_item_scores(folder, model, lookup):
    """{year: {code: {item: score}}} from every long or wide CSV in folder."""
    data = {}
    for path in sorted(glob.glob(os.path.join(folder, "**", "*.csv"),
                                 recursive=True)):
        if os.sep + "reference" + os.sep in path:
            continue
        rows = read_csv(path)
        if not rows:
            continue
        cols = rows[0].keys()
        if "item" in cols and "score" in cols:
            for r in rows:
                code = resolve(lookup, r["office_code"])
                data.setdefault(year_be(r["year"]), {}).setdefault(code, {})[
                    r["item"].strip()] = num(r["score"])
        elif any(c in model.items for c in cols) and "respondent" not in cols:
            # (respondents' answers, one row each, are not item scores)
            for r in rows:
                code = resolve(lookup, r["office_code"])
                d = data.setdefault(year_be(r["year"]), {}).setdefault(code, {})
                for c in cols:
                    if c in model.items:
                        d[c] = num(r[c])
    return data


def load_published(folder, lookup):
    """[(path, line, year, code, measure, value)] from published-figure CSVs."""
    out = []
    for path in sorted(glob.glob(os.path.join(folder, "**", "*.csv"),
                                 recursive=True)):
        if os.sep + "reference" + os.sep in path:
            continue
        rows = read_csv(path)
        if rows and "measure" in rows[0] and "value" in rows[0]:
            for n, r in enumerate(rows, start=2):
                out.append((path, n, year_be(r["year"]),
                            resolve(lookup, r["office_code"]),
                            r["measure"].strip(), num(r["value"])))
    return out


def competition_ranks(values):
    """code -> rank, 1 = best, equal values share the rank (1, 2, 2, 4)."""
    ordered = sorted(values.values(), reverse=True)
    return {k: 1 + sum(1 for v in ordered if v > x) for k, x in values.items()}
