"""The trend chart's geometry: monthly bars, the cumulative line against the annual target and the
time-progress line, scaled so the higher of achievement and target fits."""

from django.utils import translation

from employment.charts import HEIGHT, trend_chart

BOTTOM_Y = HEIGHT - 30


def test_no_month_reported_means_no_chart():
    assert trend_chart([None] * 12, 1000) is None


def test_the_cumulative_line_climbs_month_by_month_towards_the_target():
    chart = trend_chart([100, 200, None, 300, *[None] * 8], 1200)

    assert (chart.total, chart.months_reported, len(chart.bars)) == (600, 3, 3)
    ys = [float(p.split(",")[1]) for p in chart.cumulative.split()]
    assert ys[0] == BOTTOM_Y and ys == sorted(ys, reverse=True)  # from zero, upwards
    assert chart.cumulative_last[1] > chart.target_y  # 600 is still below the 1,200 target
    assert chart.pace.split()[-1].endswith(f",{chart.target_y}")  # the calendar reaches the target in December


def test_achievement_over_the_target_stays_on_the_chart():
    chart = trend_chart([900, 900, 900, 711, *[None] * 8], 2106)

    assert chart.cumulative_last[1] < chart.target_y  # 3,411 is above the 2,106 target
    assert chart.cumulative_last[1] >= 0
    assert chart.y_ticks[-1][0] <= chart.cumulative_last[1]


def test_without_a_target_there_is_no_target_or_pace_line():
    chart = trend_chart([5, *[None] * 11], None)

    assert chart.target_y is None and chart.pace == ""


def test_the_axis_counts_large_numbers_in_wan_in_chinese_and_in_thousands_in_english():
    monthly = [12000, *[None] * 11]

    with translation.override("zh-hans"):
        chinese = [label for _, label in trend_chart(monthly, 30000).y_ticks]
    with translation.override("en"):
        english = [label for _, label in trend_chart(monthly, 30000).y_ticks]

    assert chinese == ["0", "1万", "2万", "3万", "4万"]
    assert english == ["0", "10k", "20k", "30k", "40k"]
