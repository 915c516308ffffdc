"""Legal documents: templates, numbering (文号), .docx/PDF, issue lock, service."""
