#!/usr/bin/env bash
# Runs a command while other processes keep the CPUs busy, as on a shared CI runner or an agent's PC with the
# marketplace client, a browser and Excel open: tests that lean on timing fail here rather than in CI.
# Usage: tools/busy.sh [-n N] COMMAND...   (N busy processes, default 2; run the whole suite like this before a push:
#        tools/busy.sh .venv/bin/python -m pytest -q)
set -u
busy=2
if [ "${1:-}" = "-n" ]; then
  [[ "${2:-}" =~ ^[0-9]+$ ]] || { echo "busy.sh: -n takes a number of processes" >&2; exit 2; }
  busy=$2
  shift 2
fi
if [ $# -eq 0 ]; then
  echo "usage: tools/busy.sh [-n N] COMMAND..." >&2
  exit 2
fi
spinners=()
stop() { ((${#spinners[@]})) && kill "${spinners[@]}" 2>/dev/null; wait 2>/dev/null; }
trap stop EXIT
trap 'exit 130' INT TERM
for ((i = 0; i < busy; i++)); do
  # a pure CPU spinner that allocates nothing: the load is on the scheduler, not on memory
  python3 -c 'import itertools
for _ in itertools.count(): pass' &
  spinners+=($!)
done
echo "busy.sh: ${busy} CPU-bound process(es) running beside: $*" >&2
"$@"
