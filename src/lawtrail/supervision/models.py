"""Supervision tables. For now: the legal calendar (法定节假日与调休安排) that working-day periods need.

China's rest days and make-up working days are not computable: the State Council's General Office fixes
them each year in a notice (国务院办公厅关于××年部分节假日安排的通知; rules.md §1.2), under the
全国年节及纪念日放假办法 Arts. 2 and 6. So the calendar is data: 2004–2026 seeded from the
`chinese_calendar` package (migration 0002), later years entered by an administrator from the notice
(`supervision.calendar.calendar_add_year`, `lawtrail calendar add-year`).

Only the days that differ from the Monday–Friday rule are stored — rest days of the notice (with their
holiday's name, weekend days of a holiday block included) and make-up working days — so a year is about
forty rows.
"""

from django.db import models


class CalendarYear(models.Model):
    """A year whose holiday schedule is known. A date in a year without a complete row is unknown: the
    period arithmetic warns and marks its result provisional instead of guessing."""

    year = models.PositiveSmallIntegerField("年份", unique=True)
    source = models.CharField(
        "来源", max_length=300, help_text="chinese_calendar 1.11.0，或国务院办公厅通知的标题与文号"
    )
    complete = models.BooleanField("已完整录入", default=True)
    added_by = models.CharField("录入人", max_length=100)
    added_at = models.DateTimeField("录入时间")

    class Meta:
        ordering = ["year"]
        verbose_name = "节假日安排年度"
        verbose_name_plural = "节假日安排年度"

    def __str__(self) -> str:
        return f"{self.year}年（{self.source}）"


class CalendarDay(models.Model):
    """A day that differs from the Monday–Friday rule: a rest day of the notice, or a 调休上班 day."""

    calendar_year = models.ForeignKey(CalendarYear, on_delete=models.CASCADE, related_name="days")
    date = models.DateField("日期", unique=True)
    is_workday = models.BooleanField("调休上班")
    is_rest_day = models.BooleanField("放假")
    holiday = models.CharField("节日", max_length=100, blank=True, help_text="所属节日，如“春节”")
    source = models.CharField("来源", max_length=300)
    added_by = models.CharField("录入人", max_length=100)

    class Meta:
        ordering = ["date"]
        verbose_name = "节假日安排日"
        verbose_name_plural = "节假日安排日"
        constraints = [
            models.CheckConstraint(
                condition=models.Q(is_workday=True, is_rest_day=False)
                | models.Q(is_workday=False, is_rest_day=True),
                name="calendar_day_rest_xor_workday",
                violation_error_message="一天要么放假，要么调休上班",
            ),
        ]

    def __str__(self) -> str:
        kind = "调休上班" if self.is_workday else "放假"
        return f"{self.date.isoformat()} {self.holiday}{kind}"
