"""Serve the second replica site by hand: ``python -m tests.replica_zblog --port 8001 --mode rewrite``."""

import argparse
from datetime import datetime

from tests.replica.server import ReplicaServer
from tests.replica_zblog.site import SHANGHAI, VERSIONS
from tests.replica_zblog.standard import FIXED_NOW, site_factory
from tests.replica_zblog.urls import MODES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8001)
    parser.add_argument("--mode", choices=sorted(MODES), default="dynamic", help="URL mode (default: dynamic)")
    parser.add_argument("--version", choices=sorted(VERSIONS), default="1.7.3", help="Z-BlogPHP build to imitate")
    parser.add_argument("--now", default=FIXED_NOW.isoformat(),
                        help="the site's clock, ISO 8601 (Asia/Shanghai when no offset), or 'real'")
    args = parser.parse_args()
    now = None if args.now == "real" else datetime.fromisoformat(args.now)
    if now is not None and now.tzinfo is None:
        now = now.replace(tzinfo=SHANGHAI)
    with ReplicaServer(site_factory=site_factory(args.mode, now=now, version=args.version), port=args.port) as server:
        print(f"Z-BlogPHP replica ({args.mode} URLs) at {server.url}/  (Ctrl-C to stop)", flush=True)
        try:
            server._thread.join()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
