"""A test SMTP server on aiosmtpd (Debian's python3-aiosmtpd; run with /usr/bin/python3).

Stores each received message as <uuid>.eml and a decoded summary <uuid>.json (recipients, Message-ID, subject,
attachment names, plain body) in --dir. Reads --dir/control.json before each RCPT:
  {"temporary": {"addr@example.org": 2}, "permanent": ["addr2@example.org"]}
answers "451" while the address's temporary count is above zero (and counts it down), "550" for permanent ones.
With "delayMs": N, each message is stored and then the 250 reply waits N milliseconds (a slow server).
Prints READY when listening. With --tls-cert and --tls-key it offers STARTTLS with that certificate and refuses mail
before it (require_starttls); with --implicit-tls as well, it speaks TLS from the first byte instead (SMTPS, port 465 style).
"""
import argparse
import asyncio
import email
import email.policy
import json
import os
import ssl
import threading
import uuid

from aiosmtpd.controller import Controller

lock = threading.Lock()


class Handler:
    def __init__(self, directory):
        self.directory = directory
        self.control_path = os.path.join(directory, "control.json")

    def _control(self):
        try:
            with open(self.control_path, encoding="utf-8") as f:
                return json.load(f)
        except (FileNotFoundError, json.JSONDecodeError):
            return {}

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        with lock:
            control = self._control()
            if address.lower() in [a.lower() for a in control.get("permanent", [])]:
                return "550 5.1.1 Mailbox unavailable"
            temporary = control.get("temporary", {})
            if temporary.get(address, 0) > 0:
                temporary[address] -= 1
                tmp = self.control_path + ".tmp"
                with open(tmp, "w", encoding="utf-8") as f:
                    json.dump(control, f)
                os.replace(tmp, self.control_path)
                return "451 4.3.0 Try again later"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        name = uuid.uuid4().hex
        raw = envelope.original_content or envelope.content
        with open(os.path.join(self.directory, name + ".eml"), "wb") as f:
            f.write(raw)
        message = email.message_from_bytes(raw, policy=email.policy.default)
        body = message.get_body(preferencelist=("plain",))
        summary = {
            "to": list(envelope.rcpt_tos),
            "messageId": str(message.get("Message-ID", "")),
            "subject": str(message.get("Subject", "")),
            "attachments": [part.get_filename() for part in message.iter_attachments()],
            "attachmentSizes": [len(part.get_content()) if isinstance(part.get_content(), (bytes, str)) else 0 for part in message.iter_attachments()],
            "body": body.get_content() if body is not None else "",
        }
        tmp = os.path.join(self.directory, name + ".json.tmp")
        with open(tmp, "w", encoding="utf-8") as f:
            json.dump(summary, f, ensure_ascii=False)
        os.replace(tmp, os.path.join(self.directory, name + ".json"))
        delay = self._control().get("delayMs", 0)
        if delay:
            await asyncio.sleep(delay / 1000)
        return "250 Message accepted for delivery"


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--port", type=int, required=True)
    parser.add_argument("--dir", required=True)
    parser.add_argument("--tls-cert")
    parser.add_argument("--tls-key")
    parser.add_argument("--implicit-tls", action="store_true")
    args = parser.parse_args()
    os.makedirs(args.dir, exist_ok=True)
    tls = {}
    if args.tls_cert:
        context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
        context.load_cert_chain(args.tls_cert, args.tls_key)
        tls = {"ssl_context": context} if args.implicit_tls else {"tls_context": context, "require_starttls": True}
    controller = Controller(Handler(args.dir), hostname="127.0.0.1", port=args.port, data_size_limit=50 * 1024 * 1024, **tls)
    controller.start()
    print("READY", flush=True)
    try:
        threading.Event().wait()
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
