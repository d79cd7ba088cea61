x1 = objects_8(I)
x2 = select_by_size(x1, 1)
O = cover_all(I, x2)
