def classify(shape):
    match shape:
        case (h, w) if h == w:
            return "square"
        case (h, w):
            return "rectangle"
        case _:
            return "other"


kinds = [classify(s) for s in [(3, 3), (26, 28), (1, 2, 3)]]
data = [4, 8, 15, 16, 23, 42]
if (n := len(data)) > 5:
    big = n
