#!/usr/bin/env bash
# Runs the benchmark program: installs what it needs (PostgreSQL with pgbench, aiosmtpd), then starts its own
# PostgreSQL cluster and SMTP server on free loopback ports, runs the scenarios, prints a table and writes
# bench/results.json. Options: --quick, --only reading,pgbench,approval,release,reporting-open,reporting-overdue,documents, --durable,
# --pgbench-seconds N, --set key=value (a Host setting, repeatable).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-prerequisites.sh --tests
dotnet run -c Release --project bench/Workflows.Benchmarks -- "$@"
