"""`python -m grader` runs the command line."""
from grader.cli import main

if __name__ == "__main__":  # not when a worker process is started from this module (spawn)
    main()
