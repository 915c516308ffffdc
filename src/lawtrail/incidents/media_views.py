"""Media pages: the list with the proposals waiting for a decision, upload and registration, a record's
page (its proposals, confirm or reject, its history) and the download of a stored file.

A stored file is always served as an attachment with `X-Content-Type-Options: nosniff` and a sandboxing
Content-Security-Policy, so that no file can be rendered by the browser as a page of this site.
"""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import default_storage
from django.http import FileResponse, Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from lawtrail.common.errors import DomainError
from lawtrail.events.models import Event
from lawtrail.web.http import login_required, officer_of, or_404, scope_of
from lawtrail.web.selectors import units_in_scope
from lawtrail.web.timeline import timeline

from .media_forms import DecisionForm, MediaRegisterForm, MediaUploadForm
from .media_selectors import media_get, media_list, media_proposals
from .media_services import media_link_confirm, media_link_reject, media_propose_links


def _actor(request: HttpRequest):
    actor = officer_of(request)
    if actor is None:
        raise PermissionDenied(_("您的账号未关联民警信息，不能登记音视频。"))
    return actor


@login_required
def media_list_page(request: HttpRequest) -> HttpResponse:
    pending = request.GET.get("pending") == "1"
    records = list(media_list(scope_of(request), pending_only=pending)[:200])
    return render(
        request, "incidents/media_list.html", {"records": records, "pending": pending, "nav": "media"}
    )


def _media_form_page(request: HttpRequest, form_class) -> HttpResponse:
    actor = _actor(request)
    units = list(units_in_scope(scope_of(request)))
    if request.method == "POST":
        form = form_class(request.POST, request.FILES, actor=actor, units=units)
        if form.is_valid():
            try:
                media = form.submit()
            except DomainError as error:
                form.add_domain_error(error)
            else:
                found = media.proposals.count()
                messages.success(
                    request,
                    _("已登记，SHA-256 %(hash)s；找到关联建议 %(n)d 条")
                    % {"hash": media.sha256[:16] + "…", "n": found},
                )
                return redirect("incidents:media_detail", media_id=media.media_id)
    else:
        form = form_class(actor=actor, units=units)
    return render(request, "incidents/media_form.html", {"form": form, "title": form.title, "nav": "media"})


@login_required
def media_upload_page(request: HttpRequest) -> HttpResponse:
    return _media_form_page(request, MediaUploadForm)


@login_required
def media_register_page(request: HttpRequest) -> HttpResponse:
    return _media_form_page(request, MediaRegisterForm)


@login_required
def media_detail_page(request: HttpRequest, media_id: str) -> HttpResponse:
    media = or_404(media_get, scope_of(request), media_id)
    events = Event.objects.filter(subject_type="media", subject_key=str(media.media_id)).order_by(
        "occurred_at", "seq"
    )
    context = {
        "m": media,
        "proposals": list(media_proposals(media)),
        "timeline": timeline(events),
        "nav": "media",
    }
    return render(request, "incidents/media_detail.html", context)


@login_required
def media_download(request: HttpRequest, media_id: str) -> FileResponse:
    media = or_404(media_get, scope_of(request), media_id)
    if not media.storage_name:
        raise Http404(_("该音视频保存在外部系统，请按存储地址调取"))
    if not default_storage.exists(media.storage_name):
        raise Http404(_("存储中找不到该文件，请联系管理员运行 lawtrail media verify"))
    name = media.original_name or media.storage_name.rsplit("/", 1)[-1]
    response = FileResponse(
        default_storage.open(media.storage_name, "rb"),
        as_attachment=True,
        filename=name,
        content_type=media.content_type or "application/octet-stream",
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    response["X-Media-SHA256"] = media.sha256
    return response


@login_required
@require_POST
def media_propose_page(request: HttpRequest, media_id: str) -> HttpResponse:
    media = or_404(media_get, scope_of(request), media_id)
    found = media_propose_links(media=media, actor=_actor(request))
    messages.success(request, _("新的关联建议 %(n)d 条") % {"n": len(found)})
    return redirect("incidents:media_detail", media_id=media.media_id)


@login_required
@require_POST
def media_decide_page(request: HttpRequest, media_id: str, proposal_id: int, decision: str) -> HttpResponse:
    if decision not in ("confirm", "reject"):
        raise Http404(_("没有这项操作"))
    media = or_404(media_get, scope_of(request), media_id)
    proposal = media.proposals.filter(pk=proposal_id).select_related("media").first()
    if proposal is None:
        raise Http404(_("没有这条关联建议"))
    form = DecisionForm(request.POST)
    note = form.cleaned_data["note"] if form.is_valid() else ""
    try:
        if decision == "confirm":
            media_link_confirm(proposal=proposal, actor=_actor(request), note=note)
            messages.success(request, _("已确认关联：%(target)s") % {"target": proposal.target_key})
        else:
            media_link_reject(proposal=proposal, actor=_actor(request), note=note)
            messages.success(request, _("已否定关联：%(target)s") % {"target": proposal.target_key})
    except DomainError as error:
        messages.error(request, error.message)
    nxt = request.POST.get("next", "")
    if nxt.startswith("/") and not nxt.startswith("//"):
        return redirect(nxt)
    return redirect("incidents:media_detail", media_id=media.media_id)
