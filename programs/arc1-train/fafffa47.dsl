x1 = top_half(I)
x2 = bottom_half(I)
O = cells_nor(x1, x2, 2)
