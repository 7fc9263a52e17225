"""Adapters from the grading core to outside systems: Otter-Grader and Gradescope."""

OTTER_PLUGIN = "grader.integrations.otter.GraderPlugin"  # as named in otter_config.json
