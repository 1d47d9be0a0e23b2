#!/usr/bin/env bash
# Builds Keywatch and runs the demo service with the agent attached, against a local fake provider;
# when Prometheus is installed (Debian: apt-get install prometheus), also a Prometheus on
# 127.0.0.1:9090 that scrapes it and evaluates Keywatch's alert rules.
#   ./demo.sh                 run until Ctrl-C; metrics at http://localhost:9477/metrics
#   ./demo.sh --duration 60   run for a minute
set -euo pipefail
cd "$(dirname "$0")"
mvn -B -q -DskipTests package

prometheus_pid=""
work=$(mktemp -d)
cleanup() {
  [ -n "$prometheus_pid" ] && kill "$prometheus_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

if command -v prometheus >/dev/null 2>&1; then
  cat > "$work/prometheus.yml" <<YAML
global:
  scrape_interval: 5s
  evaluation_interval: 5s
rule_files:
  - $PWD/exporter/prometheus/keywatch-alerts.yml
scrape_configs:
  - job_name: keywatch-demo
    static_configs:
      - targets: ["127.0.0.1:9477"]
YAML
  prometheus --config.file="$work/prometheus.yml" --storage.tsdb.path="$work/data" \
    --web.listen-address=127.0.0.1:9090 > "$work/prometheus.log" 2>&1 &
  prometheus_pid=$!
  echo "Prometheus on http://127.0.0.1:9090 (alerts: http://127.0.0.1:9090/alerts)."
else
  echo "No prometheus on the PATH: metrics only. For alerts too: apt-get install prometheus, or docker compose up."
fi

# A placeholder where a key should be, for the agent's start-up check to find.
OPENAI_API_KEY=sk-your-key-here java -Djdk.net.hosts.file=demo-app/hosts \
  -javaagent:agent/target/keywatch-agent.jar \
  -jar demo-app/target/keywatch-demo.jar "$@"
