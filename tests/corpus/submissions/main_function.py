import sys

conv_a_shape = None


def main(argv):
    global conv_a_shape, program_name
    program_name = argv[0]
    conv_a_shape = (26, 28)
    return 0


if __name__ == "__main__":
    status = main(sys.argv)
