"""The server-drawn SVG chart: round gridlines, bars in proportion, labels that never overlap."""

from types import SimpleNamespace

import pytest

from dashboard.charts import grouped_bars, nice_step, svg

SERIES = [("made", "Gedaan"), ("kept", "Nagekomen"), ("overdue", "Over tijd")]


@pytest.mark.parametrize(("maximum", "step"), [(0, 1), (3, 1), (7, 2), (10, 5), (38, 10), (100, 50), (1234, 500)])
def test_gridlines_are_round_numbers(maximum, step):
    assert nice_step(maximum) == step


def test_bars_are_in_proportion_and_stand_on_the_axis():
    rows = [SimpleNamespace(label="2020 Q4", made=10, kept=5, overdue=0)]
    chart = grouped_bars(rows, SERIES)
    made, kept, overdue = chart.groups[0].bars
    assert made.height == pytest.approx(2 * kept.height)
    assert overdue.height == 0
    for bar in (made, kept, overdue):
        assert bar.y + bar.height == pytest.approx(chart.plot_bottom)
    assert chart.ticks[-1].value >= 10


def test_labels_are_thinned_so_they_do_not_overlap():
    rows = [SimpleNamespace(label=f"{2000 + i // 4} Q{i % 4 + 1}", made=i, kept=0, overdue=0) for i in range(40)]
    chart = grouped_bars(rows, SERIES)
    shown = [g.center for g in chart.groups if g.show_label]
    assert len(shown) < 40
    assert all(b - a >= 60 for a, b in zip(shown, shown[1:]))


def test_svg_escapes_text_and_uses_dots_for_decimals():
    rows = [SimpleNamespace(label="<b>Q1</b>", made=3, kept=1, overdue=1)]
    out = str(svg(grouped_bars(rows, SERIES), 'Titel "x"', "<desc>"))
    assert "<b>" not in out and "&lt;b&gt;Q1&lt;/b&gt;" in out
    assert 'role="img"' in out and "<title id=\"chart-title\">Titel &quot;x&quot;</title>" in out
    assert "," not in out.split("<title")[0]  # coordinates never get a decimal comma


def test_an_empty_chart_draws_only_the_axis():
    chart = grouped_bars([], SERIES)
    assert chart.groups == [] and chart.ticks
    assert "<rect" not in str(svg(chart, "t", "d"))
