"""Renderers of graded results: they format, they compute nothing."""
