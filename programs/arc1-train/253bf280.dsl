x1 = connect_hv(I, 8)
x2 = cells_and_not(x1, I, 3)
O = overlay_grids(I, x2)
