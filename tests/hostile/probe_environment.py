# Reports what the submission can see and do; the tests check the sandbox's isolation with it.
import os
import socket

uid = os.getuid()
gid = os.getgid()
environment = dict(os.environ)
working_dir_listing = sorted(os.listdir("."))
interfaces = sorted(name for _, name in socket.if_nameindex())
visible_processes = sum(1 for name in os.listdir("/proc") if name.isdigit())
try:
    open("/etc/grader-sandbox-probe", "w").close()
    os.remove("/etc/grader-sandbox-probe")
    can_write_etc = True
except OSError:
    can_write_etc = False
