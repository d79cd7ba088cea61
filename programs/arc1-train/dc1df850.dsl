x1 = mask_of_color(I, 2)
x2 = mask_halo(x1)
O = underfill_mask(I, x2, 1)
