"""No code path reaches for the internet: a whole crawl with every non-loopback connection refused."""

import os
import subprocess
import sys

from tests.conftest import FAST, ROOT, rows

GUARD = ROOT / "tests" / "netguard"


def guarded_env(log):
    env = {k: v for k, v in os.environ.items() if not k.startswith("TLDEXTRACT")}   # no help from the environment
    env["PYTHONPATH"] = os.pathsep.join([str(GUARD), str(ROOT)])
    env["PARKNEWS_NETGUARD_LOG"] = str(log)
    return env


def test_the_guard_catches_what_would_go_out(tmp_path):
    log = tmp_path / "net.log"
    code = "import tldextract; tldextract.TLDExtract(cache_dir=None)('http://www.zhongnangaoke.com.cn')"
    subprocess.run([sys.executable, "-c", code], env=guarded_env(log), capture_output=True, timeout=120)
    assert "publicsuffix" in log.read_text()


def test_a_whole_crawl_makes_no_connection_beyond_loopback(replica, db_path, tmp_path):
    log = tmp_path / "net.log"
    command = [sys.executable, "-m", "scrapy", "crawl", "zhongnangaoke", "-a", f"base_url={replica.url}",
               "-s", f"SQLITE_PATH={db_path}", *FAST]
    done = subprocess.run(command, cwd=ROOT, env=guarded_env(log), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0
    assert not log.exists(), log.read_text()
    assert rows(db_path, "SELECT count(*) AS n FROM articles")[0]["n"] == len(replica.site.articles)
