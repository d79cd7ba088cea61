x1 = mask_of_color(I, 5)
x2 = mask_halo(x1)
O = fill_mask(I, x2, 1)
