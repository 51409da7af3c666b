#!/usr/bin/env bash
# Starts the Host on http://localhost:5080. With no ConnectionStrings__Workflows set it prepares and starts its own
# PostgreSQL cluster under data/postgres (the embedded default) and seeds the demo accounts.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-prerequisites.sh
# The issued document (PDF signed by the head and the body) is on for the demo; see README, "The issued document".
export Workflows__Documents__Enabled="${Workflows__Documents__Enabled:-true}"
exec dotnet run --project src/Host -c Release -- "$@"
