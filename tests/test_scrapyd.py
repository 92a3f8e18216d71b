"""Deployment to Scrapyd: the project deployed with ``scrapyd-deploy`` and portal crawls scheduled through
Scrapyd's HTTP API fill their databases, also two portals writing one database at once."""

from __future__ import annotations

import configparser
import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
import zipfile
from pathlib import Path

import pytest

from tests.conftest import FAST, ROOT, offline_env, rows
from tests.replica.server import ReplicaServer
from tests.replica_zblog.standard import site_factory

pytest.importorskip("scrapyd", reason='the scrapyd extra is not installed: pip install -e ".[scrapyd]"')
pytest.importorskip("scrapyd_client", reason='the scrapyd extra is not installed: pip install -e ".[scrapyd]"')

PROJECT = "parknews"
STARTUP_SECONDS = 30
CRAWL_SECONDS = 120
# What a build copy of the checkout leaves out: nothing the egg is made of.
NOT_BUILT_TOP = {".git", "data", "build", "logs", "tests", "bench", "docs", "desk", ".pytest_cache", ".hypothesis"}
NOT_BUILT_ANYWHERE = shutil.ignore_patterns("__pycache__", "*.egg-info", "*.db", "*.db-*", "*.lock")


class Scrapyd:
    """A ``scrapyd`` on 127.0.0.1 with its own configuration, eggs, logs and queues in ``folder``."""

    def __init__(self, folder: Path):
        self.folder = folder
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}/"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "scrapyd.conf").write_text(
            "[scrapyd]\n"
            "bind_address = 127.0.0.1\n"
            f"http_port = {self.port}\n"
            f"eggs_dir = {folder / 'eggs'}\n"
            f"logs_dir = {folder / 'logs'}\n"
            "items_dir =\n"
            f"dbs_dir = {folder / 'dbs'}\n"
            "max_proc = 2\n"
            "poll_interval = 0.2\n", encoding="utf-8")
        # Scrapyd reads scrapyd.conf from its working folder, then ~/.scrapyd.conf: HOME is the folder too.
        # The checkout is not on PYTHONPATH: the crawls must import the project from the deployed egg.
        env = {**offline_env(), "HOME": str(folder)}
        if "PYTHONPATH" in os.environ:
            env["PYTHONPATH"] = os.environ["PYTHONPATH"]
        else:
            del env["PYTHONPATH"]
        self.env = env
        self.output = (folder / "scrapyd.out").open("wb")
        self.process = subprocess.Popen([sys.executable, "-m", "scrapyd"], cwd=folder, env=env,
                                        stdout=self.output, stderr=subprocess.STDOUT, start_new_session=True)

    def wait_until_answering(self) -> None:
        deadline = time.monotonic() + STARTUP_SECONDS
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"scrapyd exited: {self.log_tail()}"
            try:
                if self.get("daemonstatus.json")["status"] == "ok":
                    return
            except OSError:
                pass
            time.sleep(0.1)
        raise AssertionError(f"scrapyd did not answer within {STARTUP_SECONDS} s: {self.log_tail()}")

    def get(self, endpoint: str, **query) -> dict:
        with urllib.request.urlopen(f"{self.url}{endpoint}?{urllib.parse.urlencode(query)}", timeout=10) as answer:
            return json.load(answer)

    def post(self, endpoint: str, fields: dict) -> dict:
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        with urllib.request.urlopen(f"{self.url}{endpoint}", data, timeout=30) as answer:
            return json.load(answer)

    def schedule(self, spider: str, base_url: str, db_path: Path, *settings: str) -> str:
        """A portal crawl with its spider argument and settings, as an operator schedules it; its job id."""
        settings = [f"SQLITE_PATH={db_path}", *FAST[1::2], *settings]
        answer = self.post("schedule.json", {"project": PROJECT, "spider": spider, "base_url": base_url,
                                             "setting": settings})
        assert answer["status"] == "ok", answer
        return answer["jobid"]

    def jobs(self, state: str) -> set[str]:
        """Ids of this project's jobs in ``state``: pending, running or finished."""
        return {job["id"] for job in self.get("listjobs.json", project=PROJECT)[state]}

    def wait_for(self, jobs: list[str]) -> None:
        deadline = time.monotonic() + CRAWL_SECONDS
        while not set(jobs) <= self.jobs("finished"):
            assert time.monotonic() < deadline, f"jobs not finished within {CRAWL_SECONDS} s\n{self.crawl_logs(jobs)}"
            time.sleep(0.2)

    def crawl_logs(self, jobs: list[str]) -> str:
        """The jobs' log files, then Scrapyd's own output (it records the crawls' exit status and stderr)."""
        logs = [path.read_text(errors="replace")[-3000:] for path in (self.folder / "logs").rglob("*.log")
                if path.stem in jobs]
        return "\n".join([*logs, self.log_tail()])

    def log_tail(self) -> str:
        self.output.flush()
        return (self.folder / "scrapyd.out").read_text(errors="replace")[-3000:]

    def stop(self) -> None:
        # the process group holds scrapyd and any crawl it still runs
        os.killpg(self.process.pid, signal.SIGTERM)
        try:
            self.process.wait(20)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(20)
        self.output.close()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def deploy(scrapyd: Scrapyd, build_folder: Path) -> subprocess.CompletedProcess:
    """``scrapyd-deploy`` run in a copy of the checkout whose scrapy.cfg [deploy] target points at ``scrapyd``
    (it writes setup.py and build files where it runs: the checkout stays as it is)."""
    def not_built(folder: str, names: list[str]) -> set[str]:
        top = NOT_BUILT_TOP if Path(folder) == ROOT else set()
        return top | NOT_BUILT_ANYWHERE(folder, names)

    shutil.copytree(ROOT, build_folder, ignore=not_built)
    config = configparser.ConfigParser()
    config.read(build_folder / "scrapy.cfg", encoding="utf-8")
    config["deploy"]["url"] = scrapyd.url
    with (build_folder / "scrapy.cfg").open("w", encoding="utf-8") as cfg:
        config.write(cfg)
    return subprocess.run([sys.executable, "-m", "scrapyd_client.deploy", "--version", "r1"], cwd=build_folder,
                          env=scrapyd.env, capture_output=True, text=True, timeout=180)


