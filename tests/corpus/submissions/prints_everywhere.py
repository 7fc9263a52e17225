import math

print("starting homework")
for k in range(1, 4):
    print(f"k={k}: {math.comb(10, k)}")
conv_d_params = 7 * 7 * 32 * 64
print("params", conv_d_params, sep=" = ", end="\n\n")
print("done", flush=True)
summary = f"{conv_d_params:,}"
