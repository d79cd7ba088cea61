x1 = nth_cols_mask(I, 3)
x2 = mask_of_color(I, 4)
x3 = mask_and(x1, x2)
O = fill_mask(I, x3, 6)
