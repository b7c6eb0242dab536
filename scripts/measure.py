#!/usr/bin/env python3
"""Measure the pages of report PDFs from the glyphs the PDFs hold.

For each PDF: the worst stretch of a justified body line (in 字 a gap),
widows and orphans (a paragraph split across pages with fewer than two
lines on one side), pages holding only a signature or a single line, the
signature's place (GB/T 9704 7.3.5 without a seal), line-breaking
prohibitions broken, line-initial opening brackets not set flush and
adjacent full-width marks not squeezed. Reads the PDFs with PyMuPDF (Debian python3-fitz).

    scripts/measure.py [--json] FILE.pdf...

Exits 1 when a PDF breaks a limit: stretch above 1/8 字, any widow,
orphan, lone page, misplaced signature, broken prohibition, bracket half a
字 in or pair of marks not squeezed.
"""

import json
import re
import sys

import fitz

MM = 72 / 25.4
BODY = 16.0                  # 3号
PITCH = 156 * MM / 28        # the grid's character pitch
TRACK = PITCH - BODY         # space between two full-width glyphs
WIDTH = 156 * MM             # the 版心
BINDING = 28 * MM
OUTSIDE = (210 - 28 - 156) * MM
FOLIO = 14.0
MAX_STRETCH = 1 / 8          # 字 a gap
TOL = 0.6                    # pt
LINE = 225 * MM / 22         # the grid's line pitch

NO_START = set("。．，、：；！？”’）》〉」』】〕〗］｝～–—·・‧/／%％‰℃°")
NO_END = set("“‘（《〈「『【〔〖［｛")
OPEN = NO_END
MARKS = set("。．，、：；！？”’）》〉」』】〕〗］｝") | OPEN
# Glyphs as drawn: no spaces made up from gaps.
FLAGS = fitz.TEXT_PRESERVE_LIGATURES | fitz.TEXT_PRESERVE_WHITESPACE | fitz.TEXT_INHIBIT_SPACES
DATE = re.compile(r"^\d{4}年\d{1,2}月\d{1,2}日$")


def is_han(c):
    o = ord(c)
    return 0x3400 <= o <= 0x9FFF or 0xF900 <= o <= 0xFAFF


def is_wide(c):
    return ord(c) >= 0x2E80 or c in "—–…·‧“”‘’°"


def natural_gap(a, b):
    """The space the rules put between two glyphs before justification."""
    if a == " " or b == " ":
        return None
    if is_han(a) and b.isascii() and b.isalnum():
        return TRACK + BODY / 4
    if a.isascii() and a.isalnum() and is_han(b):
        return BODY / 4
    if is_wide(a):
        return TRACK
    return 0.0


class Line:
    def __init__(self, page, y, chars):
        self.page = page
        self.y = y
        self.chars = sorted(chars, key=lambda c: c[0])
        self.text = "".join(c[2] for c in self.chars)
        left = BINDING if page % 2 == 1 else OUTSIDE
        self.left = left
        self.right = left + WIDTH
        self.x0 = self.chars[0][0]
        x, w, _ = self.chars[-1]
        self.x1 = x + w
        self.indented = abs(self.x0 - (left + 2 * PITCH)) < 1
        self.flush = abs(self.x0 - left) < 1
        # A line-initial opening bracket is set flush: its blank half
        # hangs outside the 版心.
        self.bracket_in = self.flush and self.text[0] in OPEN
        if self.text[0] in OPEN and abs(self.x0 + BODY / 2 - left) < 1:
            self.flush = True
        self.full = self.x1 >= self.right - BODY / 2 - TOL

    def stretch(self):
        """The largest space added to a gap by justification, in 字."""
        worst = 0.0
        for (xa, wa, a), (xb, _, b) in zip(self.chars, self.chars[1:]):
            nat = natural_gap(a, b)
            if nat is None:
                continue
            worst = max(worst, (xb - xa - wa - nat) / BODY)
        return worst


def pages_of(path):
    """Body lines, table presence and folio of each page."""
    doc = fitz.open(path)
    out = []
    for i, page in enumerate(doc):
        rows = {}
        table = False
        for block in page.get_text("rawdict", flags=FLAGS)["blocks"]:
            for ln in block.get("lines", []):
                for span in ln["spans"]:
                    size = round(span["size"], 1)
                    for ch in span["chars"]:
                        if ch["c"].isspace() and ch["c"] != " ":
                            continue
                        if abs(size - BODY) < 0.05:
                            y = round(ch["origin"][1], 1)
                            x0, _, x1, _ = ch["bbox"]
                            rows.setdefault(y, []).append((ch["origin"][0], x1 - x0, ch["c"]))
                        elif size < FOLIO - 0.05:
                            table = True
        lines = [Line(i + 1, y, cs) for y, cs in sorted(rows.items())]
        lines = [ln for ln in lines if ln.text.strip()]
        out.append((lines, table))
    return out


