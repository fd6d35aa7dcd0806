#!/bin/bash
# Records what the workload sees, then waits to be stopped.
env | sort > "$MYCELIUM_DATA_DIR/env.txt"
pwd > "$MYCELIUM_DATA_DIR/pwd.txt"
id -u > "$MYCELIUM_DATA_DIR/uid.txt"
echo "to stdout"
echo "to stderr" >&2
touch "$MYCELIUM_DATA_DIR/done"
exec sleep 300
