x1 = connect_hv(I, 4)
x2 = fill_enclosed(x1, 2)
x3 = mask_of_color(x2, 2)
O = fill_mask(I, x3, 2)
