x1 = most_common_color(I)
x2 = recolor_nonzero(I, x1)
O = replace_color(x2, 0, x1)
