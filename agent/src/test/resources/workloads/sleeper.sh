#!/bin/bash
# Runs until stopped; listens nowhere.
touch "$MYCELIUM_DATA_DIR/done"
exec sleep 300
