"""Runs a program on a pseudo-terminal, as a person at a terminal would (the REPL and jupyter console
specs): each step types keys, then waits for text on the screen.

Usage: pty_driver.py STEPS_JSON PROGRAM [ARGS...]   (STEPS_JSON: [[keys, expected text, delay s], ...])
Prints one JSON object: {"screen": all output, "status": the program's wait status (None if it had to
be killed), "timeout": the text waited for in vain, when one was}.
"""
import json
import os
import pty
import select
import sys
import time

steps = json.loads(sys.argv[1])
pid, fd = pty.fork()
if pid == 0:
    os.execvp(sys.argv[2], sys.argv[2:])
out = b""


def read_for(seconds, until=None, mark=0):
    """Reads the screen for up to `seconds`; True as soon as `until` appears after `mark`."""
    global out
    end = time.time() + seconds
    while time.time() < end:
        if until is not None and until.encode() in out[mark:]:
            return True
        r, _, _ = select.select([fd], [], [], 0.05)
        if r:
            try:
                out += os.read(fd, 65536)
            except OSError:
                break
    return until is not None and until.encode() in out[mark:]


def finish(**extra):
    # The program may still be writing or exiting: read on for a moment, then collect or kill it.
    status = None
    end = time.time() + 5
    while time.time() < end:
        read_for(0.1)
        done, st = os.waitpid(pid, os.WNOHANG)
        if done:
            status = st
            break
    if status is None:
        try:
            os.kill(pid, 9)
            os.waitpid(pid, 0)
        except OSError:
            pass
    sys.stdout.write(json.dumps({"screen": out.decode(errors="replace"), "status": status, **extra}))
    sys.exit(0)


for keys, expect, delay in steps:
    time.sleep(delay)
    mark = len(out)
    if keys:
        os.write(fd, keys.encode())
    if expect and not read_for(30, expect, mark):
        finish(timeout=expect)
finish()
