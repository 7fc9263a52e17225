"""Parent side, portable runner: start a process in a tree of its own, and kill the whole tree.

- POSIX (macOS, Linux): the process leads a new session and process group; `kill` sends SIGKILL
  to the group, so what the student's code started (subprocesses, multiprocessing workers,
  plain forks) dies with it. A descendant that starts a session of its own escapes; the Linux
  sandbox catches those (PID namespace or subreaper), this runner cannot without /proc.
- Windows: the process is put in a job object before it is sent any code, and every process it
  starts joins the job; `kill` terminates the job. (A Windows venv's python.exe is a launcher
  that starts the real interpreter as its child: the job holds both.)
"""
from __future__ import annotations

import os
import signal
import subprocess


class ProcessTree:
    def __init__(self, command: list[str], **popen_args):
        if os.name == "nt":
            self.process = subprocess.Popen(command, creationflags=subprocess.CREATE_NEW_PROCESS_GROUP, **popen_args)
            try:
                self._job = _windows_job(int(self.process._handle))
            except OSError:
                self.process.kill()
                raise
        else:
            self.process = subprocess.Popen(command, start_new_session=True, **popen_args)

    def kill(self) -> None:
        """Kill the process and every process it started (that is still in its tree)."""
        if os.name == "nt":
            _kernel32().TerminateJobObject(self._job, 1)
            return
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError):  # the group is already gone
            pass

    def close(self) -> None:
        if os.name == "nt":
            _kernel32().CloseHandle(self._job)  # KILL_ON_JOB_CLOSE: nothing of the run outlives this


def _kernel32():
    import ctypes
    from ctypes import wintypes

    kernel32 = ctypes.WinDLL("kernel32", use_last_error=True)
    kernel32.CreateJobObjectW.restype = wintypes.HANDLE
    kernel32.CreateJobObjectW.argtypes = (ctypes.c_void_p, wintypes.LPCWSTR)
    kernel32.SetInformationJobObject.argtypes = (wintypes.HANDLE, ctypes.c_int, ctypes.c_void_p, wintypes.DWORD)
    kernel32.AssignProcessToJobObject.argtypes = (wintypes.HANDLE, wintypes.HANDLE)
    kernel32.TerminateJobObject.argtypes = (wintypes.HANDLE, wintypes.UINT)
    kernel32.CloseHandle.argtypes = (wintypes.HANDLE,)
    return kernel32


def _windows_job(process_handle: int):
    """A job object that kills its processes when closed, holding the given process."""
    import ctypes
    from ctypes import wintypes

    class BasicLimits(ctypes.Structure):
        _fields_ = [("PerProcessUserTimeLimit", ctypes.c_int64), ("PerJobUserTimeLimit", ctypes.c_int64),
                    ("LimitFlags", wintypes.DWORD), ("MinimumWorkingSetSize", ctypes.c_size_t),
                    ("MaximumWorkingSetSize", ctypes.c_size_t), ("ActiveProcessLimit", wintypes.DWORD),
                    ("Affinity", ctypes.c_size_t), ("PriorityClass", wintypes.DWORD),
                    ("SchedulingClass", wintypes.DWORD)]

    class ExtendedLimits(ctypes.Structure):
        _fields_ = [("BasicLimitInformation", BasicLimits), ("IoInfo", ctypes.c_uint64 * 6),
                    ("ProcessMemoryLimit", ctypes.c_size_t), ("JobMemoryLimit", ctypes.c_size_t),
                    ("PeakProcessMemoryUsed", ctypes.c_size_t), ("PeakJobMemoryUsed", ctypes.c_size_t)]

    kernel32 = _kernel32()
    job = kernel32.CreateJobObjectW(None, None)
    if not job:
        raise ctypes.WinError(ctypes.get_last_error())
    limits = ExtendedLimits()
    limits.BasicLimitInformation.LimitFlags = 0x2000  # JOB_OBJECT_LIMIT_KILL_ON_JOB_CLOSE
    if not (kernel32.SetInformationJobObject(job, 9, ctypes.byref(limits), ctypes.sizeof(limits))  # extended limits
            and kernel32.AssignProcessToJobObject(job, process_handle)):
        error = ctypes.WinError(ctypes.get_last_error())
        kernel32.CloseHandle(job)
        raise error
    return job
