x1 = least_common_color(I)
x2 = remove_duplicate_lines(I)
x3 = erase_color(x2, x1)
O = remove_empty_lines(x3)