@pytest.fixture(scope="module")
def scrapyd(tmp_path_factory):
    """A running Scrapyd with the project deployed to it."""
    folder = tmp_path_factory.mktemp("scrapyd")
    server = Scrapyd(folder / "scrapyd")
    try:
        server.wait_until_answering()
        deployed = deploy(server, folder / "build")
        assert deployed.returncode == 0, deployed.stderr + deployed.stdout
        yield server
    finally:
        server.stop()


@pytest.fixture
def replicas():
    """The main portal's replica and a Z-BlogPHP default-theme site."""
    with ReplicaServer() as main, ReplicaServer(site_factory=site_factory("dynamic")) as zblog:
        yield main, zblog


def zblog_portal(server: ReplicaServer) -> str:
    return f"zblog:{server.url.split('//', 1)[1]}"


def expected_articles(main: ReplicaServer, zblog: ReplicaServer) -> dict[tuple[str, int], tuple[str, str]]:
    """(portal, post id) → (title, body text) of every article of the two replicas."""
    expected = {("zhongnangaoke", a.post_id): (a.title, "\n".join(a.body.content)) for a in main.site.articles.values()}
    for article in zblog.site.live():
        page = zblog.site.expected(article.post_id)
        expected[(zblog_portal(zblog), article.post_id)] = (page.title, "\n".join(page.body_text))
    return expected


