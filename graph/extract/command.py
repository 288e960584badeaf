"""`clustergraph extract`: the command's steps and messages (exit 2 on bad input, no draft)."""

import sys
import time
from pathlib import Path

from graph.extract import known as known_mod
from graph.extract.build import extract
from graph.extract.draft import write_draft
from graph.extract.readers import ExtractInputError


def run_extract(args) -> int:
    from clustergraph.settings import get_settings

    clock = time.perf_counter()
    report = Path(args.report)
    try:
        if args.known:
            known = known_mod.from_files([Path(p) for p in args.known])
        else:
            known = known_mod.from_graph(get_settings())
        result = extract(report, known, args.document_id, args.title)
    except ExtractInputError as e:
        print(f"error: {e} No draft was written.", file=sys.stderr)
        return 2
    output = Path(args.output) if args.output else report.with_suffix(".draft.yaml")
    write_draft(output, result.data, known.origin)
    data = result.data
    links = sum(len(p.get("members", [])) for p in data["partnerships"])
    print(
        f"Draft written to {output}: {len(data['actors'])} actors, "
        f"{len(data['partnerships'])} partnerships ({links} memberships), "
        f"{len(data['agreements'])} agreements, {len(data['events'])} events "
        f"from {len(result.document.lines)} lines in {time.perf_counter() - clock:.1f} s."
    )
    if args.review:
        from graph.extract.review import write_review

        write_review(Path(args.review), result)
        print(f"Review page written to {args.review}.")
    print("Nothing was loaded: check the draft, then `clustergraph validate` and `load` it.")
    return 0
