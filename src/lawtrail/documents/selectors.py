"""Document reads, scoped like the case they belong to (out of scope is 404)."""

from __future__ import annotations

from django.db.models import QuerySet

from lawtrail.cases.models import Case
from lawtrail.cases.selectors import cases_visible
from lawtrail.common.errors import NotFound
from lawtrail.org.policies import Scope

from .models import Document


def documents_visible(scope: Scope) -> QuerySet[Document]:
    return Document.objects.filter(case__in=cases_visible(scope))


def document_get(scope: Scope, document_id: str) -> Document:
    document = (
        documents_visible(scope)
        .select_related("case__unit", "case__offence", "party", "corrects", "issued_by", "drafted_by")
        .filter(document_id=str(document_id))
        .first()
    )
    if document is None:
        raise NotFound(f"文书{document_id}不存在或不在您的查看范围内")
    return document


def case_documents(case: Case) -> QuerySet[Document]:
    """The documents of a case (the caller fetched the case through its scope), with their services."""
    return (
        case.documents.select_related("party", "corrects")
        .prefetch_related("services", "corrections")
        .order_by("drafted_at", "id")
    )
