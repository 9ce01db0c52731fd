#!/usr/bin/python3
"""The 50-office job written with pandas + XlsxWriter, for a side-by-side
figure in `make bench` (not a test, not a second implementation to trust):
read the long item scores, score every node of the model (weighted means
of the children), rank the offices, write the results CSV, a city workbook
(Ranking with every tool and indicator, Questions with every item of every
office, Gaps) and one workbook per office (Profile against the city and
zone medians and the best office, Items, Action plan of the items below
the target, Peers), each sheet an Excel table, as itabench does.

    bench_pandas.py MODEL_CSV REGISTRY_CSV SCORES_LONG_CSV OUT_DIR
"""
import os
import sys
import warnings

import pandas as pd

# an office without items below the target has an empty plan table
warnings.filterwarnings("ignore", message="Must have at least one data row")


def load_model(path):
    m = pd.read_csv(path, dtype=str).fillna("")
    target = float(m.loc[m.kind == "target", "min_score"].iloc[0])
    nodes = m[m.kind.isin(["tool", "indicator", "sub", "item"])].copy()
    nodes["weight"] = pd.to_numeric(nodes.weight.replace("", "1"))
    return nodes.set_index("id"), target


def score_nodes(nodes, items):
    """items: offices x item ids -> offices x every node id, plus ITA."""
    out = items.copy()
    children = nodes.groupby("parent").groups

    def node(i):
        if i not in out.columns:
            kids = list(children[i])
            w = nodes.loc[kids, "weight"]
            out[i] = sum(node(k) * w[k] for k in kids) / w.sum()
        return out[i]

    tools = list(nodes.index[nodes.kind == "tool"])
    w = nodes.loc[tools, "weight"]
    out["ITA"] = sum(node(t) * w[t] for t in tools) / w.sum()
    return out


def table(ws, df, name):
    ws.add_table(0, 0, len(df), len(df.columns) - 1,
                 {"name": name, "columns": [{"header": str(c)} for c in df.columns],
                  "data": df.astype(object).where(df.notna(), None).values.tolist()})


def city_book(path, ranked, items, target):
    with pd.ExcelWriter(path, engine="xlsxwriter") as xw:
        book = xw.book
        for sheet, df in (("Ranking", ranked),
                          ("Questions", items.reset_index()),
                          ("Gaps", (target - ranked.select_dtypes("number"))
                           .clip(lower=0).round(2).reset_index())):
            ws = book.add_worksheet(sheet)
            table(ws, df, sheet)
            ws.freeze_panes(1, 0)


def office_book(path, code, scores, zones, target, nodes):
    me = scores.loc[code]
    zone = zones[code]
    same = scores[zones == zone]
    headline = ["ITA"] + list(nodes.index[nodes.kind.isin(["tool", "indicator"])])
    profile = pd.DataFrame({
        "Measure": headline, "Score": me[headline].values,
        "City median": scores[headline].median().values,
        "Zone median": same[headline].median().values,
        "Best office": [scores[m].idxmax() for m in headline],
        "Best score": scores[headline].max().values})
    item_ids = list(nodes.index[nodes.kind == "item"])
    items = pd.DataFrame({"Item": item_ids, "Label": nodes.loc[item_ids, "label_en"].values,
                          "Score": me[item_ids].values,
                          "City median": scores[item_ids].median().values})
    items["Gap"] = (target - items.Score.round(2)).clip(lower=0)
    plan = items[items.Score.round(2) < target].copy()
    plan["Measure"] = "Publish and monitor " + plan.Label
    ranked = same.sort_values("ITA", ascending=False)
    peers = ranked[headline].T.reset_index()
    peers.columns = ["Measure"] + [str(c) for c in ranked.index]
    with pd.ExcelWriter(path, engine="xlsxwriter") as xw:
        for sheet, df in (("Profile", profile), ("Items", items),
                          ("Action plan", plan), ("Peers", peers)):
            ws = xw.book.add_worksheet(sheet)
            table(ws, df, sheet.replace(" ", ""))


def main(model_path, registry_path, scores_path, out_dir):
    nodes, target = load_model(model_path)
    registry = pd.read_csv(registry_path, dtype=str).set_index("code")
    long = pd.read_csv(scores_path, dtype={"office_code": str})
    year = long.year.max()
    items = long[long.year == year].pivot(index="office_code", columns="item",
                                          values="score")
    scores = score_nodes(nodes, items)
    scores["rank"] = scores.ITA.round(2).rank(ascending=False, method="min")
    ranked = scores.sort_values(["rank"]).reset_index()
    os.makedirs(os.path.join(out_dir, "offices"), exist_ok=True)
    ranked.to_csv(os.path.join(out_dir, f"results_{year}.csv"), index=False)
    city_book(os.path.join(out_dir, f"ita_{year}_city.xlsx"), ranked, items,
              target)
    zones = registry.zone_en.reindex(scores.index)
    for code in scores.index:
        office_book(os.path.join(out_dir, "offices", f"ita_{year}_{code}.xlsx"),
                    code, scores.drop(columns="rank"), zones, target, nodes)


if __name__ == "__main__":
    main(*sys.argv[1:5])
