"""The `clustergraph` command: db start|stop|status, load, validate, serve."""

import argparse
import sys
from pathlib import Path

from neo4j.exceptions import ServiceUnavailable, SessionExpired

from clustergraph import embedded
from clustergraph.db import create_driver, unavailable_error
from clustergraph.errors import ClusterGraphError, LoadOutcomeUnknownError, LoadValidationError
from clustergraph.settings import get_settings


def _db(args: argparse.Namespace) -> int:
    settings = get_settings()
    if args.action == "start":
        before = embedded.status(settings)
        state = embedded.start(settings)
        word = "already running" if before.running else "started"
        print(
            f"Neo4j {embedded.NEO4J_VERSION} {word}: bolt://{embedded.BIND_HOST}:{state.port} "
            f"(pid {state.pid}, data in {settings.embedded_home})"
        )
    elif args.action == "stop":
        stopped = embedded.stop(settings)
        print("Neo4j stopped." if stopped else "Neo4j was not running.")
    else:
        state = embedded.status(settings)
        print(f"embedded Neo4j: {state.detail}")
        if not settings.uri_is_embedded:
            print(f"NEO4J_URI points elsewhere: {settings.neo4j_uri}")
        return 0 if state.running or not settings.uri_is_embedded else 3
    return 0


def _load(args: argparse.Namespace) -> int:
    from graph import backup
    from graph.loaders.pipeline import load

    settings = get_settings()
    paths = [Path(p) for p in args.paths]
    if paths and any(backup.is_backup(p) for p in paths):
        return _restore(args, settings, paths)
    driver = create_driver(settings)
    try:
        report = load(
            driver,
            settings,
            [Path(p) for p in args.paths] or None,
            reset=args.reset,
            quiet=args.quiet,
            document_id=args.document,
        )
    finally:
        driver.close()
    print(report.summary())
    return 0


def _restore(args: argparse.Namespace, settings, paths: list[Path]) -> int:
    from graph import backup

    if not all(backup.is_backup(p) for p in paths):
        print("error: load either backup files (.jsonl) or data files, not both", file=sys.stderr)
        return 2
    driver = create_driver(settings)
    try:
        nodes, rels = backup.restore_files(driver, settings, paths, reset=args.reset)
    finally:
        driver.close()
    print(
        f"Restored {len(paths)} backup file(s) in one transaction: created {nodes} nodes "
        f"and {rels} relationships."
    )
    return 0


def _export(args: argparse.Namespace) -> int:
    from graph.backup import export_lines

    settings = get_settings()
    driver = create_driver(settings)
    try:
        lines = list(export_lines(driver, settings.neo4j_database))
    finally:
        driver.close()
    text = "\n".join(lines) + "\n"
    if args.output in (None, "-"):
        sys.stdout.write(text)
    else:
        Path(args.output).write_text(text, encoding="utf-8")
        print(
            f"Wrote {args.output}: {len(lines) - 1} nodes and relationships "
            "(load it with `clustergraph load FILE`).",
            file=sys.stderr,
        )
    return 0


def _validate(args: argparse.Namespace) -> int:
    from graph.loaders.pipeline import expand_paths, validate

    paths = [Path(p) for p in args.paths] or None
    files = expand_paths(paths)
    plan = validate(paths, document_id=args.document)
    counts = ", ".join(
        f"{plan.count(s)} {s}"
        for s in ("actors", "partnerships", "agreements", "events", "memberships")
    )
    print(f"{len(files)} file(s) valid: {counts}.")
    for d in plan.duplicates:
        print(f"  likely duplicate: {d}")
    return 0


MAP_ARITY = {"actor": 1, "partnership": 1, "country": 1, "path": 2, "paths": 2, "overview": 0,
             "geo": 0}  # fmt: skip
MAP_USAGE = (
    "`map actor|partnership|country` takes one ID (a country: its ISO code), "
    "`map path` SOURCE TARGET, `map overview` and `map geo` no ID"
)


