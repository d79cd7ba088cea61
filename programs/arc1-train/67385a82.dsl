x1 = objects_except(I, 0)
x2 = drop_by_size(x1, 1)
O = recolor_objects(I, x2, 8)
