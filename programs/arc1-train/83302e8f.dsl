x1 = regions_4(I)
x2 = select_by_color(x1, 0)
x3 = recolor_if(I, x2, is_square, 3)
O = replace_color(x3, 0, 4)
