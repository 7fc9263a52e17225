"""Homework 8: LSTM gradients.

Student: A. Student
"""
import textwrap

doc_first_line = __doc__.splitlines()[0]
wrapped = textwrap.fill("the derivative of the sigmoid is sigma times one minus sigma", 20)