def measure(path):
    pages = pages_of(path)
    res = {"file": path, "pages": len(pages), "stretch": 0.0, "stretch_at": "",
           "widows": [], "orphans": [], "lone": [], "signature": [], "prohibited": []}
    body = []       # (page, Line) of paragraph text, in reading order
    signature = []
    for lines, _ in pages:
        for ln in lines:
            (body if ln.indented or ln.flush else signature).append(ln)
    for ln in body:
        s = ln.stretch()
        if s > res["stretch"]:
            res["stretch"] = s
            res["stretch_at"] = "p%d 「%s」" % (ln.page, ln.text)
        if ln.text[0] in NO_START:
            res["prohibited"].append("p%d starts with %s: 「%s」" % (ln.page, ln.text[0], ln.text))
        for (xa, _, a), (xb, _, b) in zip(ln.chars, ln.chars[1:]):
            if a in MARKS and b in MARKS and xb - xa > 0.75 * PITCH:
                res["prohibited"].append("p%d 「%s%s」 not squeezed: 「%s」" % (ln.page, a, b, ln.text))
        if ln.bracket_in:
            res["prohibited"].append("p%d opening bracket half a 字 in: 「%s」" % (ln.page, ln.text))
        if ln.text[-1] in NO_END:
            res["prohibited"].append("p%d ends with %s: 「%s」" % (ln.page, ln.text[-1], ln.text))
    # Paragraphs: an indented line starts one.
    paras = []
    for ln in body:
        if ln.indented or not paras:
            paras.append([])
        paras[-1].append(ln)
    for p in paras:
        first, last = p[0].page, p[-1].page
        if first == last:
            continue
        before = sum(1 for ln in p if ln.page == first)
        after = sum(1 for ln in p if ln.page == last)
        if before < 2:
            res["orphans"].append("p%d 「%s」" % (first, p[0].text))
        if after < 2:
            res["widows"].append("p%d 「%s」" % (last, p[-1].text))
    for n, (lines, table) in enumerate(pages, 1):
        text = [ln for ln in lines if ln.indented or ln.flush]
        if not table and len(text) <= 1 and lines:
            res["lone"].append("p%d: %s" % (n, " / ".join(ln.text for ln in lines)))
    if signature:
        res["signature"] = check_signature(signature, body)
    res["ok"] = (res["stretch"] <= MAX_STRETCH + 1e-6 and not res["widows"] and not res["orphans"]
                 and not res["lone"] and not res["signature"] and not res["prohibited"])
    return res


def check_signature(sig, body):
    """GB/T 9704 7.3.5.2, a document without a seal: one empty line under
    the text, the 署名 右空二字, the date on the next line starting 2 字 right
    of the 署名's first character; when the date is longer, the date 右空二字
    and the 署名 2 字 left of it. Both on one page, with at least two lines
    of text."""
    faults = []
    if len(sig) != 2 or not DATE.match(sig[1].text):
        return ["signature lines %s" % [ln.text for ln in sig]]
    name, date = sig
    if name.page != date.page:
        faults.append("署名 on p%d, date on p%d" % (name.page, date.page))
    above = [ln for ln in body if ln.page == name.page]
    if len(above) < 2:
        faults.append("署名 on p%d with fewer than two lines of text" % name.page)
    elif not 1.5 * LINE < name.y - above[-1].y < 2.5 * LINE:
        faults.append("no single empty line between the text and the 署名")
    if not 0.5 * LINE < date.y - name.y < 1.5 * LINE:
        faults.append("date not on the line under the 署名")
    wide = date if date.x1 - date.x0 > name.x1 - name.x0 else name
    if abs(wide.right - 2 * PITCH - wide.x1) > 1.5:
        faults.append("「%s」 ends %.1f pt from the right edge, want 2 字" % (wide.text, wide.right - wide.x1))
    if abs(date.x0 - name.x0 - 2 * PITCH) > 1.5:
        faults.append("the date begins %.1f 字 right of the 署名, want 2" % ((date.x0 - name.x0) / PITCH))
    return faults


def main(argv):
    as_json = "--json" in argv
    files = [a for a in argv if a != "--json"]
    if not files:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    results = [measure(f) for f in files]
    if as_json:
        json.dump(results, sys.stdout, ensure_ascii=False, indent=1)
        print()
    else:
        for r in results:
            print("%s: %d pages, worst stretch %.3f 字 %s; widows %d, orphans %d, lone pages %d, signature %s, prohibitions %d" % (
                r["file"], r["pages"], r["stretch"], r["stretch_at"], len(r["widows"]), len(r["orphans"]),
                len(r["lone"]), "ok" if not r["signature"] else "; ".join(r["signature"]), len(r["prohibited"])))
            for k in ("widows", "orphans", "lone", "prohibited"):
                for s in r[k]:
                    print("  %s: %s" % (k, s))
    return 0 if all(r["ok"] for r in results) else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
