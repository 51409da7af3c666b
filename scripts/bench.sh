#!/usr/bin/env bash
# Runs the benchmark program: installs what it needs (PostgreSQL with pgbench, aiosmtpd), then starts its own
# PostgreSQL cluster and SMTP server on free loopback ports, runs the scenarios, prints a table and writes
# bench/results.json. Options: --quick, --only reading,pgbench,approval,parallel,release,reporting-open,reporting-overdue,mail,documents,lists, --durable,
# --pgbench-seconds N, --set key=value (a Host setting, repeatable).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-prerequisites.sh --tests
# The mail scenarios receive with Postfix's smtp-sink and measure the ceiling with smtp-source (Debian's postfix). Only
# the two test programs are used: the package is installed with no configuration, and no Postfix daemon is left running.
if [ ! -x /usr/sbin/smtp-sink ] || [ ! -x /usr/sbin/smtp-source ]; then
  echo "Installing postfix (for smtp-sink and smtp-source only) ..."
  SUDO=""
  [ "$(id -u)" -eq 0 ] || SUDO="sudo"
  echo "postfix postfix/main_mailer_type select No configuration" | $SUDO debconf-set-selections
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends postfix >/dev/null
fi
if [ -x /usr/sbin/postfix ] && /usr/sbin/postfix status >/dev/null 2>&1; then
  echo "Stopping the Postfix daemon the package started (the benchmark needs none)"
  $([ "$(id -u)" -eq 0 ] || echo sudo) /usr/sbin/postfix stop >/dev/null 2>&1
fi
dotnet run -c Release --project bench/Workflows.Benchmarks -- "$@"
