"""`lawtrail demo` and `lawtrail demo_accounts`."""

from __future__ import annotations

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import CommandError

from lawtrail.cases.models import Case
from lawtrail.demo.accounts import ACCOUNTS, DEFAULT_PASSWORD
from lawtrail.org.models import Unit

pytestmark = pytest.mark.django_db


def run(*args: str) -> str:
    out = io.StringIO()
    call_command(*args, stdout=out, stderr=io.StringIO())
    return out.getvalue()


def test_demo_prints_counts_planted_defects_and_time(demo):
    """Given the demo command has run, then it printed the counts, the planted defects and the time taken."""
    assert "案件：" in demo.output
    assert "警情：" in demo.output
    assert "预置问题" in demo.output
    assert "case_overdue" in demo.output
    assert "完成，用时" in demo.output


def test_if_empty_skips_a_database_that_has_cases(demo):
    """Given a database with cases, when `demo --if-empty` runs, then it does nothing and says so."""
    units, cases = Unit.objects.count(), Case.objects.count()
    out = run("demo", "--scale", "tiny", "--if-empty")
    assert "跳过" in out
    assert (Unit.objects.count(), Case.objects.count()) == (units, cases)


def test_demo_refuses_to_load_twice(demo):
    """Given the demo bureau is loaded, when `demo` runs without --if-empty, then it stops with an error."""
    with pytest.raises(CommandError, match="演示数据已存在"):
        run("demo", "--scale", "tiny")


def test_demo_accounts_prints_one_account_per_role(demo, monkeypatch):
    """Given the demo bureau, when demo_accounts runs twice, then it creates one account per role the first
    time, prints every role with its password both times, and each account signs in as its officer."""
    monkeypatch.delenv("LAWTRAIL_DEMO_PASSWORD", raising=False)
    first = run("demo_accounts")
    second = run("demo_accounts")
    users = get_user_model().objects
    for account in ACCOUNTS:
        assert account.username in first
        assert account.label in first
        assert account.username in second
        assert users.get(username=account.username).check_password(DEFAULT_PASSWORD)
    for account in ACCOUNTS[1:]:  # every account but the plain case officer holds its role by a grant
        assert users.get(username=account.username).officer.grants.filter(role=account.role).exists()
    assert f"新建 {len(ACCOUNTS)} 个账号" in first
    assert "新建" not in second
    assert DEFAULT_PASSWORD in second
    officer = users.get(username="officer").officer
    assert officer.unit.name == "西江派出所"
    assert not officer.is_auxiliary
    assert not officer.grants.exists()


def test_demo_accounts_uses_the_password_from_the_environment(demo, monkeypatch):
    """Given LAWTRAIL_DEMO_PASSWORD, when demo_accounts creates the accounts, then they use that password."""
    monkeypatch.setenv("LAWTRAIL_DEMO_PASSWORD", "Another#Pass2026")
    out = run("demo_accounts")
    assert "Another#Pass2026" in out
    assert get_user_model().objects.get(username="leader").check_password("Another#Pass2026")
