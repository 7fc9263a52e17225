import copy
import pickle


class Point:
    def __init__(self, x, y):
        self.x, self.y = x, y

    def __eq__(self, other):
        return (self.x, self.y) == (other.x, other.y)


original = Point(2, 3)
restored = pickle.loads(pickle.dumps(original))
round_trip_ok = restored == original
deep = copy.deepcopy([original])[0].x
