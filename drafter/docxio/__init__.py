"""Writing and reading DOCX.

package.py is the one seam every reader and writer goes through (opening with clear errors and
bounded inflation, deterministic saving); structure.py finds the body, the appendix table and
drafter's bookmarks; render.py is the only caller of docxtpl; marks.py bookmarks what was
generated; layout.py (with styles.py, widths.py, pagination.py and textwidth.py) fits column
widths, rule lines and page breaks to the rendered text; preview.py calls LibreOffice.
"""
