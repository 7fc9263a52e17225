# Hostile: an int subclass that claims to equal everything.
class Sly(int):
    def __eq__(self, other):
        return True

    __hash__ = int.__hash__


conv_d_params = Sly(1)
