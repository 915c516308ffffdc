from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    """What was done. `change` entries mirror the event history; the others are reads and sign-ins."""

    CHANGE = "change", _("变更")
    READ = "read", _("查阅")
    EXPORT = "export", _("导出")
    DOWNLOAD = "download", _("下载")
    LOGIN = "login", _("登录")
    LOGOUT = "logout", _("退出")
    LOGIN_FAILED = "login_failed", _("登录失败")
    LOCKED_OUT = "locked_out", _("账号锁定")
    BACKUP = "backup", _("备份")
    RESTORE = "restore", _("恢复")


# How the search page names the kinds of object an entry is about (the stored value is the stable English).
OBJECT_LABELS = {
    "case": _("案件"),
    "incident": _("警情"),
    "measure": _("强制措施"),
    "interview": _("询问/讯问"),
    "officer": _("民警"),
    "unit": _("单位"),
    "document": _("法律文书"),
    "media": _("音视频"),
    "audit_search": _("审计查询"),
    "backup": _("备份"),
}
