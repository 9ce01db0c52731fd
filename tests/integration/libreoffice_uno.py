"""LibreOffice driven through UNO (python3-uno), to edit a workbook the way a
person does in Calc: delete, insert, move and sort rows, type into cells,
then recalculate and save.  A headless soffice with its own profile folder,
listening on a named pipe of its own, for as long as the `calc` context
lasts."""
import contextlib
import os
import subprocess
import time
import uuid

from libreoffice import PROFILE_SETTINGS, soffice

try:
    import uno
    from com.sun.star.beans import PropertyValue
    from com.sun.star.connection import NoConnectException
except ImportError as e:   # a missing module fails the test, never skips
    raise AssertionError("python3-uno is not installed: make test-deps "
                         "installs it") from e


def props(**values):
    out = []
    for name, value in values.items():
        p = PropertyValue()
        p.Name, p.Value = name, value
        out.append(p)
    return tuple(out)


@contextlib.contextmanager
def calc(profile):
    """A running headless LibreOffice (its desktop), with the profile folder
    `profile` (made here, recalculating on load); stopped on exit."""
    os.makedirs(os.path.join(profile, "user"), exist_ok=True)
    with open(os.path.join(profile, "user", "registrymodifications.xcu"), "w",
              encoding="utf-8") as f:
        f.write(PROFILE_SETTINGS)
    pipe = "itabench-" + uuid.uuid4().hex
    proc = subprocess.Popen(
        [soffice(), "-env:UserInstallation=file://" + profile, "--headless",
         "--invisible", "--norestore", "--nologo",
         f"--accept=pipe,name={pipe};urp;StarOffice.ComponentContext"],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        local = uno.getComponentContext()
        resolver = local.ServiceManager.createInstanceWithContext(
            "com.sun.star.bridge.UnoUrlResolver", local)
        ctx = None
        for _ in range(600):
            try:
                ctx = resolver.resolve(
                    f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
                break
            except NoConnectException:
                if proc.poll() is not None:
                    raise AssertionError("LibreOffice stopped at start")
                time.sleep(0.1)
        if ctx is None:
            raise AssertionError("LibreOffice did not answer on its pipe")
        desktop = ctx.ServiceManager.createInstanceWithContext(
            "com.sun.star.frame.Desktop", ctx)
        yield desktop
        with contextlib.suppress(Exception):
            desktop.terminate()
    finally:
        try:
            proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()


def open_book(desktop, path):
    return desktop.loadComponentFromURL(
        uno.systemPathToFileUrl(os.path.abspath(path)), "_blank", 0,
        props(Hidden=True))


def save_xlsx(doc, path):
    """Recalculates every formula and saves doc as .xlsx at path, then
    closes it."""
    doc.calculateAll()
    doc.storeToURL(uno.systemPathToFileUrl(os.path.abspath(path)),
                   props(FilterName="Calc MS Excel 2007 XML"))
    doc.close(True)


def cell_text(sheet, col, row):
    """The text of a cell (0-based column and row)."""
    return sheet.getCellByPosition(col, row).getString()
