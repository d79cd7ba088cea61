x1 = objects_4(I)
O = fill_inner_all(I, x1, 8)
