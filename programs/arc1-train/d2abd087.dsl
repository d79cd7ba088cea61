x1 = objects_4(I)
x2 = recolor_objects(I, x1, 1)
x3 = select_by_size(x1, 6)
O = recolor_objects(x2, x3, 2)
