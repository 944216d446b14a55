"""Command line: ``python -m bcc_teach COMMAND``.

python -m bcc_teach check-env          is this computer ready for the course?
python -m bcc_teach course-map         the lessons, as the README's Markdown table
python -m bcc_teach store-results      store the slow validation results the lessons use
python -m bcc_teach grade FOLDER --out grades.csv   grade learners' exercise notebooks
python -m bcc_teach schedule           workshop agendas (half day, full day, two days)
"""

from __future__ import annotations

import argparse
import sys


def _check_env(args: argparse.Namespace) -> int:
    from bcc_teach.envcheck import run_checks, verdict

    checks = run_checks(everything=args.all)
    for check in checks:
        print(check.line())
    print("\n" + verdict(checks))
    return 0 if all(check.ok for check in checks) else 1


def _course_map(args: argparse.Namespace) -> int:
    from bcc_teach.course import course_map_markdown

    print(course_map_markdown())
    return 0


def _build_exercises(args: argparse.Namespace) -> int:
    from bcc_teach import authoring

    sources = authoring.solutions()
    if args.check:
        problems = [p for source in sources for p in authoring.differences(source)]
        problems += [p for source in sources for p in authoring.leaks(source)]
        print("\n".join(problems) or f"All {len(sources)} exercise(s) match their solutions.")
        return 1 if problems else 0
    for source in sources:
        target = authoring.build(source)
        print(f"solutions/{source.name} -> exercises/{target.name}")
    problems = [p for source in sources for p in authoring.leaks(source)]
    if problems:
        print("\n".join(problems))
        return 1
    return 0


def _store_results(args: argparse.Namespace) -> int:
    from bcc_teach import validation
    from bcc_teach._paths import PROJECT_ROOT

    notebooks = sorted((PROJECT_ROOT / "notebooks").glob("*.ipynb"))
    notebooks += sorted((PROJECT_ROOT / "solutions").glob("*.ipynb"))
    stored = validation.store_results(notebooks)
    print(f"Ran {len(notebooks)} notebooks; {len(stored)} result(s) stored in {validation.STORE}:")
    print("\n".join(f"  {name}" for name in stored))
    return 0


def _grade(args: argparse.Namespace) -> int:
    import time

    from bcc_teach.grading import grade_folder

    start = time.monotonic()
    try:
        graded = grade_folder(
            args.folder,
            args.out,
            exercise=args.exercise,
            cell_timeout=args.cell_timeout,
            notebook_timeout=args.notebook_timeout,
            workers=args.workers,
            force=args.force,
            sandboxed=not args.no_sandbox,
            progress=lambda line: print(line, file=sys.stderr, flush=True),
        )
    except ValueError as problem:
        print(f"grade: {problem}", file=sys.stderr)
        return 2
    seconds = time.monotonic() - start
    print(f"Graded {len(graded)} submission(s) in {seconds:.0f} s: {args.out}")
    if args.no_sandbox:
        print("WARNING: graded without a sandbox (--no-sandbox); every row says so.")
    return 0


def _schedule(args: argparse.Namespace) -> int:
    from bcc_teach import schedule
    from bcc_teach._paths import PROJECT_ROOT

    if args.check:
        stale = schedule.stale()
        for name in stale:
            print(f"docs/agendas/{name} is not current: run python -m bcc_teach schedule --write")
        if not stale:
            print("The agendas in docs/agendas/ are current.")
        return 1 if stale else 0
    if args.write:
        for path in schedule.write():
            print(f"wrote {path.relative_to(PROJECT_ROOT).as_posix()}")
        return 0
    print("\n\n".join(schedule.agendas().values()))
    return 0


def _checksums(args: argparse.Namespace) -> int:
    from bcc_teach.grading import course

    if args.check:
        found = course.problems()
        print("\n".join(found) or "The course's files match bcc_teach/SHA256SUMS.")
        return 1 if found else 0
    print(f"Recorded the checksums of {len(course.course_files())} files in {course.write()}")
    return 0


def main(argv: list[str] | None = None) -> int:
    """Run one command; return the exit status (0 when all went well)."""
    parser = argparse.ArgumentParser(
        prog="python -m bcc_teach",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    check = commands.add_parser("check-env", help="check Python, packages, widgets and data")
    check.add_argument("--all", action="store_true", help="list every pinned package")
    check.set_defaults(run=_check_env)
    course = commands.add_parser("course-map", help="print the course map as Markdown")
    course.set_defaults(run=_course_map)
    build = commands.add_parser("build-exercises", help="regenerate exercises/ from solutions/")
    build.add_argument(
        "--check", action="store_true", help="only report differences; write nothing"
    )
    build.set_defaults(run=_build_exercises)
    store = commands.add_parser(
        "store-results", help="run the lessons and store their slow validation results"
    )
    store.set_defaults(run=_store_results)
    grade = commands.add_parser("grade", help="grade a folder of learners' exercise notebooks")
    grade.add_argument("folder", help="the folder of submitted notebooks (never modified)")
    grade.add_argument("--out", required=True, help="the CSV of grades to write")
    grade.add_argument(
        "--exercise", help="e.g. ex01 (default: the one every notebook names; they must agree)"
    )
    grade.add_argument("--cell-timeout", type=int, default=60, help="seconds per cell (60)")
    grade.add_argument("--notebook-timeout", type=int, default=600, help="seconds per notebook")
    grade.add_argument("--workers", type=int, help="notebooks run at once (default: cores)")
    grade.add_argument("--force", action="store_true", help="replace an existing --out")
    grade.add_argument(
        "--no-sandbox",
        action="store_true",
        help="run learners' code without a sandbox (unsafe; every row then says so)",
    )
    grade.set_defaults(run=_grade)
    agenda = commands.add_parser(
        "schedule", help="print workshop agendas made from the lessons' timings"
    )
    agenda.add_argument("--write", action="store_true", help="store them in docs/agendas/")
    agenda.add_argument(
        "--check", action="store_true", help="only say whether docs/agendas/ is current"
    )
    agenda.set_defaults(run=_schedule)
    sums = commands.add_parser(
        "checksums", help="record the checksums of the course's own files (for grading)"
    )
    sums.add_argument("--check", action="store_true", help="only report differences")
    sums.set_defaults(run=_checksums)
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
