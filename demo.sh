#!/usr/bin/env bash
# Builds Keywatch and runs the demo service with the agent attached, against a local fake provider.
#   ./demo.sh                 run until Ctrl-C; metrics at http://localhost:9477/metrics
#   ./demo.sh --duration 60   run for a minute
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests package
exec java -Djdk.net.hosts.file=demo-app/hosts \
  -javaagent:agent/target/keywatch-agent.jar \
  -jar demo-app/target/keywatch-demo.jar "$@"
