#!/usr/bin/env bash
# The whole-process overhead benchmark: the same program making thousands of chat completions to a fake
# provider on loopback, with no agent, with Keywatch and with the OpenTelemetry Java agent (exporters off),
# warm processes taking turns in short blocks, six fresh processes of each; then the startup of a one-call
# program likewise.
# Prints a Markdown table.
#   benchmarks/overhead.sh                          the README's table: 6 processes per setup, 80 rounds of 250 calls (about 11 minutes)
#   benchmarks/overhead.sh --processes 3            quicker, wider intervals
#   benchmarks/overhead.sh --clients okhttp         one client
#   benchmarks/overhead.sh --java /usr/lib/jvm/temurin-25-jdk-amd64/bin/java   another JDK under test
set -euo pipefail
cd "$(dirname "$0")/.."
mvn -B -q -ntp -DskipTests package -pl benchmarks -am
java -cp benchmarks/target/classes:demo-app/target/keywatch-demo.jar \
  dev.keywatch.benchmarks.overhead.OverheadBenchmark \
  --keywatch agent/target/keywatch-agent.jar --otel benchmarks/target/agents/opentelemetry-javaagent.jar "$@"
