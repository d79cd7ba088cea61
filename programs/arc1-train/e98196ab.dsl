x1 = top_half(I)
x2 = bottom_half(I)
O = overlay_grids(x1, x2)
