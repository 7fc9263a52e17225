# the course template asks for a name interactively; in grading there is no keyboard
try:
    student = input("Your name: ")
except EOFError:
    student = "anonymous"
conv_c_input_size = 53
answered_after_prompt = True
