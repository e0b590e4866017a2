"""Charts drawn on the server as SVG: no JavaScript, no chart library, readable without either.

`grouped_bars` computes the geometry (plain numbers); `svg` writes it out, every text through
`format_html`'s escaping. It is written in Python rather than a template because a chart is a few
hundred small elements, and the overview has a time budget. Colours come from the site's CSS
classes, and every chart also has its numbers as a table, for screen readers and for copying.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field

from django.utils.html import format_html, format_html_join
from django.utils.safestring import SafeString

# Drawing area in SVG user units; the SVG scales to the page width.
WIDTH = 720
HEIGHT = 280
MARGIN_LEFT = 44
MARGIN_RIGHT = 12
MARGIN_TOP = 12
MARGIN_BOTTOM = 40
MIN_LABEL_SPACING = 64  # user units between two x-axis labels, so they never overlap
GROUP_GAP = 0.25  # share of a group's width left empty between groups


@dataclass
class Bar:
    series: str
    value: int
    x: float
    y: float
    width: float
    height: float


@dataclass
class Group:
    label: str
    show_label: bool
    center: float
    bars: list[Bar] = field(default_factory=list)


@dataclass
class Tick:
    value: int
    y: float


@dataclass
class BarChart:
    width: int
    height: int
    plot_left: float
    plot_right: float
    plot_top: float
    plot_bottom: float
    groups: list[Group]
    ticks: list[Tick]
    series: list[tuple[str, str]]  # (key, label) in drawing order: CSS class "bar-<key>" and legend


def nice_step(maximum: int, ticks: int = 4) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving about `ticks` gridlines up to `maximum`."""
    if maximum <= ticks:
        return 1
    raw = maximum / ticks
    power = 10 ** math.floor(math.log10(raw))
    for factor in (1, 2, 5, 10):
        if factor * power >= raw:
            return int(factor * power)
    return int(10 * power)


def grouped_bars(rows: list, series: list[tuple[str, str]], label: str = "label") -> BarChart:
    """Bars for each row (an object with the attributes named by `series` keys and `label`)."""
    plot_left, plot_right = MARGIN_LEFT, WIDTH - MARGIN_RIGHT
    plot_top, plot_bottom = MARGIN_TOP, HEIGHT - MARGIN_BOTTOM
    maximum = max((getattr(row, key) for row in rows for key, _ in series), default=0)
    step = nice_step(maximum)
    top = max(step * math.ceil(maximum / step), step)
    scale = (plot_bottom - plot_top) / top
    ticks = [Tick(value, plot_bottom - value * scale) for value in range(0, top + 1, step)]

    groups = []
    if rows:
        group_width = (plot_right - plot_left) / len(rows)
        bar_width = group_width * (1 - GROUP_GAP) / len(series)
        every = max(1, math.ceil(MIN_LABEL_SPACING / group_width))
        for index, row in enumerate(rows):
            left = plot_left + index * group_width + group_width * GROUP_GAP / 2
            group = Group(
                label=str(getattr(row, label)),
                show_label=index % every == 0,
                center=plot_left + (index + 0.5) * group_width,
            )
            for position, (key, _name) in enumerate(series):
                value = getattr(row, key)
                height = value * scale
                group.bars.append(
                    Bar(key, value, round(left + position * bar_width, 2), round(plot_bottom - height, 2),
                        round(bar_width, 2), round(height, 2))
                )
            groups.append(group)
    return BarChart(WIDTH, HEIGHT, plot_left, plot_right, plot_top, plot_bottom, groups, ticks, series)


def _n(value: float) -> str:
    """A coordinate as SVG wants it: a dot for decimals whatever the page's language."""
    return f"{value:.2f}".rstrip("0").rstrip(".")


def svg(chart: BarChart, title: str, description: str, chart_id: str = "chart") -> SafeString:
    """The chart as an inline SVG element with a title and description for assistive technology."""
    grid = format_html_join(
        "",
        '<line x1="{}" x2="{}" y1="{}" y2="{}"/><text class="tick" x="{}" y="{}" dy="0.32em" text-anchor="end">{}</text>',
        (
            (_n(chart.plot_left), _n(chart.plot_right), _n(t.y), _n(t.y), _n(chart.plot_left - 6), _n(t.y), t.value)
            for t in chart.ticks
        ),
    )
    groups = []
    for group in chart.groups:
        bars = format_html_join(
            "",
            '<rect class="bar bar-{}" x="{}" y="{}" width="{}" height="{}"><title>{}: {}</title></rect>',
            (
                (b.series, _n(b.x), _n(b.y), _n(b.width), _n(b.height), group.label, b.value)
                for b in group.bars
            ),
        )
        label = format_html(
            '<text class="axis-label" x="{}" y="{}" text-anchor="middle">{}</text>',
            _n(group.center), _n(chart.plot_bottom + 18), group.label,
        ) if group.show_label else ""
        groups.append(format_html('<g class="group">{}{}</g>', bars, label))
    return format_html(
        '<svg class="chart" viewBox="0 0 {} {}" role="img" aria-labelledby="{}-title {}-desc">'
        '<title id="{}-title">{}</title><desc id="{}-desc">{}</desc>'
        '<g class="grid">{}</g>{}'
        '<line class="axis" x1="{}" x2="{}" y1="{}" y2="{}"/></svg>',
        chart.width, chart.height, chart_id, chart_id, chart_id, title, chart_id, description,
        grid, SafeString("".join(groups)),
        _n(chart.plot_left), _n(chart.plot_right), _n(chart.plot_bottom), _n(chart.plot_bottom),
    )
