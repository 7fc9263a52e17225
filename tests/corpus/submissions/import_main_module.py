import sys
import __main__

answer = 42
same_module = __main__.answer == 42
in_sys_modules = sys.modules["__main__"] is __main__
main_has_answer = hasattr(sys.modules["__main__"], "answer")
