import os
import sys

script = os.path.basename(sys.argv[0])
argument_count = len(sys.argv)
module_name = __name__
has_file = "__file__" in globals()
file_name = os.path.basename(__file__)
