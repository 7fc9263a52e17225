"""Grades mathematical homework answers against an instructor's reference."""
