"""Document pages: the scoped list, a draft started from the case page, the draft form with its preview,
issue, correct, service, and the files (the stored PDF/.docx once issued, checked against their SHA-256)."""

from __future__ import annotations

from urllib.parse import quote

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lawtrail.cases.selectors import case_get
from lawtrail.common.errors import DomainError
from lawtrail.web.http import login_required, officer_of, or_404, scope_of

from .choices import DocumentStatus
from .forms import DraftForm, FieldsForm, ServiceForm
from .kinds import KINDS
from .render import document_pages, read, render_docx, render_pdf, sha256
from .selectors import document_get, documents_visible
from .services import document_draft, document_issue

CONTENT_TYPES = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


def _actor(request: HttpRequest):
    actor = officer_of(request)
    if actor is None:
        raise PermissionDenied(_("您的账号未关联民警信息，不能制作法律文书。"))
    return actor


@login_required
def document_list_page(request: HttpRequest) -> HttpResponse:
    status = request.GET.get("status") or ""
    qs = documents_visible(scope_of(request)).select_related("case", "party").order_by("-drafted_at", "-id")
    if status in DocumentStatus.values:
        qs = qs.filter(status=status)
    return render(
        request,
        "documents/list.html",
        {"documents": qs[:200], "statuses": DocumentStatus.choices, "status": status, "nav": "documents"},
    )


@login_required
def document_new_page(request: HttpRequest, number: str, kind: str) -> HttpResponse:
    case = or_404(case_get, scope_of(request), number)
    spec = KINDS.get(kind)
    if spec is None or case.kind not in spec.case_kinds:
        raise Http404(_("没有这种文书"))
    data = request.POST if request.method == "POST" else None  # a kind without choices posts nothing
    form = DraftForm(data, case=case, kind=spec, actor=_actor(request))
    if request.method == "POST" and form.is_valid():
        try:
            document = form.submit()
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("已起草：%(title)s") % {"title": spec.title})
            return redirect("documents:detail", document_id=document.document_id)
    return render(
        request, "documents/form.html", {"form": form, "case": case, "title": form.title, "nav": "cases"}
    )


@login_required
def document_detail_page(request: HttpRequest, document_id: str) -> HttpResponse:
    document = or_404(document_get, scope_of(request), document_id)
    form = None
    if document.status == DocumentStatus.DRAFT:
        form = FieldsForm(request.POST or None, document=document, actor=_actor(request))
        if request.method == "POST" and form.is_valid():
            try:
                form.submit()
            except DomainError as error:
                form.add_domain_error(error)
            else:
                messages.success(request, _("已保存草稿"))
                return redirect("documents:detail", document_id=document.document_id)
    elif request.method == "POST":
        messages.error(request, _("文书已签发，不能修改；如有错误，请制作更正文书。"))
        return redirect("documents:detail", document_id=document.document_id)
    context = {
        "document": document,
        "case": document.case,
        "form": form,
        "pages": document_pages(document),
        "services": document.services.select_related("server").order_by("served_at", "id"),
        "corrections": document.corrections.order_by("drafted_at"),
        "nav": "cases",
    }
    return render(request, "documents/detail.html", context)


def _post_action(request: HttpRequest, document_id: str, action) -> HttpResponse:
    document = or_404(document_get, scope_of(request), document_id)
    try:
        target, message = action(document, _actor(request))
    except DomainError as error:
        messages.error(request, error.message)
        return redirect("documents:detail", document_id=document.document_id)
    messages.success(request, message)
    return redirect("documents:detail", document_id=target.document_id)


@login_required
@require_POST
def document_issue_page(request: HttpRequest, document_id: str) -> HttpResponse:
    def issue(document, actor):
        issued = document_issue(document=document, actor=actor)
        return issued, _("已签发：%(title)s %(number)s") % {"title": issued.title, "number": issued.number}

    return _post_action(request, document_id, issue)


@login_required
@require_POST
def document_correct_page(request: HttpRequest, document_id: str) -> HttpResponse:
    def correct(document, actor):
        draft = document_draft(
            actor=actor,
            case=document.case,
            kind=document.kind,
            party=document.party,
            measure=document.measure,
            corrects=document,
        )
        return draft, _("已起草更正文书；签发后原文书%(number)s标记为已更正") % {"number": document.number}

    return _post_action(request, document_id, correct)


@login_required
@require_POST
def document_receipt_page(request: HttpRequest, document_id: str) -> HttpResponse:
    def receipt(document, actor):
        if document.status == DocumentStatus.DRAFT:
            raise DomainError(_("文书签发后才能制作送达回执"))
        draft = document_draft(
            actor=actor,
            case=document.case,
            kind="service_receipt",
            party=document.party,
            fields={"cites_title": document.title, "cites_number": document.number or "/"},
        )
        return draft, _("已起草送达回执")

    return _post_action(request, document_id, receipt)


@login_required
def document_serve_page(request: HttpRequest, document_id: str) -> HttpResponse:
    document = or_404(document_get, scope_of(request), document_id)
    form = ServiceForm(request.POST or None, document=document, actor=_actor(request))
    if request.method == "POST" and form.is_valid():
        try:
            form.submit()
        except DomainError as error:
            form.add_domain_error(error)
        else:
            messages.success(request, _("已登记送达"))
            return redirect("documents:detail", document_id=document.document_id)
    return render(
        request,
        "documents/form.html",
        {"form": form, "case": document.case, "document": document, "title": form.title, "nav": "cases"},
    )


@login_required
def document_file(request: HttpRequest, document_id: str, fmt: str) -> HttpResponse:
    """The stored file of an issued document (refused if it no longer matches its SHA-256); a draft is
    rendered on the fly and marked 草稿."""
    if fmt not in CONTENT_TYPES:
        raise Http404(_("没有这种格式"))
    document = or_404(document_get, scope_of(request), document_id)
    label = f"{document.title}{document.number}"
    if document.status == DocumentStatus.DRAFT:
        pages = document_pages(document)
        data = render_pdf(pages, title=label, draft=True) if fmt == "pdf" else render_docx(pages, title=label)
        name = f"{document.title}（草稿）.{fmt}"
    else:
        path, digest = (
            (document.pdf_path, document.pdf_sha256)
            if fmt == "pdf"
            else (document.docx_path, document.docx_sha256)
        )
        data = read(path)
        if sha256(data) != digest:
            return HttpResponse(
                _("文件校验失败：存储的文件与签发时的SHA-256不一致，请联系系统管理员。"),
                status=500,
                content_type="text/plain; charset=utf-8",
            )
        name = f"{label}.{fmt}"
    response = HttpResponse(data, content_type=CONTENT_TYPES[fmt])
    disposition = "inline" if fmt == "pdf" else "attachment"
    response["Content-Disposition"] = f"{disposition}; filename*=UTF-8''{quote(name)}"
    return response