async def _build_map(args: argparse.Namespace):
    from clustergraph.db import create_async_driver, open_session
    from queries import maps

    settings = get_settings()
    driver = await create_async_driver(settings)
    try:
        async with open_session(driver, settings) as session:
            if args.what == "actor":
                return await maps.actor_map(session, args.ids[0], depth=args.depth, via=args.via)
            if args.what == "partnership":
                return await maps.partnership_map(session, args.ids[0])
            if args.what == "country":
                return await maps.country_map(session, args.ids[0])
            if args.what == "overview":
                return await maps.overview_map(
                    session,
                    sector=args.sector,
                    country=args.country,
                    partnership=args.partnership,
                    year_from=args.year_from,
                    year_to=args.year_to,
                    limit=args.limit,
                    via=args.via,
                    group=args.group,
                    expand=args.expand,
                )
            return await maps.path_map(
                session,
                args.ids[0],
                args.ids[1],
                max_hops=args.max_hops,
                via=args.via,
                k=args.k,
                surroundings=not args.no_surroundings,
            )
    finally:
        await driver.close()


def _map(args: argparse.Namespace) -> int:
    import asyncio

    from viz.export import export

    if len(args.ids) != MAP_ARITY[args.what]:
        print(f"error: {MAP_USAGE}", file=sys.stderr)
        return 2
    if args.what == "geo":
        return _geo_map(args)
    what = "path" if args.what == "paths" else args.what
    network_map = asyncio.run(_build_map(args))
    default = Path("maps") / ("-".join([what, *args.ids]) + ".html")
    path = Path(args.output or default)
    formats = {".json": "json", ".graphml": "graphml", ".gexf": "gexf", ".zip": "csv",
               ".svg": "svg", ".png": "png"}  # fmt: skip
    if path.suffix.lower() not in formats and path.suffix.lower() not in {".html", ".htm"}:
        path = path.with_suffix(".html")
    body = export(network_map, formats.get(path.suffix.lower(), "html"), None, path.stem).body
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(body)
    left = f"; {network_map.omitted} left out by the cap" if network_map.omitted else ""
    print(
        f"Wrote {path} ({len(network_map.nodes)} nodes, {len(network_map.edges)} links{left}); "
        "it needs no network."
    )
    return 0


async def _build_geo(args: argparse.Namespace):
    from clustergraph.db import create_async_driver, open_session
    from queries.maps.geo import geo_map

    settings = get_settings()
    driver = await create_async_driver(settings)
    try:
        async with open_session(driver, settings) as session:
            return await geo_map(
                session,
                partnership=args.partnership,
                sector=args.sector,
                country=args.country,
                date_from=args.date_from,
                date_to=args.date_to,
            )
    finally:
        await driver.close()


def _geo_map(args: argparse.Namespace) -> int:
    """`map geo`: the geographic map as HTML (default), .svg, .png or .json."""
    import asyncio

    from viz.geo import render_geo_svg
    from viz.geo_page import render_geo_html
    from viz.raster import svg_to_png

    path = Path(args.output or Path("maps") / "geo.html")
    writers = {
        ".html": lambda g: render_geo_html(g, downloads=False).encode("utf-8"),
        ".svg": lambda g: render_geo_svg(g).encode("utf-8"),
        ".png": lambda g: svg_to_png(render_geo_svg(g)),
        ".json": lambda g: g.model_dump_json(by_alias=True, indent=2).encode("utf-8"),
    }
    writer = writers.get(path.suffix.lower())
    if writer is None:
        print(f"error: {path}: map geo writes .html, .svg, .png or .json", file=sys.stderr)
        return 2
    geo = asyncio.run(_build_geo(args))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(writer(geo))
    print(f"Wrote {path} ({geo.description}); it needs no network.")
    return 0


def _extract(args: argparse.Namespace) -> int:
    from graph.extract.command import run_extract

    return run_extract(args)


