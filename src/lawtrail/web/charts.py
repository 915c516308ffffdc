"""Bar charts drawn on the server as inline SVG: no chart library, nothing to download, readable without JS.

The functions compute the geometry; templates/web/_bar_chart.html draws it.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    x: float
    y: float
    width: float
    height: float
    label_x: float
    label_y: float
    value_x: float
    value_y: float
    css: str = ""
    href: str = ""


@dataclass(frozen=True)
class Chart:
    title: str
    width: int
    height: int
    bars: list[Bar]
    orientation: str  # "horizontal" | "vertical"
    baseline_y: float = 0.0
    axis_x: float = 0.0
    total: int = 0

    @property
    def is_empty(self) -> bool:
        return self.total == 0


@dataclass(frozen=True)
class Item:
    label: str
    value: int
    css: str = ""
    href: str = ""


def horizontal_bars(
    title: str, items: list[Item], *, width: int = 560, row: int = 26, label_width: int = 120
) -> Chart:
    """One row per item (long Chinese labels fit on the left), bar length proportional to the value."""
    top = 4
    plot = width - label_width - 36
    peak = max((i.value for i in items), default=0) or 1
    bars = []
    for n, item in enumerate(items):
        y = top + n * row
        length = plot * item.value / peak
        bars.append(
            Bar(
                label=item.label,
                value=item.value,
                x=label_width,
                y=y + 4,
                width=round(max(length, 1 if item.value else 0), 1),
                height=row - 8,
                label_x=label_width - 8,
                label_y=y + row / 2 + 5,
                value_x=round(label_width + length + 6, 1),
                value_y=y + row / 2 + 5,
                css=item.css,
                href=item.href,
            )
        )
    return Chart(
        title=title,
        width=width,
        height=top * 2 + row * max(len(items), 1),
        bars=bars,
        orientation="horizontal",
        axis_x=label_width,
        total=sum(i.value for i in items),
    )


def vertical_bars(title: str, items: list[Item], *, width: int = 420, height: int = 170) -> Chart:
    """One column per item (days), height proportional to the value, labels under the columns."""
    top, bottom, side = 18, 24, 4
    plot_h = height - top - bottom
    slot = (width - 2 * side) / max(len(items), 1)
    peak = max((i.value for i in items), default=0) or 1
    bars = []
    for n, item in enumerate(items):
        h = plot_h * item.value / peak
        x = side + n * slot
        bars.append(
            Bar(
                label=item.label,
                value=item.value,
                x=round(x + slot * 0.15, 1),
                y=round(top + plot_h - h, 1),
                width=round(slot * 0.7, 1),
                height=round(h, 1),
                label_x=round(x + slot / 2, 1),
                label_y=height - 8,
                value_x=round(x + slot / 2, 1),
                value_y=round(top + plot_h - h - 4, 1),
                css=item.css,
                href=item.href,
            )
        )
    return Chart(
        title=title,
        width=width,
        height=height,
        bars=bars,
        orientation="vertical",
        baseline_y=top + plot_h,
        total=sum(i.value for i in items),
    )
