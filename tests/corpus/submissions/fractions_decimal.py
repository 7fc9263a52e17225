from decimal import Decimal
from fractions import Fraction

rate = Fraction(1, 80)
rate_as_float = float(rate)
rate_text = str(rate)
money = Decimal("0.10") * 3
money_text = str(money)