def _serve(args: argparse.Namespace) -> int:
    import uvicorn

    settings = get_settings()
    uvicorn.run(
        "api.main:app",
        host=args.host or settings.api_host,
        port=args.port or settings.api_port,
        reload=args.reload,
        log_level="info",
    )
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="clustergraph", description="A graph database of inter-cluster cooperation."
    )
    sub = parser.add_subparsers(dest="command", required=True)

    db = sub.add_parser("db", help="manage the embedded Neo4j (Community 5.26, Java 17)")
    db.add_argument("action", choices=["start", "stop", "status"])
    db.set_defaults(func=_db)

    for name, func, text in (
        ("load", _load, "validate files, then write them in one transaction"),
        ("validate", _validate, "validate files without writing anything"),
    ):
        p = sub.add_parser(name, help=text)
        p.add_argument(
            "paths",
            nargs="*",
            metavar="PATH",
            help="YAML/CSV files or folders (default: the bundled dataset in data/)",
        )
        p.add_argument("--document", help="source document id for CSV files (default: file name)")
        if name == "load":
            p.add_argument(
                "--reset",
                action="store_true",
                help="remove all data first (in the same transaction)",
            )
            p.add_argument("--quiet", action="store_true", help="no progress bar")
        p.set_defaults(func=func)

    ex = sub.add_parser("export", help="write the whole graph to a backup file (JSON lines)")
    ex.add_argument("-o", "--output", help="file to write, e.g. backup.jsonl (default: stdout)")
    ex.set_defaults(func=_export)

    mp = sub.add_parser(
        "map",
        help="write an offline network map (HTML), an image for a report (.svg, .png) or its "
        "data (.json, .graphml, .gexf, .zip of CSV)",
    )
    mp.add_argument("what", choices=list(MAP_ARITY), help="`paths` is another name for `path`")
    mp.add_argument(
        "ids", nargs="*", metavar="ID", help="an id or country code; for path: SOURCE TARGET"
    )
    mp.add_argument(
        "-o",
        "--output",
        help="file to write: .html (default maps/<what>-<ids>.html), .svg, .png, .json, "
        ".graphml, .gexf or .zip (nodes.csv and edges.csv)",
    )
    mp.add_argument("--depth", type=int, default=1, help="actor maps: cooperation hops (1-3)")
    mp.add_argument("--via", help="kinds of link: agreement,membership,event,targeting")
    mp.add_argument("--max-hops", type=int, default=4, help="path: longest path in hops")
    mp.add_argument("-k", type=int, default=3, help="path: how many paths")
    mp.add_argument("--no-surroundings", action="store_true", help="path: draw the paths only")
    mp.add_argument("--sector", help="overview, geo: actors active in this sector")
    mp.add_argument(
        "--country", help="overview: actors located in this country; geo: the country's links"
    )
    mp.add_argument(
        "--partnership", help="overview: this partnership's cooperation only; geo: its reach"
    )
    mp.add_argument("--year-from", type=int, help="overview: from this year")
    mp.add_argument("--year-to", type=int, help="overview: to this year")
    mp.add_argument("--limit", type=int, default=1000, help="overview: at most this many nodes")
    mp.add_argument("--from", dest="date_from", help="geo: from this date (YYYY[-MM[-DD]])")
    mp.add_argument("--to", dest="date_to", help="geo: to this date (YYYY[-MM[-DD]])")
    mp.add_argument(
        "--group",
        choices=["none", "country", "partnership"],
        default="none",
        help="overview: countries (or partnerships) as nodes, links weighted by shared facts",
    )
    mp.add_argument("--expand", help="overview --group country: open this country into actors")
    mp.set_defaults(func=_map)

    exr = sub.add_parser(
        "extract", help="draft graph facts (YAML, with their lines) from a report for review"
    )
    exr.add_argument("report", metavar="REPORT", help="a text, PDF, DOCX or HTML report")
    exr.add_argument("--document-id", help="the document id in the draft (default: file name)")
    exr.add_argument("--title", help="the document title (default: its first line)")
    exr.add_argument("-o", "--output", help="draft file (default: <report name>.draft.yaml)")
    exr.add_argument("--review", metavar="HTML", help="also write the review page here")
    exr.add_argument(
        "--known",
        nargs="+",
        metavar="PATH",
        help="resolve names against these YAML files/folders (default: the graph, via NEO4J_*)",
    )
    exr.set_defaults(func=_extract)

    serve = sub.add_parser("serve", help="serve the JSON API with uvicorn")
    serve.add_argument("--host")
    serve.add_argument("--port", type=int)
    serve.add_argument("--reload", action="store_true")
    serve.set_defaults(func=_serve)
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    try:
        return args.func(args)
    except LoadValidationError as e:
        print(f"error: {e}", file=sys.stderr)
        return 2
    except LoadOutcomeUnknownError as e:
        print(f"error: {e}", file=sys.stderr)
        return e.exit_code
    except ClusterGraphError as e:
        print(f"error: {e}", file=sys.stderr)
        return 1
    except (ServiceUnavailable, SessionExpired) as e:
        print(f"error: {unavailable_error(get_settings(), e)}", file=sys.stderr)
        return 1


if __name__ == "__main__":
    sys.exit(main())
