"""SVG -> PNG for static images in reports, rendered with cairo (cairosvg).

Shared by every map that has an SVG form (network maps, the geographic map). Fonts come from
the system (DejaVu Sans on Debian); the SVGs name `DejaVu Sans, sans-serif` so that the text is
measured and drawn with the same font on the server and in a browser.
"""

DEFAULT_SCALE = 2.0  # twice the SVG's size: sharp when pasted into a report


def svg_to_png(svg: str | bytes, *, scale: float = DEFAULT_SCALE) -> bytes:
    """The PNG image of an SVG document, `scale` times its width and height."""
    import cairosvg  # imported here: loading cairo costs ~50 ms, only PNG answers need it

    data = svg.encode("utf-8") if isinstance(svg, str) else svg
    png = cairosvg.svg2png(bytestring=data, scale=scale)
    assert png is not None
    return png
