"""Decodes .eml files the way a mail reader would (Python's email package, default policy; run with /usr/bin/python3).

Prints one JSON array: for each file given, its recipients, Message-ID, decoded subject, decoded attachment names and
sizes, and plain-text body.
"""
import email
import email.policy
import json
import sys

result = []
for path in sys.argv[1:]:
    with open(path, "rb") as f:
        message = email.message_from_bytes(f.read(), policy=email.policy.default)
    body = message.get_body(preferencelist=("plain",))
    result.append({
        "to": [a.addr_spec for a in message["To"].addresses] if message["To"] else [],
        "messageId": str(message.get("Message-ID", "")),
        "subject": str(message.get("Subject", "")),
        "attachments": [part.get_filename() for part in message.iter_attachments()],
        "attachmentSizes": [len(part.get_content()) for part in message.iter_attachments()],
        "body": body.get_content() if body is not None else "",
    })
json.dump(result, sys.stdout, ensure_ascii=False)
