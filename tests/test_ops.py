"""Running from cron: the wrapper's lock and exit codes, and the health command."""

import fcntl
import subprocess
import sys

from crawler import locks, reparse, storage
from tests.conftest import FAST, ROOT, offline_env, rows, run_crawl


def cron(db_path, *args, log_dir):
    command = [sys.executable, "-m", "crawler.cron", "--db", str(db_path), "--log-dir", str(log_dir), *args]
    return subprocess.run(command, cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=300)


def health(db_path, *args):
    command = [sys.executable, "-m", "crawler.health", "--db", str(db_path), *args]
    return subprocess.run(command, cwd=ROOT, env=offline_env(), capture_output=True, text=True, timeout=60)


def test_cron_run_succeeds_keeps_a_log_and_health_says_ok(replica, db_path, tmp_path):
    quiet = cron(db_path, "-a", f"base_url={replica.url}", *FAST, log_dir=tmp_path / "logs")
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == "" and quiet.stderr == ""     # cron mails only failures
    done = cron(db_path, "--verbose", "-a", f"base_url={replica.url}", *FAST, log_dir=tmp_path / "logs")
    assert done.returncode == 0, done.stderr
    assert "run 2 (incremental, zhongnangaoke): finished" in done.stdout
    logs = sorted((tmp_path / "logs").glob("crawl-*.log"))
    assert logs and all("Spider closed (finished)" in log.read_text() for log in logs)
    checked = health(db_path)
    assert checked.returncode == 0
    assert checked.stdout.startswith("OK ") and len(checked.stdout.strip().splitlines()) == 1


def test_cron_exits_non_zero_when_the_site_cannot_be_read(db_path, tmp_path):
    done = cron(db_path, "-a", "base_url=http://127.0.0.1:9", *FAST, "-s", "RETRY_TIMES=0",
                log_dir=tmp_path / "logs")
    assert done.returncode == 1
    assert "no listing page read" in done.stderr
    checked = health(db_path)
    assert checked.returncode == 1 and checked.stdout.startswith("FAIL ")


def test_cron_shows_why_a_crawl_died_before_its_log_began(db_path, tmp_path):
    """A crawl that cannot even start (here: a settings module that does not exist) logs nothing; what it
    printed reaches cron's mail under the FAILED line."""
    command = [sys.executable, "-m", "crawler.cron", "--db", str(db_path), "--log-dir", str(tmp_path / "logs"),
               "-a", "base_url=http://127.0.0.1:9"]
    env = dict(offline_env(), SCRAPY_SETTINGS_MODULE="parknews_settings_that_do_not_exist")
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert done.returncode == 1
    lines = done.stderr.strip().splitlines()
    assert lines[0].startswith("parknews: crawl FAILED (")
    assert "No module named 'parknews_settings_that_do_not_exist'" in lines[-1]


def test_a_second_crawl_refuses_while_one_holds_the_lock(db_path, tmp_path):
    with open(locks.lock_path(db_path, "zhongnangaoke"), "a+") as held:
        fcntl.flock(held, fcntl.LOCK_EX | fcntl.LOCK_NB)
        held.write("4242")
        held.flush()
        by_cron = cron(db_path, "-a", "base_url=http://127.0.0.1:9", log_dir=tmp_path / "logs")
        by_hand = run_crawl("http://127.0.0.1:9", db_path)
    assert by_cron.returncode == by_hand.returncode == 75
    assert "already running" in by_cron.stderr
    assert "another run (pid 4242)" in by_hand.log
    assert rows(db_path, "SELECT count(*) AS n FROM crawl_runs")[0]["n"] == 0


def test_health_fails_on_an_old_run_and_on_no_run(db_path):
    assert health(db_path).returncode == 2     # no database
    db = storage.connect(db_path)
    assert health(db_path).returncode == 2     # no run
    run = storage.open_run(db, "incremental", {})
    storage.close_run(db, run, {"finish_reason": "finished", "listing_pages": 3, "errors": 0,
                                "articles_new": 1, "articles_updated": 0, "items_rejected": 0})
    db.execute("UPDATE crawl_runs SET finished_at = '2020-01-01T00:00:00+08:00'")
    checked = health(db_path)
    assert checked.returncode == 1 and "older than 26h" in checked.stdout
    assert health(db_path, "--max-age-hours", "1000000").returncode == 0


def test_killed_run_shows_as_interrupted(db_path):
    db = storage.connect(db_path)
    storage.open_run(db, "full", {})           # never closed: the process died
    storage.open_run(db, "incremental", {})
    assert [r["finish_reason"] for r in rows(db_path, "SELECT finish_reason FROM crawl_runs ORDER BY id")] == \
        ["interrupted", None]


def test_a_hand_started_crawl_of_an_unreachable_site_ends_with_a_summary_and_why(db_path):
    result = run_crawl("http://127.0.0.1:9", db_path, settings=("-s", "RETRY_TIMES=0"))
    assert result.returncode == 1
    assert "Traceback" not in result.log
    lines = result.log.splitlines()
    (summary,) = [line for line in lines if "parknews: run 1 (incremental, zhongnangaoke)" in line]
    assert "0 new, 0 updated, 0 unchanged, 0 rejected" in summary
    (why,) = [line for line in lines if "no listing page could be read" in line]
    assert why.endswith("connection refused (http://127.0.0.1:9/)")
    assert rows(db_path, "SELECT failure FROM crawl_runs")[0]["failure"] == "connection refused (http://127.0.0.1:9/)"


def test_bad_arguments_print_one_line_and_exit_2(db_path):
    for argument, says in (("mode=fast", "-a mode='fast'"), ("base_url=http://", "with a host"),
                           ("since=2024-02-30", "YYYY-MM-DD"), ("categories=3,x", "category ids"),
                           ("sincee=2024-01-01", "unknown argument -a sincee")):
        result = run_crawl("http://127.0.0.1:9", db_path, argument)
        assert result.returncode == 2, argument
        assert result.log.strip().splitlines() == [result.log.strip().splitlines()[0]], result.log
        assert result.log.startswith("parknews: ") and says in result.log, result.log
    assert not db_path.exists()


def test_health_judges_each_portal_by_its_last_crawl_not_by_a_reparse(replica, db_path):
    assert run_crawl(replica.url, db_path).returncode == 0
    assert reparse.main(["--db", str(db_path)]) == 0
    assert rows(db_path, "SELECT mode FROM crawl_runs ORDER BY id")[-1]["mode"] == "reparse"
    checked = health(db_path)
    assert checked.returncode == 0, checked.stdout
    assert checked.stdout.startswith("OK run 1 (incremental, zhongnangaoke)")
