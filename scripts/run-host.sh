#!/usr/bin/env bash
# Starts the Host on http://localhost:5080. With no ConnectionStrings__Workflows set it prepares and starts its own
# PostgreSQL cluster under data/postgres (the embedded default) and seeds the demo accounts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-prerequisites.sh
# The demo shows what would be sent on /dev/mail (Admins, own body, links masked); a real installation leaves it off.
export Workflows__DevMail__Enabled="${Workflows__DevMail__Enabled:-true}"
exec dotnet run --project src/Host -c Release -- "$@"
