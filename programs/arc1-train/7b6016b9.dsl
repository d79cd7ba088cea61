x1 = fill_enclosed(I, 2)
O = fill_zero(x1, 3)
