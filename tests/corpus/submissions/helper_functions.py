"""Week 8 answers, with helpers so I can check my arithmetic."""


def conv_output(size, kernel, padding=0, stride=1):
    return (size + 2 * padding - kernel) // stride + 1


def params(k, c_in, c_out, bias=True):
    return k * k * c_in * c_out + (c_out if bias else 0)


conv_a_shape = (conv_output(28, 3), conv_output(30, 3))
conv_c_input_size = next(n for n in range(1, 200) if conv_output(n, 9, padding=1, stride=3) == 16)
conv_d_params = params(7, 32, 64, bias=False)
conv_e_params = params(1, 256, 256, bias=False)
