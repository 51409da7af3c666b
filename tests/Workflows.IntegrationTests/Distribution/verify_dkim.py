"""Verifies the DKIM signature of a received .eml file with dkimpy (Debian's python3-dkim; run with /usr/bin/python3).

Usage: verify_dkim.py MESSAGE.eml SELECTOR._domainkey.DOMAIN TXT-RECORD-FILE
The TXT record (v=DKIM1; k=rsa; p=...) is handed to dkimpy in place of DNS, only for the name given; any other lookup
fails. Prints PASS or FAIL and exits 0 or 1.
"""
import sys

import dkim

path, name, record_file = sys.argv[1:4]
with open(path, "rb") as f:
    message = f.read()
with open(record_file, "rb") as f:
    record = f.read().strip()
asked = []


def dnsfunc(queried, timeout=5):
    queried = queried.decode() if isinstance(queried, bytes) else queried
    asked.append(queried)
    return record if queried.rstrip(".") == name else None


ok = dkim.verify(message, dnsfunc=dnsfunc)
print(("PASS" if ok else "FAIL") + " " + ",".join(asked))
sys.exit(0 if ok else 1)
