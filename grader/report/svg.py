"""Plain inline SVG charts (no library, no script): bar charts of counts and one stacked status bar."""
from __future__ import annotations

from html import escape


def bar_chart(bars: list[tuple[str, int]], title: str, x_label: str, width: int = 560, height: int = 180,
              color: str = "#3b6ea8") -> str:
    """Vertical bars with their counts on top and labels below (a range "a–b" is labelled at its start);
    `title` is the accessible name."""
    left, bottom, top = 34, 34, 14
    plot_w, plot_h = width - left - 8, height - bottom - top
    most = max((count for _, count in bars), default=0) or 1
    step = plot_w / max(len(bars), 1)
    every = max(1, round(len(bars) / 12))  # label at most about 12 bars
    parts = [f'<svg xmlns="http://www.w3.org/2000/svg" class="chart" role="img" width="{width}" '
             f'height="{height}" viewBox="0 0 {width} {height}"><title>{escape(title)}</title>',
             f'<line x1="{left}" y1="{top + plot_h}" x2="{left + plot_w}" y2="{top + plot_h}" stroke="#888"/>',
             f'<text x="{left - 6}" y="{top + 4}" text-anchor="end" class="tick">{most}</text>',
             f'<text x="{left - 6}" y="{top + plot_h}" text-anchor="end" class="tick">0</text>']
    for index, (label, count) in enumerate(bars):
        bar_h = plot_h * count / most
        x = left + index * step + step * 0.12
        y = top + plot_h - bar_h
        parts.append(f'<rect x="{x:.1f}" y="{y:.1f}" width="{step * 0.76:.1f}" height="{bar_h:.1f}" fill="{color}">'
                     f'<title>{escape(label)}: {count}</title></rect>')
        if count:
            parts.append(f'<text x="{x + step * 0.38:.1f}" y="{y - 3:.1f}" text-anchor="middle" class="count">{count}</text>')
        if index % every == 0:
            parts.append(f'<text x="{x + step * 0.38:.1f}" y="{top + plot_h + 14}" text-anchor="middle" '
                         f'class="tick">{escape(label.split("–")[0])}</text>')
    parts.append(f'<text x="{left + plot_w / 2:.1f}" y="{height - 4}" text-anchor="middle" class="axis">'
                 f'{escape(x_label)}</text></svg>')
    return "".join(parts)


def stacked_bar(parts: list[tuple[str, int, str]], width: int = 240, height: int = 14) -> str:
    """One horizontal bar split by (label, count, colour); empty parts are left out."""
    total = sum(count for _, count, _ in parts) or 1
    x, shapes = 0.0, []
    for label, count, color in parts:
        if not count:
            continue
        w = width * count / total
        shapes.append(f'<rect x="{x:.1f}" y="0" width="{w:.1f}" height="{height}" fill="{color}">'
                      f'<title>{escape(label)}: {count}</title></rect>')
        x += w
    summary = ", ".join(f"{label} {count}" for label, count, _ in parts if count)
    return (f'<svg xmlns="http://www.w3.org/2000/svg" class="stack" role="img" width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}"><title>{escape(summary)}</title>{"".join(shapes)}</svg>')
