import os

import matplotlib

matplotlib.use("Agg")
# The tests (and the notebooks they execute) check answers without logging them in the checkout's attempt log
# (simulator.exercises.SCORES_ENV); tests/test_exercise_scores.py turns logging on in a temporary directory.
os.environ.setdefault("KETAMINE_SIM_SCORES", "off")
