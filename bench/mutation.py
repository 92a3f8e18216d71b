"""Mutation testing of the modules that hold the rules, with pytest-gremlins: ``python bench/mutation.py``.

    python bench/mutation.py                    # every module of bench/mutation.toml, one after another
    python bench/mutation.py --module dates     # one module (repeatable); --list names them
    python bench/mutation.py --markdown         # also print the figures as the table of docs/testing.md

Each module is mutated in a copy of the working tree (uncommitted edits included) in a temporary folder,
so the tree itself is never touched, also when the run is interrupted; the copy is removed at the end.
Each mutant runs the fast subset of tests bench/mutation.toml gives its module; the crawl tests' ``scrapy
crawl`` subprocesses import the copy and get the active mutant through the environment. Prints, per
module, mutants, killed, survived, equivalent (the survivors bench/mutation.toml explains), timeout and
error, then each survivor's place and change. Needs the mutation extra (``pip install -e ".[mutation]"``).
Slow by nature (minutes per module on 2 cores): run it before closing a change to the rules, not in CI.
"""

from __future__ import annotations

import argparse
import ast
import glob
import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
import tomllib
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CONFIG = Path(__file__).with_suffix(".toml")
REPORT = Path("coverage/gremlins/gremlins.json")   # where pytest-gremlins writes its JSON report
STATUSES = {"zapped": "killed", "survived": "survived", "timeout": "timeout", "error": "error",
            "pardoned": "equivalent"}


@dataclass
class Mutant:
    path: str                 # relative to the repository root
    line: int
    operator: str
    change: str
    status: str               # killed, survived, equivalent, timeout, error
    diff: list[str] = field(default_factory=list)
    why: str | None = None    # for an equivalent mutant


@dataclass
class ModuleResult:
    name: str
    targets: list[str]
    mutants: list[Mutant]
    seconds: float
    provisional: bool
    failure: str | None = None   # the run did not produce a report: why

    def count(self, status: str) -> int:
        return sum(1 for m in self.mutants if m.status == status)


class Interrupted(Exception):
    """SIGTERM or SIGINT: stop the tool, remove the copy, exit."""


def load_config(path: Path = CONFIG) -> dict:
    return tomllib.loads(path.read_text(encoding="utf-8"))["modules"]


def tree_files(root: Path) -> list[str]:
    """The working tree as it is: tracked files and new ones not ignored, deleted ones left out."""
    listed = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=root,
                            capture_output=True, check=True).stdout.decode("utf-8")
    return [name for name in listed.split("\0") if name and (root / name).is_file()]


def copy_tree(root: Path, destination: Path) -> None:
    for name in tree_files(root):
        target = destination / name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(root / name, target)


def expand_targets(root: Path, patterns: list[str]) -> list[str]:
    found = []
    for pattern in patterns:
        found += sorted(str(Path(p).relative_to(root)) for p in glob.glob(str(root / pattern)))
    return list(dict.fromkeys(found))


def test_arguments(root: Path, tests: list[str]) -> list[str]:
    """The module's pytest arguments without test files that do not exist (yet) in this tree."""
    kept, skip_next = [], False
    for argument in tests:
        if skip_next or argument.startswith("-"):
            kept.append(argument)
            skip_next = argument in ("-k", "-m")
            continue
        if (root / argument.split("::", 1)[0]).exists():
            kept.append(argument)
        else:
            print(f"  (no {argument} in this tree: left out)", flush=True)
    return kept


def tool_command(targets: list[str], tests: list[str], coverage: bool, workers: int, mutant_timeout: int) -> list[str]:
    command = [sys.executable, "-m", "pytest", *tests, "-q", "-p", "no:cacheprovider",
               "--gremlins", f"--gremlin-targets={','.join(targets)}", f"--gremlin-workers={workers}",
               "--gremlin-report=json", f"--gremlin-mutant-timeout={mutant_timeout}"]
    if not coverage:
        command.append("--gremlin-no-coverage-filter")
    return command


