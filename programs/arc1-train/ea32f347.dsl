x1 = objects_4(I)
x2 = color_by_size_rank(I, x1)
x3 = replace_color(x2, 2, 4)
O = replace_color(x3, 3, 2)
