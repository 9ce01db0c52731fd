#!/usr/bin/python3
"""How many pages each office's action plan prints on (issue 19: a plan a
district can print and sign).  Runs itabench on the sample with --pdf
(every office, no city workbook) in Thai, in English and with Thai
digits, and counts the pages of each office's O42 PDF whose footer starts
with the plan sheet's name, as test_plan_pages counts them.  Prints Thon
Buri's count (1015), the least, median and most over the offices, and
the total.

Usage: tests/validate/plan_pages.py OUT_DIR   (from the repository's
top, after make; BUILD as for the tests, default build; needs soffice
and pdftotext).  About a minute per language on two cores."""
import glob
import os
import statistics
import subprocess
import sys

RUNS = {"th": [], "en": ["--lang", "en"], "thai-digits": ["--thai-digits"]}
PLAN_SHEET = {"แผนปฏิบัติการ", "Action"}   # "Action plan": its first word
OFFICE = "1015"


def footer_sheet(page):
    """The first word of a page's last line of text (its footer)."""
    return next((line.split()[0] for line in reversed(page.splitlines())
                 if line.strip()), None)


def plan_pages(pdf):
    """The pages of pdf that print the action plan."""
    text = subprocess.run(["pdftotext", "-layout", pdf, "-"],
                          capture_output=True, text=True, check=True).stdout
    return sum(1 for page in text.split("\f")
               if footer_sheet(page) in PLAN_SHEET)


def main(out_dir):
    program = os.path.join(os.environ.get("BUILD", "build"), "itabench")
    for name, options in RUNS.items():
        out = os.path.join(out_dir, name)
        subprocess.run([program, "inputs/", "--no-city-book", "--pdf", "-q",
                        "-o", out, *options], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        pages = {os.path.basename(pdf).split("_")[2]: plan_pages(pdf)
                 for pdf in glob.glob(os.path.join(out, "offices",
                                                   "*-O42.pdf"))}
        counts = sorted(pages.values())
        print(f"{name}: {OFFICE} {pages.get(OFFICE)} pages; "
              f"{len(counts)} offices: least {counts[0]}, median "
              f"{statistics.median(counts)}, most {counts[-1]}, "
              f"total {sum(counts)}")


if __name__ == "__main__":
    if len(sys.argv) != 2:
        sys.exit(__doc__)
    main(sys.argv[1])
