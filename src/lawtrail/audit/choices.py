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
