"""Country shapes for the geographic map: the vendored world-atlas TopoJSON, decoded and projected.

TopoJSON stores each shared border once ("arcs"), quantized to integers and delta-encoded; a
country is a list of rings, each a list of arc indices (`~i` = arc i reversed). Decoding is
small enough to do here rather than depend on a package. The projection is Natural Earth I
(Šavrič et al. 2015): a compromise that keeps Europe's shapes and sizes recognisable on a world
map, unlike equal-area projections that shrink the high latitudes.
"""

import itertools
import json
import math
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from viz.geo_codes import ALPHA2, BY_NAME

ATLAS_VERSION = "2.0.2"
ATLAS = Path(__file__).parent / "static" / f"world-atlas-{ATLAS_VERSION}" / "countries-50m.json"
ATLAS_SOURCE = f"Natural Earth 1:50m (public domain) via world-atlas {ATLAS_VERSION}"

Ring = list[tuple[float, float]]  # (lon, lat) or projected (x, y)


@dataclass(frozen=True)
class Shape:
    """One country: its alpha-2 code (None for territories without one), name and rings."""

    code: str | None
    name: str
    polygons: tuple[tuple[Ring, ...], ...]  # each polygon: outer ring, then holes


def _decode_arcs(topology: dict) -> list[Ring]:
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x += dx
            y += dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def _ring(indices: list[int], arcs: list[Ring]) -> Ring:
    points: Ring = []
    for i in indices:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc[1:] if points else arc)
    return points


@cache
def shapes() -> tuple[Shape, ...]:
    """Every country of the atlas, decoded to longitude/latitude rings (cached: ~0.3 s once)."""
    topology = json.loads(ATLAS.read_text(encoding="utf-8"))
    arcs = _decode_arcs(topology)
    out = []
    for geometry in topology["objects"]["countries"]["geometries"]:
        name = geometry["properties"]["name"]
        code = ALPHA2.get(geometry.get("id") or "") or BY_NAME.get(name)
        if geometry["type"] == "Polygon":
            polygons = [geometry["arcs"]]
        elif geometry["type"] == "MultiPolygon":
            polygons = geometry["arcs"]
        else:
            continue
        rings = tuple(tuple(_ring(r, arcs) for r in polygon) for polygon in polygons)
        out.append(Shape(code, name, rings))
    return tuple(out)


def natural_earth(lon: float, lat: float) -> tuple[float, float]:
    """Natural Earth I projection of degrees; y grows northwards, unit sphere."""
    lam, phi = math.radians(lon), math.radians(lat)
    p2 = phi * phi
    p4 = p2 * p2
    x = lam * (0.8707 - 0.131979 * p2 + p4 * (-0.013791 + p4 * (0.003971 * p2 - 0.001529 * p4)))
    y = phi * (1.007226 + p2 * (0.015085 + p4 * (-0.044475 + 0.028874 * p2 - 0.005916 * p4)))
    return x, y


@dataclass(frozen=True)
class Frame:
    """A panel of the map: a longitude/latitude box fitted into a pixel box (x, y, w, h)."""

    west: float
    south: float
    east: float
    north: float
    box: tuple[float, float, float, float]

    @property
    def _fit(self) -> tuple[float, float, float]:
        xs, ys = [], []
        for lon in (self.west, (self.west + self.east) / 2, self.east):
            for lat in (self.south, 0.0 if self.south < 0 < self.north else self.south, self.north):
                px, py = natural_earth(lon, lat)
                xs.append(px)
                ys.append(py)
        x, y, w, h = self.box
        k = min(w / (max(xs) - min(xs)), h / (max(ys) - min(ys)))
        cx = x + w / 2 - k * (max(xs) + min(xs)) / 2
        cy = y + h / 2 + k * (max(ys) + min(ys)) / 2
        return k, cx, cy

    def project(self, lon: float, lat: float) -> tuple[float, float]:
        k, cx, cy = _fit_of(self)
        px, py = natural_earth(lon, lat)
        return cx + k * px, cy - k * py


@cache
def _fit_of(frame: Frame) -> tuple[float, float, float]:
    return frame._fit


