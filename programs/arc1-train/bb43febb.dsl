x1 = objects_except(I, 0)
O = fill_inner_all(I, x1, 2)
