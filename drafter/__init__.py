"""drafter: first drafts of provincial external-information plans (KH-UBND) in NĐ 30 format.

The package is laid out by what each part is for:

    text/     Vietnamese text rules: dates, labels ("I.", "1.", "a)"), case, placeholders, timelines
    inputs/   reading and validating input files: profiles, catalogue, plan kinds, national data, overrides
    plan/     what a plan says: request → tasks → reviewers' changes → blocks → numbering (pure, no DOCX)
    docxio/   writing and reading DOCX: the one seam that opens files, rendering, bookmarks, layout, previews
    review/   the reviewer round trip: harvest edits from a reviewed plan, compare two plans
    check/    the NĐ 30/2020 checker for any DOCX
    api.py    the library entry points; cli.py is a thin layer over them
"""

from ._version import __version__

__all__ = ["__version__"]
