"""Long work shows a progress bar on a terminal, and nothing of it where output goes to a file, a pipe or cron."""

import fcntl
import os
import pty
import struct
import subprocess
import sys
import termios

from tests.conftest import ROOT, FAST, offline_env, run_crawl, scrapy_crawl


def on_a_terminal(command: list[str]) -> tuple[int, str]:
    """Run ``command`` with stdout and stderr on a pseudo-terminal of 160 columns; (exit status, output)."""
    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, 160, 0, 0))
    process = subprocess.Popen(command, cwd=ROOT, env=offline_env(), stdout=slave, stderr=slave, stdin=slave)
    os.close(slave)
    output = b""
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:         # the terminal closed: the process is done
            break
        if not chunk:
            break
        output += chunk
    os.close(master)
    return process.wait(timeout=300), output.decode("utf-8", "replace")


def test_a_backfill_on_a_terminal_shows_a_bar_with_counts_and_an_eta(replica, db_path):
    code, output = on_a_terminal(scrapy_crawl(replica.url, db_path, "since=2020-01-01"))
    assert code == 0
    frames = [frame for frame in output.replace("\n", "\r").split("\r") if frame.startswith("Backfill:")]
    assert frames and "100%|" in frames[-1]
    assert f"{len(replica.site.articles)} new" in frames[-1] and "<" in frames[-1]   # counts and time left
    assert "Spider closed (finished)" in output        # log lines still print, above the bar


def test_no_bar_where_output_is_not_a_terminal(replica, db_path, tmp_path):
    piped = run_crawl(replica.url, db_path, "since=2020-01-01")
    assert piped.returncode == 0
    assert "Backfill:" not in piped.log and "%|" not in piped.log
    assert "Progress: " in piped.log                   # the plain per-minute line instead
    # cron writes the crawl's log to a file: no bar there, even when started from a terminal
    code, output = on_a_terminal([sys.executable, "-m", "crawler.cron", "--db", str(tmp_path / "cron.db"),
                                  "--log-dir", str(tmp_path / "logs"), "-a", f"base_url={replica.url}", *FAST])
    assert code == 0 and output == ""
    (log,) = (tmp_path / "logs").glob("crawl-*.log")
    assert "%|" not in log.read_text() and "Progress: " in log.read_text()


def test_reparse_shows_a_bar_on_a_terminal_only(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    reparse = [sys.executable, "-m", "crawler.reparse", "--db", str(db_path)]
    code, output = on_a_terminal(reparse)
    assert code == 0 and "Re-extracting: 100%|" in output and f"{len(replica.site.articles)}/" in output
    piped = subprocess.run(reparse, cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=300)
    assert piped.returncode == 0 and piped.stderr == "" and "%|" not in piped.stdout
