#!/usr/bin/env bash
# Installs the Debian packages the Host and the tests need, when missing: PostgreSQL server binaries, the issued
# document's tools (LibreOffice headless, poppler-utils, libnss3-tools, DejaVu fonts), Graphviz (workflow diagrams),
# Tesseract OCR with its Vietnamese model (scans of plans), and
# Debian's aiosmtpd (a real SMTP server for the tests), dkimpy (python3-dkim) and Chromium (the browser tests). Needs root (or passwordless sudo) on Debian.
set -euo pipefail
missing=()
[ -x "$(ls -d /usr/lib/postgresql/*/bin/initdb 2>/dev/null | head -n1)" ] || missing+=(postgresql)
# The issued document: LibreOffice headless converts a .docx (DejaVu is its fallback for a font the .docx names and
# the machine lacks), Poppler's pdfsig signs, NSS's tools hold the key. The PDF's own font, DejaVu Serif cut and
# flattened by scripts/make-document-fonts.py, ships inside Workflows.dll.
command -v soffice >/dev/null || missing+=(libreoffice-writer-nogui)
command -v pdfsig >/dev/null || missing+=(poppler-utils)
command -v certutil >/dev/null && command -v pk12util >/dev/null || missing+=(libnss3-tools)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf ] || missing+=(fonts-dejavu-core)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSerif-Italic.ttf ] || missing+=(fonts-dejavu-extra)
# Graphviz's dot draws the workflow diagrams (SVG) of the definitions and of each plan.
command -v dot >/dev/null || missing+=(graphviz)
# Scans of plans are read by OCR: Tesseract with its Vietnamese model (pages rendered by poppler-utils' pdftoppm).
command -v tesseract >/dev/null || missing+=(tesseract-ocr)
ls /usr/share/tesseract-ocr/*/tessdata/vie.traineddata >/dev/null 2>&1 || missing+=(tesseract-ocr-vie)
if [ "${1:-}" = "--tests" ]; then
  /usr/bin/python3 -c "import aiosmtpd" 2>/dev/null || missing+=(python3-aiosmtpd)
  # dkimpy verifies the DKIM signatures the transport makes (the public key handed to it in place of DNS).
  /usr/bin/python3 -c "import dkim" 2>/dev/null || missing+=(python3-dkim)
  # The browser tests drive Debian's Chromium through Playwright (never a downloaded browser).
  [ -x /usr/bin/chromium ] || missing+=(chromium)
  # The scan tests wrap rendered pages back into an image-only PDF.
  command -v img2pdf >/dev/null || missing+=(img2pdf)
  # fontTools remakes the issued PDF's fonts (scripts/make-document-fonts.py; the outputs are committed).
  /usr/bin/python3 -c "import fontTools" 2>/dev/null || missing+=(python3-fonttools)
fi
[ ${#missing[@]} -eq 0 ] && exit 0
echo "Installing ${missing[*]} ..."
SUDO=""
[ "$(id -u)" -eq 0 ] || SUDO="sudo"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
# Debian starts a cluster of its own on install; the project runs private clusters and does not need it.
$SUDO service postgresql stop >/dev/null 2>&1 || true
