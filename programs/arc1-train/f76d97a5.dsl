x1 = erase_color(I, 5)
x2 = most_common_nonzero_color(x1)
x3 = replace_color(I, x2, 0)
O = replace_color(x3, 5, x2)
