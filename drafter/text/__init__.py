"""Vietnamese text rules in one place: dates, labels, case, placeholders, timelines, legacy encodings.

Nothing here knows about DOCX or input files, so the generator, the checker and the tests share
one definition of each rule.
"""
