x1 = color_object(I, 2)
x2 = color_object(I, 8)
O = move_to_touch(I, x1, x2)
