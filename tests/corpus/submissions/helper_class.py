class Conv2D:
    def __init__(self, c_in, c_out, k, stride=1, padding=0):
        self.c_in, self.c_out, self.k = c_in, c_out, k
        self.stride, self.padding = stride, padding

    def out_size(self, n):
        return (n + 2*self.padding - self.k)//self.stride + 1

    @property
    def n_params(self):
        return self.k*self.k*self.c_in*self.c_out + self.c_out

    def __repr__(self):
        return f"Conv2D({self.c_in}->{self.c_out}, k={self.k})"


layer = Conv2D(3, 16, 5, stride=2, padding=2)
out = layer.out_size(64)
n_params = layer.n_params
description = repr(layer)
layers = [Conv2D(16, 16, 3) for _ in range(3)]
total_params = sum(l.n_params for l in layers)
