"""The benchmark's SMTP server on aiosmtpd (Debian's python3-aiosmtpd; run with /usr/bin/python3).

Accepts every message, keeps nothing, and prints "ACCEPTED <n>" after each accepted message (n counts from 1),
so the benchmark knows when the last one arrived. Prints READY when listening.
"""
import argparse
import sys
import threading

from aiosmtpd.controller import Controller


class Handler:
    def __init__(self):
        self.count = 0

    async def handle_DATA(self, server, session, envelope):
        self.count += 1
        sys.stdout.write(f"ACCEPTED {self.count}\n")
        sys.stdout.flush()
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    args = parser.parse_args()
    controller = Controller(Handler(), hostname="127.0.0.1", port=args.port, data_size_limit=50 * 1024 * 1024)
    controller.start()
    print("READY", flush=True)
    try:
        threading.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
