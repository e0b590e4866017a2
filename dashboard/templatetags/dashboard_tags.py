"""Small template helpers of the dashboard: days overdue, signed day counts, shares."""

from __future__ import annotations

import datetime

from django import template

from dashboard.charts import svg
from dashboard.overview import days_overdue as _days_overdue

register = template.Library()


@register.filter
def days_overdue(commitment, today: datetime.date) -> int | None:
    """`{{ commitment|days_overdue:today }}`: days past the current deadline, or None."""
    return _days_overdue(commitment, today)


@register.filter
def signed(value: int | None) -> str:
    """+12, −3, 0: a slip in days with its direction (a real minus sign, as typeset)."""
    if value is None:
        return ""
    if value > 0:
        return f"+{value}"
    if value < 0:
        return f"\u2212{-value}"
    return "0"


@register.filter
def percent_of(part: int, whole: int) -> int:
    """Whole-number percentage, 0 when there is nothing to divide by."""
    return round(100 * part / whole) if whole else 0


@register.filter
def absolute(value: int) -> int:
    return abs(value)


@register.simple_tag
def bar_chart_svg(chart, title: str, description: str):
    """`{% bar_chart_svg chart title description %}`: the chart as inline SVG (see dashboard.charts)."""
    return svg(chart, title, description)
