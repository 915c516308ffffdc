"""Organisation: the unit tree, officers and their role grants.

Visibility in lawtrail is scoped by unit (see policies.py). Units and officers are created by events
(`unit.created`, `officer.created`, `officer.role_granted`) so that an export carries the organisation a
case history refers to.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models

from .choices import QualificationLevel, Role, UnitKind


class Unit(models.Model):
    """A unit of a public security bureau. `path` is the materialised path of codes (subtree = prefix)."""

    code = models.CharField("机构代码", max_length=20, unique=True)
    name = models.CharField("名称", max_length=100)
    short_name = models.CharField("简称", max_length=30, blank=True)
    kind = models.CharField("类型", max_length=20, choices=UnitKind.choices)
    parent = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="children"
    )
    # The bureau (tree root) this unit belongs to: the scope of "the whole bureau" and the distribution key.
    bureau = models.ForeignKey("self", null=True, blank=True, on_delete=models.PROTECT, related_name="+")
    path = models.CharField(max_length=400, db_index=True)
    depth = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["path"]
        verbose_name = "单位"

    def __str__(self) -> str:
        return self.name

    @property
    def label(self) -> str:
        return self.short_name or self.name


class Officer(models.Model):
    """A police or auxiliary officer (民警 / 辅警). An auxiliary officer may not act alone as a handler."""

    badge_no = models.CharField("警号", max_length=20, unique=True)
    name = models.CharField("姓名", max_length=50)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="officers")
    is_auxiliary = models.BooleanField("辅警", default=False)
    qualification_level = models.CharField(
        "执法资格等级", max_length=20, choices=QualificationLevel.choices, default=QualificationLevel.NONE
    )
    qualification_expires = models.DateField("执法资格有效期至", null=True, blank=True)
    phone = models.CharField("电话", max_length=30, blank=True)
    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, related_name="officer"
    )
    is_active = models.BooleanField(default=True)

    class Meta:
        ordering = ["unit__path", "badge_no"]
        verbose_name = "民警"

    def __str__(self) -> str:
        return f"{self.name}（{self.badge_no}）"


class RoleGrant(models.Model):
    """A role held by an officer over a unit and its sub-units (grants are inherited down the tree)."""

    officer = models.ForeignKey(Officer, on_delete=models.CASCADE, related_name="grants")
    role = models.CharField("角色", max_length=30, choices=Role.choices)
    unit = models.ForeignKey(Unit, on_delete=models.PROTECT, related_name="grants")

    class Meta:
        constraints = [models.UniqueConstraint(fields=["officer", "role", "unit"], name="unique_role_grant")]
        verbose_name = "角色授权"

    def __str__(self) -> str:
        return f"{self.officer} {self.get_role_display()} @ {self.unit}"
