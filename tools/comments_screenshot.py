"""Make docs/img/comments.png: page 1 of a commented copy (`drafter check --comments`) with its
comments in the right margin, as a reviewer sees them in Word.

LibreOffice draws the page; its PDF export puts each comment there as an annotation (a marker
where the comment is anchored, and the comment's text). LibreOffice 7.4 (Debian 12) cannot yet
export comments in the margin (ExportNotesInMargin came later), and poppler draws only the marker,
so this script reads each marker's position and text from the PDF and sets the text beside the
page at that height, then Chromium takes the picture.

    python tools/comments_screenshot.py COMMENTED.docx docs/img/comments.png
"""

from __future__ import annotations

import html
import re
import subprocess
import sys
import tempfile
from pathlib import Path

DPI = 70
PT = DPI / 72
MARGIN = 330  # px beside the page for the comments


def annotations(pdf: bytes, page_objects: list[bytes]) -> list[tuple[float, float, str]]:
    """(x, y from the top in points, text) of each comment annotation on page 1."""
    first = re.search(rb"/Type/Page/.*?/Annots\[(.*?)\]", pdf, re.S)
    numbers = [int(n) for n in re.findall(rb"(\d+) 0 R", first.group(1))] if first else []
    height = float(re.search(rb"/MediaBox\[0 0 [\d.]+ ([\d.]+)\]", pdf).group(1))
    out = []
    for n in numbers:
        body = re.search(rb"\n%d 0 obj\n(.*?)endobj" % n, pdf, re.S).group(1)
        if b"/Subtype /Text" not in body:
            continue
        x1, y1, _, y2 = (float(v) for v in re.search(rb"/Rect\[([\d. ]+)\]", body).group(1).split())
        text = bytes.fromhex(re.search(rb"/Contents <([0-9A-F]+)>", body).group(1).decode()).decode("utf-16")
        out.append((x1, height - y2, text))
    return out


def page_html(png: Path, notes: list[tuple[float, float, str]], width: int, height: int) -> str:
    boxes, lines, floor = [], [], 10
    for x, y, text in sorted(notes, key=lambda n: n[1]):
        top = max(y * PT - 8, floor)
        title, _, rest = text.partition(": ")
        body = "<br>".join(html.escape(part) for part in rest.split("\n"))
        boxes.append(f'<div class="note" style="top:{top:.0f}px"><b>drafter</b> · {html.escape(title)}<br>{body}</div>')
        lines.append(f'<line x1="{x * PT:.0f}" y1="{y * PT + 6:.0f}" x2="{width + 8}" y2="{top + 10:.0f}"/>')
        floor = top + 18 + 13 * (len(text) // 46 + text.count("\n") + 1)
    return f"""<!doctype html><meta charset="utf-8"><style>
body{{margin:0;background:#e8e8e8;font:11px/13px 'Liberation Sans',Arial,sans-serif}}
.page{{position:relative;width:{width + MARGIN}px;height:{height}px}}
.note{{position:absolute;left:{width + 8}px;width:{MARGIN - 22}px;background:#fff8c6;border:1px solid #d9b300;
border-radius:3px;padding:3px 5px;box-shadow:1px 1px 2px #999}}
svg{{position:absolute;left:0;top:0}} line{{stroke:#d9b300;stroke-dasharray:3 2}}</style>
<div class="page"><img src="{png.as_uri()}" width="{width}" height="{height}">
<svg width="{width + MARGIN}" height="{height}">{''.join(lines)}</svg>{''.join(boxes)}</div>"""


def main(docx: Path, target: Path) -> None:
    with tempfile.TemporaryDirectory() as folder:
        work = Path(folder)
        subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{work}/lo", "--convert-to",
                        'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"}}',
                        "--outdir", str(work), str(docx)], check=True, capture_output=True)
        pdf = work / f"{docx.stem}.pdf"
        subprocess.run(["pdftoppm", "-r", str(DPI), "-png", "-f", "1", "-l", "1", str(pdf), str(work / "page")],
                       check=True, capture_output=True)
        png = next(work.glob("page*.png"))
        size = re.search(rb"/MediaBox\[0 0 ([\d.]+) ([\d.]+)\]", pdf.read_bytes())
        width, height = round(float(size.group(1)) * PT), round(float(size.group(2)) * PT)
        page = work / "page.html"
        page.write_text(page_html(png, annotations(pdf.read_bytes(), []), width, height), encoding="utf-8")
        target.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["chromium", "--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars",
                        f"--screenshot={target.resolve()}", f"--window-size={width + MARGIN},{height}",
                        page.as_uri()], check=True, capture_output=True, timeout=120)


if __name__ == "__main__":
    main(Path(sys.argv[1]), Path(sys.argv[2]))
