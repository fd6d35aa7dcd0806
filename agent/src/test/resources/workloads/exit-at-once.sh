#!/bin/bash
echo "starting" 
echo "fatal: config file app.toml not found" >&2
exit 3
