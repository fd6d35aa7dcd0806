#!/bin/bash
# Writes numbered lines to stdout until stopped.
i=0
touch "$MYCELIUM_DATA_DIR/done"
while true; do echo "line $i"; i=$((i+1)); if [ $((i % 200)) -eq 0 ]; then sleep 0.01; fi; done
