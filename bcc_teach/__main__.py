"""Command line: ``python -m bcc_teach COMMAND``.

python -m bcc_teach check-env          is this computer ready for the course?
python -m bcc_teach course-map         the lessons, as the README's Markdown table
"""

from __future__ import annotations

import argparse
import sys


def _check_env(args: argparse.Namespace) -> int:
    from bcc_teach.envcheck import run_checks

    checks = run_checks(everything=args.all)
    for check in checks:
        print(check.line())
    failed = sum(not check.ok for check in checks)
    if failed:
        print(f"\n{failed} check(s) failed: see 'Troubleshooting' in README.md.")
        return 1
    print("\nAll checks passed: the course is ready. Start with: jupyter lab")
    return 0


def _course_map(args: argparse.Namespace) -> int:
    from bcc_teach.course import course_map_markdown

    print(course_map_markdown())
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
    args = parser.parse_args(argv)
    return args.run(args)


if __name__ == "__main__":
    sys.exit(main())
