x1 = connect_hv(I, 1)
x2 = mask_equal(I, x1)
x3 = mask_not(x2)
O = fill_mask(I, x3, 8)
