"""Hostile strings: script injection in text and in attributes, and SQL meant to break out of a literal."""

SCRIPT = "<script>alert('xss')</script>"
IMAGE = '<img src=x onerror="alert(1)">'
ATTRIBUTE = '" autofocus onfocus="alert(2)'
TEMPLATE = "{{ request.user }}{% debug %}"
SQL = "'; DROP TABLE cases_case; --"
SQL_OR = "' OR '1'='1"

HOSTILE = [SCRIPT, IMAGE, ATTRIBUTE, TEMPLATE, SQL, SQL_OR, "javascript:alert(3)", "\u202eevil", "王强\x00"]
# What must never reach a page unescaped.
MARKUP = [SCRIPT, IMAGE, ATTRIBUTE, "<script>alert", 'onerror="alert', 'onfocus="alert']
