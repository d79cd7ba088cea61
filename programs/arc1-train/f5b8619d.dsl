x1 = mask_nonzero(I)
x2 = mask_cols(x1)
x3 = underfill_mask(I, x2, 8)
O = tile(x3, 2, 2)
