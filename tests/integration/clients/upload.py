#!/usr/bin/env python3
"""Presigned PUT the way the seed page's Python sample does it: requests.put(url, data=file).

usage: upload.py URL FILE [CONTENT-TYPE]
Prints "STATUS <code>" on the first line, then the response body. Exit 0 when a response
arrived (whatever its status), 1 on a transport error.
"""
import sys

import requests


def main():
    url, path = sys.argv[1], sys.argv[2]
    headers = {"Content-Type": sys.argv[3]} if len(sys.argv) > 3 else None
    try:
        with open(path, "rb") as f:
            r = requests.put(url, data=f, headers=headers, timeout=60)
    except requests.RequestException as e:
        print(f"transport error: {e!r}", file=sys.stderr)
        return 1
    sys.stdout.write(f"STATUS {r.status_code}\n")
    for k, v in r.headers.items():
        sys.stdout.write(f"HEADER {k}: {v}\n")
    sys.stdout.write("\n")
    sys.stdout.flush()
    sys.stdout.buffer.write(r.content)
    print(f"requests {requests.__version__}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
