x1 = objects_4(I)
O = color_by_size_rank(I, x1)
