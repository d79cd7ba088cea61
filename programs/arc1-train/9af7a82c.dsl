x1 = pad(I, 0)
x2 = pad(x1, 0)
x3 = color_histogram(x2)
O = transpose(x3)
