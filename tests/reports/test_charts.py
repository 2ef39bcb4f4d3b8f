"""The charts write numbers as the tables beside them do (Indonesian decimal comma)."""

from autentika.reports.charts import bar_chart_svg


def test_the_chart_label_uses_the_decimal_comma():
    svg = str(bar_chart_svg([("Disposisi", 0.03, None), ("Penyusunan", 12.5, 24.0)]))
    assert "0,03 jam" in svg and "12,5 jam" in svg
    assert "0.03" not in svg
