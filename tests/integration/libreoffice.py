"""LibreOffice as the second spreadsheet program of the tests: headless, with
a private profile that recalculates every formula on load (OOXML and ODF),
whatever the machine's settings say.

A profile folder is made by LibreOffice on its first start (about 7 s; 2 s
once made).  tests/run_tests.sh gives each of its workers one folder,
ITABENCH_LO_PROFILE, used here instead of the caller's: the worker runs one
test at a time, so its LibreOffice starts are one after another and all
but the first are warm.  Recalculating and printing keep apart
sub-folders, so that each finds the settings it always had: the
recalculating one forced, the printing one LibreOffice's defaults."""
import os
import shutil
import subprocess

import openpyxl

# Cell texts that mean a formula failed, in Excel's and LibreOffice's words.
ERRORS = ("#NULL!", "#DIV/0!", "#VALUE!", "#REF!", "#NAME?", "#NUM!", "#N/A",
          "Err:", "#ERR")

PROFILE_SETTINGS = """<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry"
 xmlns:xs="http://www.w3.org/2001/XMLSchema"
 xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="ODFRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
"""


def soffice():
    """The LibreOffice program; a missing one fails the test, never skips."""
    for name in ("soffice", "libreoffice"):
        path = shutil.which(name)
        if path:
            return path
    raise AssertionError("LibreOffice (soffice) is not installed: make "
                         "test-deps installs it")


def worker_profile(profile, kind):
    """The profile folder to run with: the worker's (ITABENCH_LO_PROFILE)
    sub-folder `kind` when the test runner gave one, else `profile`."""
    shared = os.environ.get("ITABENCH_LO_PROFILE")
    return os.path.join(shared, kind) if shared else profile


def convert(src, out_dir, profile, to):
    """Converts src to the format `to` ("xlsx", "pdf") in out_dir through
    LibreOffice, with the profile folder `profile`; returns the new path."""
    os.makedirs(out_dir, exist_ok=True)
    proc = subprocess.run(
        [soffice(), "-env:UserInstallation=file://" + profile, "--headless",
         "--norestore", "--convert-to", to, "--outdir", out_dir, src],
        capture_output=True, text=True, timeout=300)
    out = os.path.join(out_dir,
                       os.path.splitext(os.path.basename(src))[0] + "." + to)
    if proc.returncode != 0 or not os.path.exists(out):
        raise AssertionError(f"LibreOffice failed: {proc.stdout}{proc.stderr}")
    return out


def recalculate(src, out_dir, profile):
    """Converts src to xlsx in out_dir through LibreOffice, recalculating
    every formula, with the private profile folder `profile` (made here;
    the worker's when run by tests/run_tests.sh); returns the new path."""
    profile = worker_profile(profile, "recalculate")
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w",
              encoding="utf-8") as f:
        f.write(PROFILE_SETTINGS)
    return convert(src, out_dir, profile, "xlsx")


def print_pdf(src, out_dir, profile):
    """Prints src to PDF in out_dir through LibreOffice, with the profile
    folder `profile` (the worker's when run by tests/run_tests.sh);
    returns the PDF's path."""
    return convert(src, out_dir, worker_profile(profile, "print"), "pdf")


def error_cells(path):
    """Every cell of the (recalculated) workbook holding an error value, as
    "Sheet!A1=#REF!" strings."""
    wb = openpyxl.load_workbook(path, data_only=True)
    return [f"{ws.title}!{c.coordinate}={c.value}"
            for ws in wb.worksheets for row in ws.iter_rows() for c in row
            if isinstance(c.value, str) and c.value.startswith(ERRORS)]
