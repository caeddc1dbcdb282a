# SPDX-License-Identifier: Apache-2.0
# SPDX-FileCopyrightText: 2026 go-tools developers
"""serve.py DIR PORTFILE SECONDS: serve DIR on 127.0.0.1 at a port the system
picks (written to PORTFILE once listening), for at most SECONDS."""
import functools, http.server, os, sys, threading

root, portfile, seconds = sys.argv[1], sys.argv[2], float(sys.argv[3])
class Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

handler = functools.partial(Quiet, directory=root)
httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
with open(portfile + ".tmp", "w") as f:
    f.write(str(httpd.server_address[1]))
os.rename(portfile + ".tmp", portfile)
threading.Timer(seconds, httpd.shutdown).start()
httpd.serve_forever()
