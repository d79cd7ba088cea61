x1 = objects_4(I)
x2 = color_by_size(I, x1)
O = swap_colors(x2, 1, 3)
