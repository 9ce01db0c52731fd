"""A small .xlsx writer of the tests' own (zipfile and XML text), a second
writer independent of libxlsxwriter and openpyxl: it controls what those
libraries decide for us, so that the reader meets every way a cell can be
stored.  A cell is given as a dict:

    {"text": "..."}                              shared string
    {"text": "...", "how": "inline"}             inline string
    {"text": "...", "how": "rich"}               shared rich text, in runs
    {"text": "...", "how": "str"}                formula result string (t=str)
    {"number": "83.35", "fmt": 2}                number, built-in format id
    {"number": "83.35", "fmt": "[$-th-TH]0.00"}  number, custom format code
    {"number": "83.35", "formula": "83.35"}      formula with cached value
    {"formula": "A1*2"}                          formula, no cached value
    None                                         no cell

Sheets are (name, rows); rows are lists of cells.  full_calc sets
calcPr fullCalcOnLoad, as libxlsxwriter and openpyxl do.
"""
import zipfile
from xml.sax.saxutils import escape

NS = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PKG = "http://schemas.openxmlformats.org/package/2006/relationships"


def column_letters(n):
    s = ""
    while n:
        n, r = divmod(n - 1, 26)
        s = chr(65 + r) + s
    return s


def runs(text):
    """Rich text: the text cut in up to three runs, one of them bold."""
    if len(text) < 2:
        return f"<r><t>{escape(text)}</t></r>"
    a = len(text) // 3 or 1
    b = max(a + 1, 2 * len(text) // 3)
    parts = [text[:a], text[a:b], text[b:]]
    out = []
    for i, p in enumerate(parts):
        if not p:
            continue
        props = "<rPr><b/><sz val=\"11\"/></rPr>" if i == 1 else ""
        out.append(f'<r>{props}<t xml:space="preserve">{escape(p)}</t></r>')
    return "".join(out)


def write(path, sheets, full_calc=False, date1904=False):
    strings, string_at = [], {}
    formats, custom = [0], {}   # xf index -> numFmtId
    xf_of = {0: 0}

    def style(fmt):
        if fmt is None:
            return 0
        if isinstance(fmt, str):
            if fmt not in custom:
                custom[fmt] = 164 + len(custom)
            fmt = custom[fmt]
        if fmt not in xf_of:
            xf_of[fmt] = len(formats)
            formats.append(fmt)
        return xf_of[fmt]

    def shared(key):
        if key not in string_at:
            string_at[key] = len(strings)
            strings.append(key)
        return string_at[key]

    sheet_xml = []
    for name, rows in sheets:
        out = [f'<worksheet xmlns="{NS}"><sheetData>']
        for r, row in enumerate(rows, 1):
            out.append(f'<row r="{r}">')
            for c, cell in enumerate(row, 1):
                if cell is None:
                    continue
                ref = f"{column_letters(c)}{r}"
                s = style(cell.get("fmt"))
                st = f' s="{s}"' if s else ""
                if "text" in cell:
                    how = cell.get("how", "shared")
                    text = cell["text"]
                    if how == "inline":
                        out.append(f'<c r="{ref}" t="inlineStr"{st}><is><t '
                                   f'xml:space="preserve">{escape(text)}</t>'
                                   f'</is></c>')
                    elif how == "str":
                        out.append(f'<c r="{ref}" t="str"{st}><f>"'
                                   f'{escape(text)}"</f><v>{escape(text)}'
                                   f'</v></c>')
                    else:
                        i = shared((how == "rich", text))
                        out.append(f'<c r="{ref}" t="s"{st}><v>{i}</v></c>')
                elif "formula" in cell:
                    v = (f"<v>{cell['number']}</v>" if "number" in cell
                         else "")
                    out.append(f'<c r="{ref}"{st}><f>{escape(cell["formula"])}'
                               f'</f>{v}</c>')
                else:
                    out.append(f'<c r="{ref}"{st}><v>{cell["number"]}</v>'
                               f'</c>')
            out.append("</row>")
        out.append("</sheetData></worksheet>")
        sheet_xml.append("".join(out))

    sst = [f'<sst xmlns="{NS}" count="{len(strings)}" '
           f'uniqueCount="{len(strings)}">']
    for rich, text in strings:
        body = runs(text) if rich else \
            f'<t xml:space="preserve">{escape(text)}</t>'
        sst.append(f"<si>{body}</si>")
    sst.append("</sst>")
    num_fmts = "".join(f'<numFmt numFmtId="{i}" formatCode="{escape(code)}"/>'
                       for code, i in custom.items())
    styles = (f'<styleSheet xmlns="{NS}">'
              + (f'<numFmts count="{len(custom)}">{num_fmts}</numFmts>'
                 if custom else "")
              + '<fonts count="1"><font><sz val="11"/><name val="Calibri"/>'
              '</font></fonts><fills count="1"><fill><patternFill '
              'patternType="none"/></fill></fills><borders count="1"><border/>'
              '</borders><cellStyleXfs count="1"><xf numFmtId="0" fontId="0" '
              'fillId="0" borderId="0"/></cellStyleXfs>'
              f'<cellXfs count="{len(formats)}">'
              + "".join(f'<xf numFmtId="{f}" fontId="0" fillId="0" '
                        f'borderId="0" applyNumberFormat="1"/>'
                        for f in formats)
              + "</cellXfs></styleSheet>")
    workbook = (f'<workbook xmlns="{NS}" xmlns:r="{REL}">'
                + (f'<workbookPr date1904="1"/>' if date1904 else "")
                + "<sheets>"
                + "".join(f'<sheet name="{escape(name)}" sheetId="{i}" '
                          f'r:id="rId{i}"/>'
                          for i, (name, _) in enumerate(sheets, 1))
                + "</sheets>"
                + ('<calcPr calcId="124519" fullCalcOnLoad="1"/>'
                   if full_calc else "")
                + "</workbook>")
    n = len(sheets)
    wb_rels = (f'<Relationships xmlns="{PKG}">'
               + "".join(f'<Relationship Id="rId{i}" Type="{REL}/worksheet" '
                         f'Target="worksheets/sheet{i}.xml"/>'
                         for i in range(1, n + 1))
               + f'<Relationship Id="rId{n + 1}" Type="{REL}/styles" '
               f'Target="styles.xml"/>'
               f'<Relationship Id="rId{n + 2}" Type="{REL}/sharedStrings" '
               f'Target="sharedStrings.xml"/></Relationships>')
    ct_main = "application/vnd.openxmlformats-officedocument.spreadsheetml"
    types = ('<Types xmlns="http://schemas.openxmlformats.org/package/2006/'
             'content-types"><Default Extension="rels" ContentType="'
             'application/vnd.openxmlformats-package.relationships+xml"/>'
             '<Default Extension="xml" ContentType="application/xml"/>'
             f'<Override PartName="/xl/workbook.xml" ContentType="{ct_main}.'
             'sheet.main+xml"/>'
             + "".join(f'<Override PartName="/xl/worksheets/sheet{i}.xml" '
                       f'ContentType="{ct_main}.worksheet+xml"/>'
                       for i in range(1, n + 1))
             + f'<Override PartName="/xl/styles.xml" ContentType="{ct_main}.'
             'styles+xml"/><Override PartName="/xl/sharedStrings.xml" '
             f'ContentType="{ct_main}.sharedStrings+xml"/></Types>')
    root_rels = (f'<Relationships xmlns="{PKG}"><Relationship Id="rId1" '
                 f'Type="{REL}/officeDocument" Target="xl/workbook.xml"/>'
                 "</Relationships>")
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", types)
        z.writestr("_rels/.rels", root_rels)
        z.writestr("xl/workbook.xml", workbook)
        z.writestr("xl/_rels/workbook.xml.rels", wb_rels)
        z.writestr("xl/styles.xml", styles)
        z.writestr("xl/sharedStrings.xml", "".join(sst))
        for i, xml in enumerate(sheet_xml, 1):
            z.writestr(f"xl/worksheets/sheet{i}.xml", xml)