def assert_stored(db_path: Path, expected: dict[tuple[str, int], tuple[str, str]], logs: str) -> None:
    """Exactly the expected articles, each with its title and body, and one finished run per portal
    (``logs``, the crawls' logs, say why not)."""
    stored = {(r["portal"], r["post_id"]): (r["title"], r["body_text"])
              for r in rows(db_path, "SELECT portal, post_id, title, body_text FROM articles")}
    assert set(stored) == set(expected), logs
    for key, article in expected.items():
        assert stored[key] == article, key
    runs = rows(db_path, "SELECT portal, finish_reason FROM crawl_runs")
    assert sorted(map(tuple, runs)) == sorted((portal, "finished") for portal in {p for p, _ in expected}), logs


def test_the_deployed_egg_holds_the_project_its_data_and_its_settings_module(scrapyd):
    (egg,) = (scrapyd.folder / "eggs" / PROJECT).glob("*.egg")
    with zipfile.ZipFile(egg) as archive:
        names = set(archive.namelist())
        entry_points = archive.read("EGG-INFO/entry_points.txt").decode()
    wanted = {path.relative_to(ROOT).as_posix() for package in ("crawler", "spiders", "pipelines")
              for path in (ROOT / package).rglob("*") if path.suffix in (".py", ".tsv")}
    assert wanted <= names
    assert any(name.startswith("crawler/facts/data/") and name.endswith(".tsv") for name in names)
    assert "[scrapy]\nsettings = crawler.settings" in entry_points
    assert sorted(scrapyd.get("listspiders.json", project=PROJECT)["spiders"]) == ["zblog", "zhongnangaoke"]


def test_crawls_scheduled_through_scrapyd_store_every_article_of_each_portal(scrapyd, replicas, tmp_path):
    main, zblog = replicas
    main_db, zblog_db = tmp_path / "zhongnangaoke.db", tmp_path / "zblog.db"
    jobs = [scrapyd.schedule("zhongnangaoke", main.url, main_db), scrapyd.schedule("zblog", zblog.url, zblog_db)]
    scrapyd.wait_for(jobs)
    logs = scrapyd.crawl_logs(jobs)
    assert main_db.exists() and zblog_db.exists(), logs
    expected = expected_articles(main, zblog)
    assert_stored(main_db, {key: value for key, value in expected.items() if key[0] == "zhongnangaoke"}, logs)
    assert_stored(zblog_db, {key: value for key, value in expected.items() if key[0] == zblog_portal(zblog)}, logs)


def test_two_portals_scheduled_into_one_new_database_crawl_at_once_and_health_reports_each(scrapyd, replicas,
                                                                                            tmp_path):
    main, zblog = replicas
    db_path = tmp_path / "portals.db"
    main.hold_after = 5   # the main portal's crawl stays mid-run until the other portal's crawl has finished
    try:
        main_job = scrapyd.schedule("zhongnangaoke", main.url, db_path, "DOWNLOAD_TIMEOUT=180")
        zblog_job = scrapyd.schedule("zblog", zblog.url, db_path)
        deadline = time.monotonic() + CRAWL_SECONDS
        while not main.holding.wait(0.2):
            assert main_job not in scrapyd.jobs("finished"), scrapyd.crawl_logs([main_job, zblog_job])
            assert time.monotonic() < deadline, scrapyd.crawl_logs([main_job, zblog_job])
        scrapyd.wait_for([zblog_job])
        assert main_job in scrapyd.jobs("running")
    finally:
        main.release.set()
    jobs = [main_job, zblog_job]
    scrapyd.wait_for(jobs)
    logs = scrapyd.crawl_logs(jobs)
    assert_stored(db_path, expected_articles(main, zblog), logs)
    checked = subprocess.run([sys.executable, "-m", "crawler.health", "--db", str(db_path)], cwd=ROOT,
                             env=offline_env(), capture_output=True, text=True, timeout=60)
    lines = checked.stdout.strip().splitlines()
    assert checked.returncode == 0, checked.stdout + checked.stderr
    assert len(lines) == 2 and all(line.startswith("OK ") for line in lines), lines
    assert all(any(portal in line for line in lines) for portal in ("zhongnangaoke", zblog_portal(zblog)))
