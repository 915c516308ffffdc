"""Languages: Chinese by default, English when chosen with the switcher; the English catalogue is complete."""

from __future__ import annotations

import re
from pathlib import Path

import lawtrail
from lawtrail.cases.machine import MACHINES
from lawtrail.events.registry import EVENT_TYPES
from lawtrail.incidents.machine import INCIDENT_MACHINE
from lawtrail.web.timeline import EVENT_LABELS, TRANSITION_ACTIONS

CATALOGUE = Path(lawtrail.__file__).parent / "locale" / "en" / "LC_MESSAGES" / "django.po"


def test_pages_are_chinese_by_default_whatever_the_browser_asks(bureau, records, signed_in):
    """Given a browser that prefers English, when no language was chosen, then the pages are Chinese."""
    response = signed_in("officer_a").get("/", headers={"accept-language": "en-US,en;q=0.9"})

    html = response.content.decode()
    assert '<html lang="zh-Hans">' in html
    assert "我的在办案件" in html


def test_switching_to_english_renders_the_pages_in_english(bureau, records, signed_in):
    """Given officer A, when English is chosen in the header, then the workbench and the case page are in
    English — the template text, the choice labels and the timeline labels."""
    client = signed_in("officer_a")

    switched = client.post("/i18n/setlang/", {"language": "en", "next": "/"})
    workbench = client.get("/").content.decode()
    case_page = client.get(f"/cases/{records.case_a.number}/").content.decode()

    assert switched.status_code == 302
    assert '<html lang="en">' in workbench
    assert "My open cases" in workbench
    assert "Workbench" in workbench
    assert "我的在办案件" not in workbench
    assert "Accepted" in case_page  # CaseStatus label
    assert "Timeline" in case_page
    assert "Lead officer: 张伟（100001）" in case_page
    assert "Case accepted" in case_page  # the timeline label, in the context of an event
    assert ">File<" in case_page  # the same 立案, as a button


def test_switching_back_to_chinese(bureau, signed_in):
    """Given English chosen, when 中文 is chosen again, then the pages are Chinese again."""
    client = signed_in("officer_a")
    client.post("/i18n/setlang/", {"language": "en", "next": "/"})

    client.post("/i18n/setlang/", {"language": "zh-hans", "next": "/"})

    assert "我的在办案件" in client.get("/").content.decode()


def test_every_string_has_an_english_translation():
    """Given the English catalogue, when it is read, then no msgid is left without a msgstr."""
    text = CATALOGUE.read_text(encoding="utf-8")
    entries = [b for b in text.split("\n\n")[1:] if "msgid " in b and not b.startswith("#~")]
    untranslated = [
        b for b in entries if re.search(r'^msgstr(\[\d\])? ""$(?!\n")', b, re.M) or "#, fuzzy" in b
    ]

    assert len(entries) > 250
    assert untranslated == []
    assert CATALOGUE.with_suffix(".mo").exists()


def test_the_timeline_lists_every_event_label_for_translation():
    """Given the event types declared by the apps, when the timeline's translation list is compared, then
    every label is in it (a new event type must be added there to be translated)."""
    assert {spec.label for spec in EVENT_TYPES.values()} <= set(EVENT_LABELS)


def test_the_timeline_lists_every_transition_action_for_translation():
    """Given the state machines, when their action names are compared, then every one is translatable."""
    machines = [INCIDENT_MACHINE, *MACHINES.values()]
    actions = {t.action for m in machines for t in m.transitions.values()}

    assert actions <= set(TRANSITION_ACTIONS)
