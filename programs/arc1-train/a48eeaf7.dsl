x1 = objects_4(I)
x2 = select_by_color(x1, 5)
x3 = color_object(I, 2)
O = move_all_to_touch(I, x2, x3)