def run_tool(command: list[str], cwd: Path, log_path: Path) -> int:
    """Run pytest-gremlins in its own process group, so that an interruption ends it and every crawl it started."""
    env = dict(os.environ, TLDEXTRACT_PUBLIC_SUFFIX_LIST_URLS="", PYTHONDONTWRITEBYTECODE="1")
    with open(log_path, "w", encoding="utf-8") as log:
        process = subprocess.Popen(command, cwd=cwd, env=env, stdout=log, stderr=subprocess.STDOUT,
                                   start_new_session=True)
        try:
            return process.wait()
        except BaseException:
            _end_group(process)
            raise


def _end_group(process: subprocess.Popen) -> None:
    for sig, grace in ((signal.SIGTERM, 10), (signal.SIGKILL, 5)):
        try:
            os.killpg(process.pid, sig)
        except ProcessLookupError:
            return
        try:
            process.wait(timeout=grace)
            return
        except subprocess.TimeoutExpired:
            continue


def mutation_diffs(copy: Path, results: list[dict]) -> dict[str, list[str]]:
    """Each mutant's change as removed and added source lines, rebuilt from pytest-gremlins' own transformer."""
    from pytest_gremlins.instrumentation.transformer import transform_source

    diffs = {}
    for file_path in {r["file_path"] for r in results}:
        source = Path(file_path).read_text(encoding="utf-8")
        lines = source.splitlines()
        gremlins, _ = transform_source(source, file_path)
        for gremlin in gremlins:
            diffs[gremlin.gremlin_id] = _diff(lines, gremlin.original_node, gremlin.mutated_node)
    return diffs


def _diff(lines: list[str], original: ast.AST, mutated: ast.AST) -> list[str]:
    first, last = original.lineno, original.end_lineno or original.lineno
    old = lines[first - 1:last]
    # AST column offsets count UTF-8 bytes
    head = old[0].encode("utf-8")[:original.col_offset].decode("utf-8")
    tail = old[-1].encode("utf-8")[original.end_col_offset:].decode("utf-8")
    replacement = "return None" if isinstance(mutated, ast.Return) and mutated.value is None else ast.unparse(mutated)
    new = (head + replacement + tail).splitlines()
    return [f"- {line}" for line in old] + [f"+ {line}" for line in new]


def classify(copy: Path, report: dict, equivalent: list[dict]) -> list[Mutant]:
    results = report.get("results", [])
    diffs = mutation_diffs(copy, results)
    sources: dict[str, list[str]] = {}
    mutants = []
    for r in results:
        path = str(Path(r["file_path"]).resolve().relative_to(copy.resolve()))
        lines = sources.setdefault(path, (copy / path).read_text(encoding="utf-8").splitlines())
        status = STATUSES.get(r["status"], r["status"])
        mutant = Mutant(path, r["line_number"], r["operator"], r["description"], status,
                        diffs.get(r["gremlin_id"], []))
        if status == "survived":
            text = lines[mutant.line - 1].strip()
            mutated = " ".join(line[2:].strip() for line in mutant.diff if line.startswith("+ "))
            for entry in equivalent:
                if (entry["line"].strip() == text and entry["change"] == mutant.change
                        and entry.get("mutated", mutated).strip() == mutated):
                    mutant.status, mutant.why = "equivalent", entry["why"]
                    break
        mutants.append(mutant)
    return sorted(mutants, key=lambda m: (m.path, m.line, m.change))


