"""`lawtrail api_token create BADGE --name NAME` | `revoke PREFIX` | `list [BADGE]`.

Tokens are issued on the server by an administrator, for another system that will act as the officer.
The token is printed once, on creation; lawtrail keeps only its SHA-256.
"""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from lawtrail.api.models import ApiToken
from lawtrail.api.services import api_token_create, api_token_revoke, token_digest
from lawtrail.common import clock
from lawtrail.common.errors import DomainError
from lawtrail.org.models import Officer


class Command(BaseCommand):
    help = "创建、吊销或列出 API 令牌 (create, revoke or list API tokens)"

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        create = sub.add_parser("create", help="为民警创建令牌（令牌只显示这一次）")
        create.add_argument("badge", help="警号")
        create.add_argument("--name", required=True, help="用途，如调用方系统的名称")
        revoke = sub.add_parser("revoke", help="吊销令牌")
        revoke.add_argument("prefix", help="令牌前缀（见 list），或完整令牌")
        listing = sub.add_parser("list", help="列出令牌（只显示前缀）")
        listing.add_argument("badge", nargs="?", help="只列此警号的令牌")

    def handle(self, *args, action: str, **options) -> None:
        getattr(self, f"handle_{action}")(**options)

    def handle_create(self, *, badge: str, name: str, **_) -> None:
        officer = Officer.objects.filter(badge_no=badge).first()
        if officer is None:
            raise CommandError(f"警号{badge}对应的民警不存在")
        try:
            token, raw = api_token_create(officer=officer, name=name)
        except DomainError as exc:
            raise CommandError(exc.message) from exc
        self.stderr.write(
            f"已为{officer}创建令牌「{token.name}」（前缀 {token.prefix}）。令牌只显示这一次，请妥善保存："
        )
        self.stdout.write(raw)

    def handle_revoke(self, *, prefix: str, **_) -> None:
        tokens = ApiToken.objects.select_related("officer")
        token = (
            tokens.filter(prefix=prefix).first() or tokens.filter(token_sha256=token_digest(prefix)).first()
        )
        if token is None:
            raise CommandError(f"没有前缀为{prefix}的令牌（用 lawtrail api_token list 查看前缀）")
        already = token.revoked_at is not None
        api_token_revoke(token=token)
        state = "此前已吊销" if already else "已吊销"
        self.stdout.write(f"令牌 {token.prefix}（{token.officer}，{token.name}）{state}")

    def handle_list(self, *, badge: str | None = None, **_) -> None:
        tokens = ApiToken.objects.select_related("officer").order_by("officer__badge_no", "created_at")
        if badge:
            tokens = tokens.filter(officer__badge_no=badge)
        for t in tokens:
            used = clock.local(t.last_used_at).strftime("%Y-%m-%d %H:%M") if t.last_used_at else "从未使用"
            state = f"已吊销 {clock.local(t.revoked_at):%Y-%m-%d %H:%M}" if t.revoked_at else "有效"
            self.stdout.write(
                f"{t.prefix}\t{t.officer.badge_no}\t{t.officer.name}\t{t.name}\t{used}\t{state}"
            )
