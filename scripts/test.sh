#!/usr/bin/env bash
# Runs every test: installs what they need (PostgreSQL, aiosmtpd), then dotnet test. The tests start their own
# PostgreSQL cluster and SMTP servers on free loopback ports and stop them when they end.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-prerequisites.sh --tests
dotnet test Workflows.sln -c Release "$@"
