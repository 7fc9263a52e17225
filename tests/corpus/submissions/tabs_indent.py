def fan_in(k, c):
	return k * k * c


class Net:
	def __init__(self):
		self.sizes = []
		for k in (3, 5):
			if k > 3:
				self.sizes.append(fan_in(k, 16))
			else:
				self.sizes.append(fan_in(k, 3))


sizes = Net().sizes
with_tab = "a\tb"
