"""Charts drawn on the server as inline SVG: no external service, printable in the PDF."""

from django.utils.html import escape
from django.utils.safestring import SafeString, mark_safe

from autentika.core.formatting import format_decimal_id


def bar_chart_svg(
    rows: list[tuple[str, float, float | None]],
    *,
    unit: str = "jam",
    width: int = 640,
    title: str = "Median waktu per tahap",
) -> SafeString:
    """Horizontal bars: (label, value, target). Bars over their target are red; the target is
    a dark tick."""
    bar_height, gap, label_width = 18, 8, 220
    height = max(1, len(rows)) * (bar_height + gap) + 10
    top = max([v for _, v, _ in rows] + [t or 0 for _, _, t in rows] + [1])
    scale = (width - label_width - 70) / top
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)} ({unit})" '
        'font-family="sans-serif" font-size="11">'
        f"<title>{escape(title)} ({unit})</title>"
    ]
    for index, (label, value, target) in enumerate(rows):
        y = 5 + index * (bar_height + gap)
        colour = "#c0392b" if target is not None and value > target else "#2c7bb6"
        length = max(1.0, value * scale)
        shown = format_decimal_id(value)  # "0,03" as in the table beside it
        parts.append(
            f'<text x="0" y="{y + 13}">{escape(label)}</text>'
            f'<rect x="{label_width}" y="{y}" width="{length:.1f}" height="{bar_height}" '
            f'fill="{colour}"><title>{escape(label)}: {shown} {unit}</title></rect>'
            f'<text x="{label_width + length + 4:.1f}" y="{y + 13}">{shown} {unit}</text>'
        )
        if target is not None:
            x = label_width + target * scale
            parts.append(
                f'<line x1="{x:.1f}" x2="{x:.1f}" y1="{y - 2}" y2="{y + bar_height + 2}" '
                'stroke="#000" stroke-width="2"/>'
            )
    parts.append("</svg>")
    return mark_safe("".join(parts))


def _hours_target(target: object) -> float | None:
    """A target line on the hours chart only for a target in (working) hours."""
    if getattr(target, "unit", None) == "working_hours":
        return float(getattr(target, "amount", 0))
    return None


def report_chart(report: object) -> SafeString:
    steps = getattr(report, "steps", [])
    rows = [(s.label, s.median_hours or 0.0, _hours_target(s.target)) for s in steps if s.count]
    return bar_chart_svg(rows)
