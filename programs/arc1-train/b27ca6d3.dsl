x1 = objects_4(I)
x2 = select_by_size(x1, 2)
O = frame_all(I, x2, 3)
