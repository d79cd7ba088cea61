x1 = objects_4(I)
x2 = frame_all(I, x1, 3)
O = fill_holes_all(x2, x1, 4)