def _simplify(points: Ring, tolerance: float) -> Ring:
    """Douglas-Peucker: the points that deviate more than `tolerance` pixels from the line."""
    if len(points) < 4:
        return points
    keep = [False] * len(points)
    keep[0] = keep[-1] = True
    stack = [(0, len(points) - 1)]
    while stack:
        first, last = stack.pop()
        (ax, ay), (bx, by) = points[first], points[last]
        dx, dy = bx - ax, by - ay
        norm = math.hypot(dx, dy)
        worst, index = tolerance, -1
        for i in range(first + 1, last):
            px, py = points[i]
            if norm:
                d = abs(dy * (px - ax) - dx * (py - ay)) / norm
            else:
                d = math.hypot(px - ax, py - ay)
            if d > worst:
                worst, index = d, i
        if index >= 0:
            keep[index] = True
            stack += [(first, index), (index, last)]
    return [p for p, k in zip(points, keep, strict=True) if k]


def _clamp(ring: Ring, box: tuple[float, float, float, float], margin: float = 8.0) -> Ring:
    """Points outside the frame moved to its edge: hidden by the clip anyway, and far fewer."""
    x0, y0, w, h = box
    lo_x, hi_x, lo_y, hi_y = x0 - margin, x0 + w + margin, y0 - margin, y0 + h + margin
    return [(min(max(x, lo_x), hi_x), min(max(y, lo_y), hi_y)) for x, y in ring]


def _area(ring: Ring) -> float:
    return 0.5 * sum(x0 * y1 - x1 * y0 for (x0, y0), (x1, y1) in itertools.pairwise(ring))


def _centroid(ring: Ring) -> tuple[float, float]:
    a = cx = cy = 0.0
    for (x0, y0), (x1, y1) in itertools.pairwise(ring):
        f = x0 * y1 - x1 * y0
        a += f
        cx += (x0 + x1) * f
        cy += (y0 + y1) * f
    if abs(a) < 1e-9:
        return ring[0]
    return cx / (3 * a), cy / (3 * a)


@dataclass(frozen=True)
class ProjectedShape:
    code: str | None
    name: str
    path: str  # SVG path data; empty when the country lies outside the frame
    anchor: tuple[float, float]  # centroid of its largest polygon: labels and arcs start here
    size: float  # width or height of its largest polygon in pixels, whichever is larger


@cache
def projected(frame: Frame, tolerance: float = 0.5) -> tuple[ProjectedShape, ...]:
    """Every country projected into `frame` as SVG path data (cached per frame)."""
    x0, y0, w, h = frame.box
    out = []
    for shape in shapes():
        parts, best, best_area = [], None, -1.0
        for polygon in shape.polygons:
            lons = [lon for lon, _ in polygon[0]]
            wraps = max(lons) - min(lons) > 180  # runs along the antimeridian (Russia)
            # one side of it, else the ring would cross the whole frame
            shift = 360.0 if wraps else 0.0
            rings = [
                [frame.project(lon + shift if lon < 0 else lon, lat) for lon, lat in ring]
                for ring in polygon
            ]
            outer = rings[0]
            xs, ys = [p[0] for p in outer], [p[1] for p in outer]
            if max(xs) < x0 or min(xs) > x0 + w or max(ys) < y0 or min(ys) > y0 + h:
                continue
            area = abs(_area(outer))
            if area > best_area:
                best, best_area = outer, area
            if max(xs) - min(xs) < 1 and max(ys) - min(ys) < 1:
                continue  # an islet smaller than a pixel
            for ring in rings:
                simple = _simplify(_clamp(ring, frame.box), tolerance)
                if len(simple) >= 4:
                    parts.append("M" + "L".join(f"{x:.1f},{y:.1f}" for x, y in simple[:-1]) + "Z")
        if best is None:
            out.append(ProjectedShape(shape.code, shape.name, "", (0.0, 0.0), 0.0))
            continue
        xs, ys = [p[0] for p in best], [p[1] for p in best]
        size = max(max(xs) - min(xs), max(ys) - min(ys))
        out.append(ProjectedShape(shape.code, shape.name, "".join(parts), _centroid(best), size))
    return tuple(out)
