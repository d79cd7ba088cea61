x1 = extend_pattern(I, 9, 3)
O = replace_color(x1, 1, 2)
