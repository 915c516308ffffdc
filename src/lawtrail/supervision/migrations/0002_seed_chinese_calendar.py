"""Seed the legal calendar for 2004–2026 from the `chinese_calendar` package (PyPI `chinesecalendar`).

The package transcribes the State Council's yearly 部分节假日安排 notices; version 1.11.0 ends with
2026. Only the days that differ from the Monday–Friday rule are stored: the rest days of each notice
(weekend days inside a holiday block included, so that blocks can be shown whole) and the make-up
working days, each with its holiday's Chinese name. Later years come from `calendar_add_year`.
"""

from importlib.metadata import version

from django.db import migrations
from django.utils import timezone

FIRST_YEAR, LAST_YEAR = 2004, 2026


def seed(apps, schema_editor):
    import chinese_calendar
    from chinese_calendar.constants import Holiday

    CalendarYear = apps.get_model("supervision", "CalendarYear")
    CalendarDay = apps.get_model("supervision", "CalendarDay")
    source = f"chinese_calendar {version('chinesecalendar')}"
    actor = "数据迁移 supervision.0002"
    now = timezone.now()
    years = {
        year: CalendarYear.objects.create(year=year, source=source, complete=True, added_by=actor, added_at=now)
        for year in range(FIRST_YEAR, LAST_YEAR + 1)
    }
    days = []
    for table, is_workday in ((chinese_calendar.holidays, False), (chinese_calendar.workdays, True)):
        for day, name in sorted(table.items()):
            if FIRST_YEAR <= day.year <= LAST_YEAR:
                days.append(
                    CalendarDay(
                        calendar_year=years[day.year],
                        date=day,
                        is_workday=is_workday,
                        is_rest_day=not is_workday,
                        holiday=Holiday(name).chinese,
                        source=source,
                        added_by=actor,
                    )
                )
    CalendarDay.objects.bulk_create(days, batch_size=500)


def unseed(apps, schema_editor):
    CalendarYear = apps.get_model("supervision", "CalendarYear")
    CalendarYear.objects.filter(source__startswith="chinese_calendar ").delete()


class Migration(migrations.Migration):
    dependencies = [("supervision", "0001_initial")]

    operations = [migrations.RunPython(seed, unseed)]
