x1 = color_object(I, 3)
x2 = color_object(I, 4)
x3 = direction_to(x1, x2)
O = move_object(I, x1, x3)
