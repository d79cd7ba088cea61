x1 = erase_color(I, 5)
O = downscale_majority(x1, 3)
