x1 = mask_of_color(I, 2)
O = kron(x1, I)
