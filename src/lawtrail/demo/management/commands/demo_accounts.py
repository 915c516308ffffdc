"""`lawtrail demo_accounts`: create (if missing) and print the demo sign-in accounts, one per role."""

from __future__ import annotations

import unicodedata

from django.core.management.base import BaseCommand

from lawtrail.demo.accounts import ensure_demo_accounts


def _width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _pad(text: str, width: int) -> str:
    return text + " " * (width - _width(text))


class Command(BaseCommand):
    help = "创建（如不存在）并列出演示账号：每个角色一个，关联演示数据中的民警。密码取自 LAWTRAIL_DEMO_PASSWORD（默认 Lawtrail@2026）。"

    def handle(self, *args, **options) -> None:
        rows = ensure_demo_accounts()
        if not rows:
            self.stdout.write("没有演示数据（梧州市公安局），未创建演示账号；请先运行 lawtrail demo。")
            return
        header = ("用户名", "密码", "姓名", "警号", "单位", "角色")
        table = [header] + [(r.username, r.password, r.name, r.badge_no, r.unit, r.role) for r in rows]
        widths = [max(_width(row[i]) for row in table) for i in range(len(header))]
        self.stdout.write("演示账号（登录 http://127.0.0.1:8000/）：")
        for i, row in enumerate(table):
            self.stdout.write("  " + "  ".join(_pad(cell, widths[j]) for j, cell in enumerate(row)).rstrip())
            if i == 0:
                self.stdout.write("  " + "  ".join("-" * w for w in widths))
        if any(r.role == "系统管理员" for r in rows):
            self.stdout.write(
                "系统管理员（admin）须使用两步验证：首次登录后按页面提示用身份验证器应用扫码绑定（docs/security.md）。"
            )
        created = sum(r.created for r in rows)
        if created:
            self.stdout.write(f"新建 {created} 个账号。")
