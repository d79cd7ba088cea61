x1 = recolor_nonzero(I, 8)
x2 = vlines(x1, 8)
x3 = overlay_grids(x2, I)
O = tile(x3, 2, 2)
