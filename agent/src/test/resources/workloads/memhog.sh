#!/bin/bash
# Grows its memory well past 64 MiB, then waits; a memory limit below that gets it killed.
touch "$MYCELIUM_DATA_DIR/done"
exec /usr/bin/python3 -c 'import time; b = bytearray(256 * 1024 * 1024); time.sleep(300)'
