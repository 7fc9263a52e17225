"""After the batch: a JSON report read back, manual scores merged in, regrades compared, students matched
to submissions for the LMS. Plain data in, plain data out; the renderers live in grader/report/."""
