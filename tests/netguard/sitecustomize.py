"""Loaded by Python at start-up when this folder is on PYTHONPATH: refuse and record any network use
other than loopback, so a test can show that a whole crawl never reaches for the internet."""

import ipaddress
import os
import socket

_LOG = os.environ.get("PARKNEWS_NETGUARD_LOG", "netguard.log")


def _local(host) -> bool:
    if host in ("localhost", "", None):
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False


def _refuse(what):
    with open(_LOG, "a", encoding="utf-8") as log:
        log.write(f"{what}\n")
    raise OSError(f"network blocked by test guard: {what}")


_getaddrinfo = socket.getaddrinfo
_connect = socket.socket.connect


def getaddrinfo(host, *args, **kwargs):
    if not _local(host if not isinstance(host, bytes) else host.decode()):
        _refuse(f"getaddrinfo {host}")
    return _getaddrinfo(host, *args, **kwargs)


def connect(self, address):
    if self.family in (socket.AF_INET, socket.AF_INET6) and not _local(address[0]):
        _refuse(f"connect {address}")
    return _connect(self, address)


socket.getaddrinfo = getaddrinfo
socket.socket.connect = connect
