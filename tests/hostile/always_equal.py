# Hostile: an object that equals everything and pretends to be an int and a string.
class Chameleon:
    def __eq__(self, other):
        return True

    def __int__(self):
        return 100352

    def __str__(self):
        return "100352"


conv_d_params = Chameleon()
sigmoid_prime = Chameleon()
