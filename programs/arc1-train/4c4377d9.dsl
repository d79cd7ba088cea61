x1 = flip_v(I)
O = vconcat(x1, I)
