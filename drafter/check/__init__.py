"""NĐ 30/2020 compliance checker for any DOCX: rules as data, formatting resolved as Word shows it."""
