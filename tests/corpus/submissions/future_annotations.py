from __future__ import annotations

from typing import NamedTuple


class Shape(NamedTuple):
    height: int
    width: int

    def area(self) -> int:
        return self.height * self.width


conv_a_shape: Shape = Shape(26, 28)
area: int = conv_a_shape.area()
annotated = sorted(__annotations__)
