"""Font sizes of the text printed on each page of a PDF, read from the
page's content streams: the size operand of every `Tf` (the font size
LibreOffice sets for a run of text) times the scale of the text matrix
(`Tm`) and of the graphics state (`cm`, saved and restored by `q`/`Q`),
and the same through the form XObjects a page draws (`Do`).

Why not another tool: `pdffonts` gives no sizes, and `pdftohtml -xml`
rounds them to whole points (an 8.5 pt text reads as 9), too coarse for a
"nothing under 9 pt" rule; the content streams hold the exact sizes
(LibreOffice writes e.g. `/F1 8.504 Tf`).  Only what LibreOffice writes
is read: uncompressed or FlateDecode streams, no object streams."""
import re
import zlib

OBJ = re.compile(rb"(\d+)\s+0\s+obj\b(.*?)\bendobj", re.S)
TOKEN = re.compile(rb"\((?:\\.|[^\\)])*\)|<[0-9A-Fa-f\s]*>|\[|\]|/[^\s/\[\]()<>]+"
                   rb"|[-+]?(?:\d+\.?\d*|\.\d+)|[A-Za-z'\"*]+|<<|>>")


def _objects(data):
    """{object number: (dictionary bytes, decompressed stream or None)}"""
    objs = {}
    for m in OBJ.finditer(data):
        body = m.group(2)
        s = re.search(rb"stream\r?\n", body)
        if not s:
            objs[int(m.group(1))] = (body, None)
            continue
        head, raw = body[:s.start()], body[s.end():]
        raw = raw[:raw.rfind(b"endstream")]
        if b"FlateDecode" in head:
            raw = zlib.decompressobj().decompress(raw)
        objs[int(m.group(1))] = (head, raw)
    return objs


def _refs(text, key):
    """The object numbers after /key (one reference or an array)."""
    m = re.search(rb"/" + key + rb"\s*(\[[^\]]*\]|\d+\s+0\s+R)", text)
    return [int(n) for n in re.findall(rb"(\d+)\s+0\s+R", m.group(1))] if m else []


def _xobjects(objs, page_dict):
    """{name: object number} of the XObjects in a page's resources."""
    res = page_dict
    r = re.search(rb"/Resources\s+(\d+)\s+0\s+R", page_dict)
    if r:
        res = objs[int(r.group(1))][0]
    m = re.search(rb"/XObject\s*(<<.*?>>|\d+\s+0\s+R)", res, re.S)
    if not m:
        return {}
    d = m.group(1)
    if d.endswith(b"R"):
        d = objs[int(d.split()[0])][0]
    return {k: int(v) for k, v in re.findall(rb"/([^\s/]+)\s+(\d+)\s+0\s+R", d)}


def _mul(a, b):
    return [a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3],
            a[2] * b[0] + a[3] * b[2], a[2] * b[1] + a[3] * b[3],
            a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5]]


def _scale(m):
    """The vertical scale of a matrix (the size a 1 pt font prints at)."""
    return (m[2] ** 2 + m[3] ** 2) ** 0.5


def _sizes(objs, stream, ctm, xobjs, out, depth=0):
    stack, operands = [], []
    tm = [1, 0, 0, 1, 0, 0]
    size = None
    for tok in TOKEN.findall(stream):
        c = tok[:1]
        if c in b"-+.0123456789":
            operands.append(float(tok))
            continue
        if c in b"/([<]" or tok in (b"<<", b">>"):
            operands.append(tok)
            continue
        if tok == b"q":
            stack.append(ctm)
        elif tok == b"Q" and stack:
            ctm = stack.pop()
        elif tok == b"cm" and len(operands) >= 6:
            ctm = _mul(operands[-6:], ctm)
        elif tok == b"BT":
            tm = [1, 0, 0, 1, 0, 0]
        elif tok == b"Tm" and len(operands) >= 6:
            tm = operands[-6:]
        elif tok == b"Tf" and operands:
            size = operands[-1]
        elif tok in (b"Tj", b"TJ", b"'", b'"') and size is not None:
            out.append(round(size * _scale(_mul(tm, ctm)), 3))
        elif tok == b"Do" and operands and depth < 8:
            num = xobjs.get(operands[-1][1:].decode("latin1"))
            if num in objs and objs[num][1] is not None:
                head, body = objs[num]
                m = re.search(rb"/Matrix\s*\[([^\]]*)\]", head)
                mat = [float(x) for x in m.group(1).split()] if m else \
                    [1, 0, 0, 1, 0, 0]
                _sizes(objs, body, _mul(mat, ctm),
                       {**xobjs, **_xobjects(objs, head)}, out, depth + 1)
        operands = []
    return out


def page_text_sizes(path):
    """[[font size of each text run printed on page 1], [page 2], ...]"""
    with open(path, "rb") as f:
        objs = _objects(f.read())
    root = next(h for h, _ in objs.values()
                if re.search(rb"/Type\s*/Pages\b", h)
                and not re.search(rb"/Parent\b", h))
    pages = []

    def walk(node):
        for kid in _refs(node, b"Kids"):
            head = objs[kid][0]
            if re.search(rb"/Type\s*/Pages\b", head):
                walk(head)
            else:
                pages.append(head)
    walk(root)
    result = []
    for head in pages:
        xobjs = _xobjects(objs, head)
        sizes = []
        for num in _refs(head, b"Contents"):
            _sizes(objs, objs[num][1] or b"", [1, 0, 0, 1, 0, 0], xobjs, sizes)
        result.append(sizes)
    return result


if __name__ == "__main__":
    import sys
    for i, sizes in enumerate(page_text_sizes(sys.argv[1])):
        print(i + 1, min(sizes) if sizes else None, len(sizes))
