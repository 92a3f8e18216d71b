"""Serve the replica portal for the offline demo: ``python -m tests.replica --port 8000``."""

import argparse

from tests.replica.server import ReplicaServer


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--port", type=int, default=8000)
    args = parser.parse_args()
    with ReplicaServer(port=args.port) as server:
        print(f"Replica portal at {server.url}/  (Ctrl-C to stop)", flush=True)
        try:
            server._thread.join()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()
