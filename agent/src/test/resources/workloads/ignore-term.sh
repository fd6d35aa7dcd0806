#!/bin/bash
# Ignores TERM, and so do its children (an ignored signal stays ignored across fork and exec).
trap '' TERM
sleep 300 &
echo $! >> "$MYCELIUM_DATA_DIR/pids.txt"
echo $$ >> "$MYCELIUM_DATA_DIR/pids.txt"
touch "$MYCELIUM_DATA_DIR/done"
while true; do sleep 1; done
