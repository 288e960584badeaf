"""The geographic map's server time: the Cypher counts (queries/maps/geo.py), the SVG
(viz/geo.py) and the PNG, on the database as it is.

`bench.run` calls `bench_geo` while its server holds the scale's data; alone,
`python -m bench.geo` measures the database NEO4J_URI points at (e.g. the bundled data).
The first SVG of a process also decodes and projects the shapes (cached afterwards): it is
reported apart (`geo.first_svg_s`).
"""

import asyncio
import json
import statistics
import time

from clustergraph.db import create_async_driver, open_session
from clustergraph.settings import get_settings
from queries.maps.geo import geo_map
from viz.geo import render_geo_svg
from viz.raster import svg_to_png

CASES = {"all": {}, "country": {"country": "FR"}, "years": {"date_from": "2015", "date_to": "2020"}}
REPEAT = 10


async def _query(settings, **filters):
    driver = await create_async_driver(settings)
    try:
        times, geo = [], None
        for _ in range(REPEAT):
            async with open_session(driver, settings) as session:
                start = time.perf_counter()
                geo = await geo_map(session, **filters)
                times.append(time.perf_counter() - start)
        return geo, times
    finally:
        await driver.close()


def bench_geo(settings=None) -> dict:
    settings = settings or get_settings()
    out: dict = {}
    first = True
    for name, filters in CASES.items():
        geo, times = asyncio.run(_query(settings, **filters))
        start = time.perf_counter()
        svg = render_geo_svg(geo)
        if first:
            out["geo.first_svg_s"] = round(time.perf_counter() - start, 3)
            first = False
        svg_times = []
        for _ in range(REPEAT):
            start = time.perf_counter()
            svg = render_geo_svg(geo)
            svg_times.append(time.perf_counter() - start)
        query_s, svg_s = statistics.median(times), statistics.median(svg_times)
        out[f"geo.{name}.query_s"] = round(query_s, 4)
        out[f"geo.{name}.svg_s"] = round(svg_s, 4)
        out[f"geo.{name}.build_s"] = round(query_s + svg_s, 4)
        out[f"geo.{name}.links"] = len(geo.links)
        out[f"geo.{name}.svg_kb"] = round(len(svg.encode()) / 1024, 1)
        if name == "all":
            start = time.perf_counter()
            svg_to_png(svg)
            out["geo.all.png_s"] = round(time.perf_counter() - start, 3)
    out["geo.build_s"] = out["geo.all.build_s"]
    return out


if __name__ == "__main__":
    print(json.dumps(bench_geo(), indent=2))