def run_module(name: str, spec: dict, workers: int, keep: bool) -> ModuleResult:
    targets = expand_targets(ROOT, spec["targets"])
    started = time.monotonic()
    copy = Path(tempfile.mkdtemp(prefix=f"parknews-mutation-{name}-"))
    try:
        copy_tree(ROOT, copy)
        tests = test_arguments(copy, spec["tests"])
        command = tool_command(targets, tests, spec.get("coverage", True), workers, spec.get("mutant_timeout", 300))
        log_path = copy / "mutation.log"
        code = run_tool(command, copy, log_path)
        report_path = copy / REPORT
        if not report_path.exists():
            tail = log_path.read_text(encoding="utf-8", errors="replace")[-3000:]
            return ModuleResult(name, targets, [], time.monotonic() - started, spec.get("provisional", False),
                                f"pytest-gremlins exited {code} without a report:\n{tail}")
        mutants = classify(copy, json.loads(report_path.read_text(encoding="utf-8")), spec.get("equivalent", []))
        return ModuleResult(name, targets, mutants, time.monotonic() - started, spec.get("provisional", False))
    finally:
        if keep:
            print(f"  the copy stays in {copy}", flush=True)
        else:
            shutil.rmtree(copy, ignore_errors=True)


def print_result(result: ModuleResult) -> None:
    label = " (provisional: the module is being changed)" if result.provisional else ""
    print(f"\n== {result.name}{label}: {', '.join(result.targets)}  [{result.seconds:.0f} s]")
    if result.failure:
        print(result.failure)
        return
    print(f"   {len(result.mutants)} mutants: {result.count('killed')} killed, {result.count('survived')} survived, "
          f"{result.count('equivalent')} equivalent, {result.count('timeout')} timeout, {result.count('error')} error")
    for status in ("survived", "timeout", "error", "equivalent"):
        for m in (m for m in result.mutants if m.status == status):
            print(f"   {status} {m.path}:{m.line} ({m.operator}: {m.change})" + (f" — {m.why}" if m.why else ""))
            for line in m.diff:
                print(f"       {line}")


def markdown(results: list[ModuleResult]) -> str:
    rows = ["| module | files | mutants | killed | survived | equivalent | timeout | measured |",
            "|---|---|---|---|---|---|---|---|"]
    today = date.today().isoformat()
    for r in results:
        if r.failure:
            continue
        mark = " (provisional)" if r.provisional else ""
        rows.append(f"| {r.name}{mark} | {', '.join(r.targets)} | {len(r.mutants)} | {r.count('killed')} | "
                    f"{r.count('survived')} | {r.count('equivalent')} | {r.count('timeout')} | {today} |")
    return "\n".join(rows)


def _raise_interrupted(signum, frame):
    raise Interrupted(signal.Signals(signum).name)


def main(argv=None) -> int:
    modules = load_config()
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--module", action="append", choices=sorted(modules), help="only this module (repeatable)")
    parser.add_argument("--list", action="store_true", help="name the modules, their files and tests, and stop")
    parser.add_argument("--workers", type=int, default=2, help="mutants run at once (default 2)")
    parser.add_argument("--keep", action="store_true", help="keep each module's copy of the tree (to inspect its log)")
    parser.add_argument("--markdown", action="store_true", help="end with the figures as a Markdown table")
    parser.add_argument("--json", type=Path, help="also write every mutant to this JSON file")
    args = parser.parse_args(argv)
    if args.list:
        for name, spec in modules.items():
            print(f"{name}: {', '.join(expand_targets(ROOT, spec['targets']))}\n    tests: {' '.join(spec['tests'])}")
        return 0
    signal.signal(signal.SIGTERM, _raise_interrupted)
    results = []
    try:
        for name in args.module or list(modules):
            print(f"-- {name}: mutating a copy of the tree …", flush=True)
            result = run_module(name, modules[name], args.workers, args.keep)
            print_result(result)
            results.append(result)
    except (KeyboardInterrupt, Interrupted):
        print("\nInterrupted: the copy is removed, the working tree was never changed.", file=sys.stderr)
        return 130
    if args.markdown:
        print("\n" + markdown(results))
    if args.json:
        args.json.write_text(json.dumps([{"module": r.name, "targets": r.targets, "seconds": round(r.seconds),
                                          "provisional": r.provisional, "failure": r.failure,
                                          "mutants": [vars(m) for m in r.mutants]} for r in results],
                                         ensure_ascii=False, indent=1), encoding="utf-8")
    return 1 if any(r.failure for r in results) else 0


if __name__ == "__main__":
    sys.exit(main())
