"""Media forms: upload a file, register an external recording. They only parse; the services decide."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from lawtrail.common.errors import ValidationFailed
from lawtrail.org.models import Officer, Unit
from lawtrail.web.forms import DateTimeLocalInput, DomainForm

from .choices import MediaKind
from .media_services import media_register_uri, media_upload
from .models import MediaRecord

KINDS = [(k, label) for k, label in MediaKind.choices]


class _MediaForm(DomainForm):
    kind = forms.ChoiceField(label=_("类型"), choices=KINDS)
    captured_at = forms.DateTimeField(label=_("拍摄/录制时间"), widget=DateTimeLocalInput())
    duration_seconds = forms.IntegerField(label=_("时长（秒）"), required=False, min_value=0)
    officer = forms.CharField(
        label=_("拍摄民警警号"),
        required=False,
        max_length=20,
        help_text=_("执法记录仪的使用民警；监控录像可不填。"),
    )
    place = forms.CharField(label=_("拍摄地点"), required=False, max_length=200)
    unit = forms.ChoiceField(label=_("保管单位"))

    def __init__(self, data=None, files=None, *, actor: Officer, units: list[Unit]):
        super().__init__(data, files)
        self.actor, self.units = actor, {str(u.pk): u for u in units}
        self.fields["unit"].choices = [(str(u.pk), u.name) for u in units]
        self.fields["unit"].initial = str(actor.unit_id)
        self.fields["officer"].initial = actor.badge_no

    def common(self) -> dict:
        d = self.cleaned_data
        badge = d["officer"].strip()
        officer = None
        if badge:
            officer = Officer.objects.filter(badge_no=badge).first()
            if officer is None:
                raise ValidationFailed(_("警号%(badge)s对应的民警不存在") % {"badge": badge}, field="officer")
        return {
            "actor": self.actor,
            "kind": d["kind"],
            "captured_at": d["captured_at"],
            "unit": self.units[d["unit"]],
            "officer": officer,
            "place": d["place"],
            "duration_seconds": d["duration_seconds"],
        }


class MediaUploadForm(_MediaForm):
    title = _("上传音视频/图片/PDF")
    file = forms.FileField(
        label=_("文件"),
        help_text=_("视频、音频、图片或PDF；系统按文件内容识别类型，并在上传时计算SHA-256。"),
    )
    field_order = ["file", "kind", "captured_at", "duration_seconds", "officer", "place", "unit"]

    def submit(self) -> MediaRecord:
        return media_upload(upload=self.cleaned_data["file"], **self.common())


class MediaRegisterForm(_MediaForm):
    title = _("登记外部音视频")
    uri = forms.CharField(label=_("存储地址"), max_length=500, help_text=_("音视频在证据存储系统中的地址。"))
    sha256 = forms.CharField(
        label="SHA-256",
        min_length=64,
        max_length=64,
        help_text=_("64位十六进制校验值，用于核验文件未被篡改。"),
    )
    field_order = ["uri", "sha256", "kind", "captured_at", "duration_seconds", "officer", "place", "unit"]

    def clean_sha256(self) -> str:
        return self.cleaned_data["sha256"].strip().lower()

    def submit(self) -> MediaRecord:
        d = self.cleaned_data
        return media_register_uri(uri=d["uri"], sha256=d["sha256"], **self.common())


class DecisionForm(forms.Form):
    note = forms.CharField(label=_("意见"), max_length=500, required=False)
