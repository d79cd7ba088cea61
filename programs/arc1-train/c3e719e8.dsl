x1 = most_common_color(I)
x2 = mask_of_color(I, x1)
O = kron(x2, I)
