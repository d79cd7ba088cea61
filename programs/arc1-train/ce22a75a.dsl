x1 = mask_of_color(I, 5)
x2 = mask_dilate8(x1)
O = mask_to_grid(x2, 1)
