#!/usr/bin/python3
# Accepts TCP connections on $PORT and closes them at once.
import os, socket
s = socket.socket()
s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
s.bind((os.environ["MYCELIUM_BIND_ADDRESS"], int(os.environ["PORT"])))
s.listen(16)
while True:
    c, _ = s.accept()
    c.close()
