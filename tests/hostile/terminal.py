# Tries to reach the instructor's terminal.
try:
    with open("/dev/tty", "w") as tty:
        tty.write("grader-hostile: your terminal is mine\n")
    reached_terminal = True
except OSError:
    reached_terminal = False
