"""NĐ 30/2020 compliance checker for any DOCX: rules as data, formatting resolved as Word shows it."""

from .runner import check_document, content_findings

__all__ = ["check_document", "content_findings"]
