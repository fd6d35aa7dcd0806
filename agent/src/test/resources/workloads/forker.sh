#!/bin/bash
# Forks two children and a grandchild that is re-parented away from us, records their pids, waits.
sleep 300 &
echo $! >> "$MYCELIUM_DATA_DIR/pids.txt"
sleep 300 &
echo $! >> "$MYCELIUM_DATA_DIR/pids.txt"
( sleep 300 & echo $! >> "$MYCELIUM_DATA_DIR/pids.txt" )
echo $$ >> "$MYCELIUM_DATA_DIR/pids.txt"
touch "$MYCELIUM_DATA_DIR/done"
wait
